/**
 * Mail over SMTP through nodemailer, for the Node home only (MAIL_TRANSPORT=smtp): nodemailer needs node:net
 * and node:tls, so only src/node.ts imports this module and the Worker bundle never sees it.
 *
 * SMTP_URL carries the server and its credentials: smtp://user:pass@host:587 upgrades with STARTTLS when the
 * server offers it, smtps://…:465 speaks TLS from the start. Every mail goes out with its text part, its HTML
 * part when it has one, and its extra headers (List-Unsubscribe …).
 * nodemailer loads on the first send: about 14 MB of a server's memory that other transports never need.
 */
import type { Transporter } from 'nodemailer';
import type { Mailer } from '../deps';

export interface SmtpMailOptions {
  url: string;
  from: string;
  /** Per connection phase; a stuck server must not hold a delivery run for long. */
  timeoutMs?: number;
}

/** Thrown for a failed send: nodemailer's code and the server's reply code, never its words (they quote the address). */
export class SmtpSendError extends Error {
  override name = 'SmtpSendError';
  constructor(
    readonly code: string | null,
    readonly responseCode: number | null,
  ) {
    super(`The SMTP send failed${code ? ` (${code})` : ''}${responseCode ? ` with ${responseCode}` : ''}`);
  }
  /** For logs and the outbox's last_error (src/mail/failure.ts). */
  get reason(): string {
    return ['smtp', this.code, this.responseCode].filter((part) => part !== null).join(' ');
  }
}

function smtpError(err: unknown): SmtpSendError {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown };
  const code = typeof e.code === 'string' && /^[A-Z0-9_]{1,32}$/.test(e.code) ? e.code : null;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  return new SmtpSendError(code, responseCode);
}

export function smtpMailer(options: SmtpMailOptions): Mailer {
  const timeout = options.timeoutMs ?? 15_000;
  let transport: Promise<Transporter> | undefined;
  const opened = () =>
    (transport ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({
        url: options.url,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
        // Never let nodemailer log (its debug output quotes envelopes).
        logger: false,
        debug: false,
      }),
    ));
  return {
    async send(mail) {
      const smtp = await opened();
      try {
        await smtp.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          headers: mail.headers ?? {},
        });
      } catch (err) {
        throw smtpError(err);
      }
    },
  };
}
