/**
 * Mail through a transactional mail API over HTTPS: one JSON POST per mail, using only `fetch`, so it runs on
 * Workers and Node alike. The body is `{ from, to: [to], subject, text, html?, headers? }` with `Authorization: Bearer <key>`
 * (Resend's API; most providers accept this shape or sit behind a relay that does).
 *
 * The outbox stays the source of truth: any failure throws, the row stays unsent, and the next delivery run
 * retries it. The Idempotency-Key (a hash of the mail) lets the provider drop the duplicate when a send that
 * timed out on our side had in fact gone through.
 */
import type { Config } from '../config';
import type { Mailer, OutgoingMail } from '../deps';
import { sha256Hex } from '../domain/crypto';
import { consoleMailer, noMailer } from './transports';

export interface HttpMailOptions {
  url: string;
  from: string;
  apiKey: string;
  /** Per send; a slow provider must not hold a delivery run (or a Worker's waitUntil) for long. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Thrown for a failed send. Says which status came back, never the address or the provider's body. */
export class MailSendError extends Error {
  override name = 'MailSendError';
  constructor(readonly status: number | null) {
    super(status === null ? 'The mail API could not be reached' : `The mail API answered ${status}`);
  }
}

/** Resend's shape: html and headers only when the mail has them. */
function httpMailBody(from: string, mail: OutgoingMail) {
  const headers = mail.headers && Object.keys(mail.headers).length > 0 ? mail.headers : undefined;
  return { from, to: [mail.to], subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}), ...(headers ? { headers } : {}) };
}

export function httpMailer(options: HttpMailOptions): Mailer {
  const doFetch = options.fetch ?? fetch;
  return {
    async send(mail) {
      let res: Response;
      try {
        res = await doFetch(options.url, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${options.apiKey}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': await sha256Hex(`${mail.to}\n${mail.subject}\n${mail.text}`),
          },
          body: JSON.stringify(httpMailBody(options.from, mail)),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch {
        throw new MailSendError(null);
      }
      // Release the connection either way; the provider's answer is not needed (and may quote the address).
      await res.body?.cancel();
      if (!res.ok) throw new MailSendError(res.status);
    },
  };
}

/** The mailer a configuration asks for, the same on every home. */
export function mailerFor(config: Config, fetchImpl?: typeof fetch): Mailer {
  if (config.mailTransport === 'http' && config.httpMail) return httpMailer({ ...config.httpMail, fetch: fetchImpl });
  return config.mailTransport === 'console' ? consoleMailer : noMailer;
}
