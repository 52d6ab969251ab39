/** queueMails: many mails as multi-row INSERTs, each under D1's 100 bound parameters. */
import { asc } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import { MAILS_PER_STATEMENT, queueMail, queueMails, storedHeaders, type QueuedMail } from '../../src/domain/mail/queue';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
afterEach(() => t.close());

const mail = (i: number): QueuedMail => ({
  to: `member${i}@example.org`,
  subject: `Subject ${i}`,
  text: `Text ${i}`,
  html: i % 2 ? `<p>${i}</p>` : null,
  headers: i % 3 ? { 'List-Id': `<l${i}.example>` } : {},
  kind: 'reminder',
  actionUrl: i % 2 ? null : `https://kindling.example/a/${i}`,
});

describe('queueMails', () => {
  it('splits many mails into statements under 100 parameters that store every mail as queueMail would', async () => {
    t = await makeTestApp();
    const now = t.clock.now();
    const mails = Array.from({ length: 2 * MAILS_PER_STATEMENT + 1 }, (_, i) => mail(i + 1));
    const statements = queueMails(t.db, mails, now);
    expect(statements).toHaveLength(3);
    for (const s of statements) expect(s.toSQL().params.length).toBeLessThanOrEqual(100);
    expect(queueMails(t.db, [], now)).toEqual([]);
    await t.db.batch([statements[0]!, ...statements.slice(1), queueMail(t.db, mail(99), now)]);

    const rows = await t.db.select().from(outbox).orderBy(asc(outbox.id));
    expect(rows.map((r) => r.to)).toEqual([...mails, mail(99)].map((m) => m.to));
    for (const [i, row] of rows.entries()) {
      const m = i < mails.length ? mails[i]! : mail(99);
      expect(row).toMatchObject({ subject: m.subject, text: m.text, html: m.html ?? null, kind: 'reminder', actionUrl: m.actionUrl ?? null, createdAt: now.getTime(), sentAt: null });
      expect(storedHeaders(row.headers)).toEqual(m.headers);
      // No headers are stored as NULL, not as "{}".
      if (Object.keys(m.headers!).length === 0) expect(row.headers).toBeNull();
    }
  });
});
