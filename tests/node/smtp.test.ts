/**
 * MAIL_TRANSPORT=smtp (Node): nodemailer against a real SMTP listener on a local port (a small one written
 * here, speaking just enough ESMTP), through the outbox: what arrives, and how a refusal is kept and logged.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { outbox } from '../../db/schema';
import { parseConfig } from '../../src/config';
import { queueMail } from '../../src/domain/mail/queue';
import { deliverOutbox } from '../../src/jobs/outbox';
import { mailerFor } from '../../src/mail/http';
import { smtpMailer } from '../../src/mail/smtp';
import { makeTestApp, type TestApp } from '../helpers/app';

interface Received {
  auth: string[];
  from: string;
  to: string[];
  data: string;
}

let server: Server;
let port: number;
let received: Received[] = [];
let refuseRecipients = false;

/** One line in, one reply out; DATA runs to the lone dot. Enough of RFC 5321 for one client. */
function listen(): Promise<void> {
  server = createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let current: Received = { auth: [], from: '', to: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 localhost ESMTP test');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { auth: [], from: '', to: [], data: '' };
          reply('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250-localhost\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME');
        else if (verb === 'AUTH') (current.auth.push(line), reply('235 2.7.0 Authentication successful'));
        else if (verb === 'MAIL') (current.from = line, reply('250 2.1.0 OK'));
        else if (verb === 'RCPT') refuseRecipients ? reply(`550 5.1.1 ${line.slice(8)} User unknown`) : (current.to.push(line), reply('250 2.1.5 OK'));
        else if (verb === 'DATA') (inData = true, reply('354 End data with <CR><LF>.<CR><LF>'));
        else if (verb === 'QUIT') (reply('221 2.0.0 Bye'), socket.end());
        else reply('250 OK');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    port = (server.address() as { port: number }).port;
    resolve();
  }));
}

let t: TestApp;
beforeAll(listen);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  received = [];
  refuseRecipients = false;
  vi.restoreAllMocks();
  t?.close();
});

const url = () => `smtp://kindling:s3cret@127.0.0.1:${port}`;
const headers = {
  'List-Unsubscribe': '<https://k.example/u/abc>',
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  'List-Id': '<sketchers.k.example>',
};

describe('MAIL_TRANSPORT=smtp', () => {
  it('needs SMTP_URL and MAIL_FROM, and is refused by the shared mailer (Workers cannot open sockets)', () => {
    expect(() => parseConfig({ MAIL_TRANSPORT: 'smtp' })).toThrow(/SMTP_URL.*MAIL_FROM/);
    expect(() => parseConfig({ MAIL_TRANSPORT: 'smtp', SMTP_URL: 'https://x', MAIL_FROM: 'k@example.org' })).toThrow(/SMTP_URL/);
    const config = parseConfig({ MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtps://u:p@mail.example.org:465', MAIL_FROM: 'Kindling <k@example.org>' });
    expect(config.smtpMail).toEqual({ url: 'smtps://u:p@mail.example.org:465', from: 'Kindling <k@example.org>' });
    expect(() => mailerFor(config)).toThrow(/Node only/);
  });

  it('delivers the text and HTML parts and the list headers, signed in with the URL’s credentials', async () => {
    t = await makeTestApp();
    await queueMail(
      t.db,
      { to: 'ada@example.org', subject: 'Today in Sketchers', text: 'Plain part here', html: '<p>Rich <b>part</b> here</p>', headers, kind: 'reminder' },
      t.clock.now(),
    );
    const mailer = smtpMailer({ url: url(), from: 'Kindling <k@example.org>' });
    expect(await deliverOutbox(t.db, mailer, t.clock.now())).toBe(1);
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(Buffer.from(mail!.auth[0]!.split(' ')[2]!, 'base64').toString()).toBe('\0kindling\0s3cret');
    expect(mail!.from).toBe('MAIL FROM:<k@example.org>');
    expect(mail!.to).toEqual(['RCPT TO:<ada@example.org>']);
    const data = mail!.data;
    expect(data).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(data).toMatch(/^Content-Type: text\/plain/m);
    expect(data).toMatch(/^Content-Type: text\/html/m);
    expect(data).toContain('Plain part here');
    expect(data).toContain('<p>Rich <b>part</b> here</p>');
    expect(data).toMatch(/^List-Unsubscribe: <https:\/\/k\.example\/u\/abc>$/m);
    expect(data).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(data).toMatch(/^List-Id: <sketchers\.k\.example>$/im);
    expect(data).toMatch(/^Subject: Today in Sketchers$/m);
  });

  it('keeps a refused mail for a later attempt with the reply code as its reason, never the address', async () => {
    t = await makeTestApp();
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
    await queueMail(t.db, { to: 'gone@example.org', subject: 'Hello', text: 'x', kind: 'notice' }, t.clock.now());
    refuseRecipients = true;
    const mailer = smtpMailer({ url: url(), from: 'k@example.org' });
    expect(await deliverOutbox(t.db, mailer, t.clock.now())).toBe(0);
    const [row] = await t.db.select().from(outbox);
    expect(row).toMatchObject({ sentAt: null, attempts: 1, lastError: 'smtp EENVELOPE 550' });
    expect(logged).toEqual(['[mail] send failed (attempt 1): smtp EENVELOPE 550 to g***@e***']);

    refuseRecipients = false;
    t.clock.advance(60_000);
    expect(await deliverOutbox(t.db, mailer, t.clock.now())).toBe(1);
  });
});
