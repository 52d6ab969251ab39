/**
 * The HTTP mail transport the Worker uses (fetch only), against a local stand-in for a mail API:
 * what it sends, how it fails, and that the outbox keeps a failed mail until a later run delivers it.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import { parseConfig } from '../../src/config';
import { requestSignInLink } from '../../src/domain/identity/auth';
import { deliverOutbox } from '../../src/jobs/outbox';
import { httpMailer, MailSendError, mailerFor } from '../../src/mail/http';
import { consoleMailer, noMailer } from '../../src/mail/transports';
import { makeTestApp, type TestApp } from '../helpers/app';

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: any;
}

let server: Server;
let url: string;
let received: Received[] = [];
let answer = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      received.push({ method: req.method!, headers: req.headers, body: JSON.parse(data) });
      res.writeHead(answer, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: 'msg_1', echo: 'someone@example.org' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/emails`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  received = [];
  answer = 200;
});

const mail = { to: 'mo@example.org', subject: 'Your Kindling sign-in link', text: 'Open https://k.example/auth/confirm?token=abc', actionUrl: 'https://k.example/auth/confirm?token=abc' };

describe('configuration', () => {
  it('needs an endpoint, a sender and a key for MAIL_TRANSPORT=http, and names what is missing without values', () => {
    expect(() => parseConfig({ MAIL_TRANSPORT: 'http' })).toThrow(/MAIL_HTTP_URL.*MAIL_FROM.*MAIL_API_KEY/);
    let message = '';
    try {
      parseConfig({ MAIL_TRANSPORT: 'http', MAIL_HTTP_URL: url, MAIL_API_KEY: 'sk_secret_value' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/MAIL_FROM/);
    expect(message).not.toContain('sk_secret_value');
    expect(() => parseConfig({ MAIL_TRANSPORT: 'http', MAIL_HTTP_URL: 'ftp://x', MAIL_FROM: 'a@b.c', MAIL_API_KEY: 'k' })).toThrow(/MAIL_HTTP_URL/);

    const config = parseConfig({ MAIL_TRANSPORT: 'http', MAIL_HTTP_URL: url, MAIL_FROM: 'Kindling <k@example.org>', MAIL_API_KEY: 'k' });
    expect(config.httpMail).toEqual({ url, from: 'Kindling <k@example.org>', apiKey: 'k' });
    expect(mailerFor(parseConfig({}))).toBe(consoleMailer);
    expect(mailerFor(parseConfig({ MAIL_TRANSPORT: 'none' }))).toBe(noMailer);
  });
});

describe('httpMailer', () => {
  it('posts the mail as JSON with the key as a Bearer token and a stable Idempotency-Key', async () => {
    const mailer = mailerFor(parseConfig({ MAIL_TRANSPORT: 'http', MAIL_HTTP_URL: url, MAIL_FROM: 'Kindling <k@example.org>', MAIL_API_KEY: 're_123' }));
    await mailer.send(mail);
    await mailer.send(mail);
    expect(received).toHaveLength(2);
    const [first, second] = received;
    expect(first!.method).toBe('POST');
    expect(first!.headers.authorization).toBe('Bearer re_123');
    expect(first!.headers['content-type']).toBe('application/json');
    expect(first!.body).toEqual({ from: 'Kindling <k@example.org>', to: ['mo@example.org'], subject: mail.subject, text: mail.text });
    expect(first!.headers['idempotency-key']).toMatch(/^[0-9a-f]{64}$/);
    expect(second!.headers['idempotency-key']).toBe(first!.headers['idempotency-key']);
  });

  it('adds the HTML part and the list headers when the mail has them', async () => {
    const mailer = mailerFor(parseConfig({ MAIL_TRANSPORT: 'http', MAIL_HTTP_URL: url, MAIL_FROM: 'k@example.org', MAIL_API_KEY: 'k' }));
    const headers = { 'List-Unsubscribe': '<https://k.example/u/x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    await mailer.send({ ...mail, html: '<p>Open</p>', headers });
    expect(received[0]!.body).toMatchObject({ html: '<p>Open</p>', headers });
  });

  it('fails on a non-2xx answer or no answer, saying neither the address nor the provider body', async () => {
    answer = 503;
    const mailer = httpMailer({ url, from: 'k@example.org', apiKey: 'k' });
    const failure = await mailer.send(mail).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(MailSendError);
    expect((failure as MailSendError).status).toBe(503);
    expect((failure as Error).message).not.toMatch(/@/);

    const closed = httpMailer({ url: 'http://127.0.0.1:9/emails', from: 'k@example.org', apiKey: 'k', timeoutMs: 2_000 });
    expect(await closed.send(mail).catch((err: MailSendError) => err.status)).toBeNull();
  });
});

describe('with the outbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp();
  });
  afterAll(() => t.close());

  it('keeps a mail the API refused and sends it on a later run', async () => {
    await requestSignInLink(t.db, { email: 'ana@example.org', baseUrl: 'https://k.example' }, t.clock.now());
    const mailer = httpMailer({ url, from: 'k@example.org', apiKey: 'k' });

    answer = 500;
    expect(await deliverOutbox(t.db, mailer, t.clock.now())).toBe(0);
    const [pending] = await t.db.select().from(outbox).where(eq(outbox.to, 'ana@example.org'));
    expect(pending).toMatchObject({ sentAt: null, attempts: 1, lastError: 'http 500' });

    answer = 200;
    // Not before its backoff (a minute after the first failure).
    expect(await deliverOutbox(t.db, mailer, t.clock.now())).toBe(0);
    t.clock.advance(60_000);
    expect(await deliverOutbox(t.db, mailer, t.clock.now())).toBe(1);
    const [sent] = await t.db.select().from(outbox).where(eq(outbox.to, 'ana@example.org'));
    expect(sent!.sentAt).not.toBeNull();
    expect(received.at(-1)!.body.text).toContain('https://k.example/auth/confirm?token=');
    // Both attempts carried the same key, so a provider that did get the first would drop the second.
    expect(new Set(received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });
});
