import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import type { Mailer, OutgoingMail } from '../../src/deps';
import { LINKS_PER_HOUR } from '../../src/domain/auth';
import { deliverOutbox } from '../../src/jobs/outbox';
import { makeTestApp, type TestApp } from '../helpers/app';
import { mailSettled } from '../helpers/sign-in';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const askLink = (email: string) => t.call('POST', '/api/auth/email-link', { body: { email } });

describe('mail', () => {
  it('sends at most LINKS_PER_HOUR sign-in mails to one address per hour, answering the same every time', async () => {
    for (let i = 0; i < LINKS_PER_HOUR + 3; i++) expect((await askLink('flood@example.org')).status).toBe(202);
    await mailSettled(t);
    expect(await t.db.select().from(outbox).where(eq(outbox.to, 'flood@example.org'))).toHaveLength(LINKS_PER_HOUR);
    expect(await askLink('other@example.org')).toMatchObject({ status: 202 });

    t.clock.advance(3_600_001);
    await askLink('flood@example.org');
    await mailSettled(t);
    expect(await t.db.select().from(outbox).where(eq(outbox.to, 'flood@example.org'))).toHaveLength(LINKS_PER_HOUR + 1);
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

    await deliverOutbox(t.db, slowMailer, t.clock.now());
    expect(delivered.map((m) => m.to).sort()).toEqual(['m1@example.org', 'm2@example.org', 'm3@example.org']);
    const rows = await t.db.select().from(outbox);
    expect(rows.every((r) => r.sentAt !== null)).toBe(true);
    expect(rows.find((r) => r.to === 'm2@example.org')!.attempts).toBe(2);
  });
});
