/**
 * The outbox as a delivery worker: backoff between attempts, giving up, the reason kept without the address,
 * and readiness that turns 503 when mail waits too long and recovers once the transport works again.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outbox } from '../../db/schema';
import type { Mailer } from '../../src/deps';
import { queueMail } from '../../src/domain/mail/queue';
import { MAX_ATTEMPTS } from '../../src/domain/mail/retry';
import { deliverOutbox, mailCounters } from '../../src/jobs/outbox';
import { tick } from '../../src/jobs/tick';
import { MailSendError } from '../../src/mail/http';
import { makeTestApp, type TestApp } from '../helpers/app';
import { mailSettled } from '../helpers/sign-in';

let t: TestApp;
let logged: string[];
beforeEach(async () => {
  t = await makeTestApp();
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

const down: Mailer = {
  async send() {
    throw new MailSendError(503);
  },
};
const sentTo: string[] = [];
const up: Mailer = {
  async send(mail) {
    sentTo.push(mail.to);
  },
};
const minute = 60_000;

async function queueNotice(to = 'ada@example.org') {
  await queueMail(t.db, { to, subject: 'A notice', text: 'Hello', kind: 'notice' }, t.clock.now());
}
const row = async () => (await t.db.select().from(outbox))[0]!;
const deliver = (mailer: Mailer) => deliverOutbox(t.db, mailer, t.clock.now(), { random: () => 0 });

describe('delivery with backoff', () => {
  it('waits 1, 2, 4 … minutes between attempts, keeps the reason without the address, then gives up', async () => {
    await queueNotice();
    const before = { ...mailCounters };
    await deliver(down);
    expect(await row()).toMatchObject({ attempts: 1, lastError: 'http 503', nextAttemptAt: t.clock.now().getTime() + minute, sentAt: null });
    expect(logged).toContain('[mail] send failed (attempt 1): http 503 to a***@e***');
    expect(logged.join('\n')).not.toContain('ada@example.org');

    // Not due yet: no attempt.
    t.clock.advance(minute - 1);
    await deliver(down);
    expect((await row()).attempts).toBe(1);
    t.clock.advance(1);
    await deliver(down);
    expect(await row()).toMatchObject({ attempts: 2, nextAttemptAt: t.clock.now().getTime() + 2 * minute });

    for (let i = 0; i < 20; i++) {
      t.clock.advance(60 * minute);
      await deliver(down);
    }
    const given = await row();
    expect(given).toMatchObject({ attempts: MAX_ATTEMPTS, sentAt: null, lastError: 'http 503' });
    expect(given.givenUpAt).not.toBeNull();
    expect(logged.some((l) => l.startsWith(`[mail] gave up after ${MAX_ATTEMPTS} attempts: http 503`))).toBe(true);
    expect(mailCounters.failed - before.failed).toBe(MAX_ATTEMPTS);
    expect(mailCounters.givenUp - before.givenUp).toBe(1);

    // Given up is final: a working transport does not resend it.
    await deliver(up);
    expect((await row()).sentAt).toBeNull();
  });
});

describe('readiness', () => {
  it('shows a failing transport: the age grows with the clock, /readyz turns 503, and a working transport brings it back', async () => {
    await queueNotice();
    expect(await t.call('GET', '/readyz')).toMatchObject({
      status: 200,
      json: { ok: true, outbox: { oldestUnsentSeconds: 0, failing: 0, givenUp: 0 } },
    });
    await deliver(down);
    t.clock.advance(30 * minute);
    await deliver(down);
    const waiting = await t.call('GET', '/readyz');
    expect(waiting).toMatchObject({ status: 200, json: { outbox: { oldestUnsentSeconds: 1800, failing: 1 } } });

    t.clock.advance(31 * minute);
    await deliver(down);
    const late = await t.call('GET', '/readyz');
    expect(late.status).toBe(503);
    expect(late.json.error.code).toBe('unavailable');
    expect(late.json.outbox).toMatchObject({ oldestUnsentSeconds: 61 * 60, failing: 1 });
    expect(late.text).not.toContain('ada@');

    t.clock.advance(60 * minute);
    expect(await deliver(up)).toBe(1);
    expect(await t.call('GET', '/readyz')).toMatchObject({
      status: 200,
      json: { ok: true, outbox: { oldestUnsentSeconds: null, failing: 0, givenUp: 0 } },
    });
  });

  it('keeps counting sign-in mail that expired unsent, until a later send shows the transport works', async () => {
    expect((await t.call('POST', '/api/auth/email-link', { body: { email: 'grace@example.org' } })).status).toBe(202);
    // The request's own delivery went to the outbox-only transport; pretend it had failed instead.
    await mailSettled(t);
    await t.db.update(outbox).set({ sentAt: null });
    await deliver(down);
    // The link expires after ten minutes: the tick gives the mail up, but it still shows as unsent mail.
    t.clock.advance(20 * minute);
    await tick(t.db, t.clock.now());
    expect((await row()).givenUpAt).not.toBeNull();
    t.clock.advance(45 * minute);
    const late = await t.call('GET', '/readyz');
    expect(late).toMatchObject({ status: 503, json: { outbox: { oldestUnsentSeconds: 65 * 60, givenUp: 1, failing: 0 } } });

    await queueNotice('later@example.org');
    await deliver(up);
    expect(await t.call('GET', '/readyz')).toMatchObject({ status: 200, json: { outbox: { oldestUnsentSeconds: null, givenUp: 1 } } });
  });

  it('takes its threshold from MAIL_MAX_AGE_MINUTES', async () => {
    t.close();
    t = await makeTestApp(undefined, { MAIL_MAX_AGE_MINUTES: '5' });
    await queueNotice();
    t.clock.advance(5 * minute);
    expect((await t.call('GET', '/readyz')).status).toBe(200);
    t.clock.advance(1000);
    expect((await t.call('GET', '/readyz')).status).toBe(503);
  });
});
