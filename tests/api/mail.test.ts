import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import type { Mailer, OutgoingMail } from '../../src/deps';
import { requestSignInLink } from '../../src/domain/identity/auth';
import { LIMITS } from '../../src/domain/limits/table';
import { queueMail } from '../../src/domain/mail/queue';
import { MAX_ATTEMPTS } from '../../src/domain/mail/retry';
import { deliverOutbox } from '../../src/jobs/outbox';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { mailSettled } from '../helpers/sign-in';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const askLink = (email: string) => t.call('POST', '/api/auth/email-link', { body: { email } });

describe('mail', () => {
  it('sends at most signInPerAddress sign-in mails to one address per window, then answers 429', async () => {
    const { max } = LIMITS.signInPerAddress;
    for (let i = 0; i < max; i++) expect((await askLink('flood@example.org')).status).toBe(202);
    const refused = await askLink('Flood@Example.org');
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limited');
    await mailSettled(t);
    expect(await t.db.select().from(outbox).where(eq(outbox.to, 'flood@example.org'))).toHaveLength(max);
    expect(await askLink('other@example.org')).toMatchObject({ status: 202 });

    t.clock.advance(3_600_001);
    expect((await askLink('flood@example.org')).status).toBe(202);
    await mailSettled(t);
    expect(await t.db.select().from(outbox).where(eq(outbox.to, 'flood@example.org'))).toHaveLength(max + 1);
  });

  it('counts only sign-in requests against the sign-in limit (not other mail to the address), and hands html and list headers to the transport', async () => {
    const headers = { 'List-Id': '<demo.kindling.example>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    await t.db.batch([
      ...Array.from({ length: LIMITS.signInPerAddress.max }, () =>
        queueMail(t.db, { to: 'busy@example.org', subject: 'Today', text: 'plain', html: '<p>rich</p>', headers, kind: 'reminder' }, t.clock.now()),
      ),
    ] as [ReturnType<typeof queueMail>]);
    await askLink('busy@example.org');
    await mailSettled(t);
    const kinds = (await t.db.select().from(outbox).where(eq(outbox.to, 'busy@example.org'))).map((m) => m.kind);
    expect(kinds.filter((k) => k === 'sign_in')).toHaveLength(1);

    // The request's own delivery ran on the outbox-only transport; send the queue again through a real one.
    await t.db.update(outbox).set({ sentAt: null });
    const sent: OutgoingMail[] = [];
    await deliverOutbox(t.db, { async send(mail) { sent.push(mail); } }, t.clock.now());
    const reminder = sent.find((m) => m.subject === 'Today')!;
    expect(reminder).toMatchObject({ text: 'plain', html: '<p>rich</p>', headers });
    expect(sent.find((m) => m.subject !== 'Today')!.headers).toEqual({});
  });

  it('delivers each mail once even when two runs overlap, and retries a failed send later', async () => {
    await t.db.insert(outbox).values([1, 2, 3].map((n) => ({ to: `m${n}@example.org`, subject: 's', text: 'x', actionUrl: null, createdAt: 0 })));
    const delivered: OutgoingMail[] = [];
    let failNext = true;
    const slowMailer: Mailer = {
      async send(mail) {
        await new Promise((r) => setTimeout(r, 5));
        if (mail.to === 'm2@example.org' && failNext) {
          failNext = false;
          throw new Error('smtp down');
        }
        delivered.push(mail);
      },
    };
    await Promise.all([deliverOutbox(t.db, slowMailer, t.clock.now()), deliverOutbox(t.db, slowMailer, t.clock.now())]);
    expect(delivered.map((m) => m.to).sort()).toEqual(['m1@example.org', 'm3@example.org']);

    // The failed one waits out its backoff (at most a minute after a first failure).
    t.clock.advance(60_000);
    await deliverOutbox(t.db, slowMailer, t.clock.now());
    expect(delivered.map((m) => m.to).sort()).toEqual(['m1@example.org', 'm2@example.org', 'm3@example.org']);
    const rows = await t.db.select().from(outbox);
    expect(rows.every((r) => r.sentAt !== null)).toBe(true);
    expect(rows.find((r) => r.to === 'm2@example.org')!.attempts).toBe(2);
  });

  it('keeps no live sign-in token once a mail is sent (issue 21)', async () => {
    // Queued without the request's own delivery, which in tests goes to the outbox-only transport.
    await requestSignInLink(t.db, { email: 'kept@example.org', baseUrl: 'https://k.example' }, t.clock.now());
    const sent: OutgoingMail[] = [];
    const realMailer: Mailer = { async send(mail) { sent.push(mail); } };
    expect(await deliverOutbox(t.db, realMailer, t.clock.now())).toBe(1);
    // The mail went out with its link ...
    const token = new URL(sent[0]!.actionUrl!).searchParams.get('token')!;
    expect(sent[0]!.text).toContain(token);
    // ... and the row kept nothing of it.
    const [row] = await t.db.select().from(outbox).where(eq(outbox.to, 'kept@example.org'));
    expect(row!.sentAt).not.toBeNull();
    expect(row!.actionUrl).toBeNull();
    expect(row!.text).not.toContain(token);
    expect(row!.text).not.toContain('token=');
    // The link itself still works: only the mail's copy was removed.
    expect((await t.call('POST', '/api/auth/confirm', { body: { token } })).status).toBe(200);
  });

  it('removes links once they expire, gives up on mail too late to help, and purges mail after a day', async () => {
    // MAIL_TRANSPORT=none: the outbox is where mail is read, so a sent mail keeps its link while it works.
    expect((await askLink('none@example.org')).status).toBe(202);
    await mailSettled(t);
    const read = async (to: string) => (await t.db.select().from(outbox).where(eq(outbox.to, to)))[0];
    expect((await read('none@example.org'))!.actionUrl).toContain('token=');
    // A mail never sent (its transport down) whose link has expired.
    await t.db.insert(outbox).values({
      to: 'late@example.org', subject: 's', text: 'Open https://k.example/auth/confirm?token=secret1 now',
      actionUrl: 'https://k.example/auth/confirm?token=secret1', createdAt: t.clock.now().getTime(),
    });

    t.clock.advance(10 * 60_000 + 1);
    await tick(t.db, t.clock.now());
    for (const to of ['none@example.org', 'late@example.org']) {
      const row = (await read(to))!;
      expect(row.actionUrl).toBeNull();
      expect(row.text).not.toContain('token=');
    }
    const failing: Mailer = { async send() { throw new Error('should not be sent'); } };
    expect(await deliverOutbox(t.db, failing, t.clock.now())).toBe(0);
    expect((await read('late@example.org'))!).toMatchObject({ sentAt: null, attempts: MAX_ATTEMPTS, lastError: 'link expired' });

    t.clock.advance(24 * 3_600_000);
    await tick(t.db, t.clock.now());
    expect(await t.db.select().from(outbox)).toEqual([]);
  });
});
