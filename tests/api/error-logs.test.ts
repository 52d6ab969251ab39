import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';
import { pointsLedger, submissions } from '../../db/schema';
import { errorKind } from '../../src/error-kind';

let t: TestApp;
let logged: string[];
beforeEach(async () => {
  t = await makeTestApp();
  logged = [];
  // Every console channel: a leak through console.log or .warn is as bad as one through .error.
  for (const channel of ['error', 'warn', 'log', 'info', 'debug'] as const) {
    vi.spyOn(console, channel).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

describe('error logs', () => {
  it('log a failed query by its kind and code, never with the parameters Drizzle quotes in its message', async () => {
    // A query that fails with the address as a bound parameter: the sign-in request writes it to the outbox.
    await t.client.execute('DROP TABLE outbox');
    const res = await t.call('POST', '/api/auth/email-link', { body: { email: 'secret.person@example.org' } });

    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side' } });
    expect(logged.join('\n')).toMatch(/\[error\] POST \/api\/auth\/email-link: \w+/);
    expect(logged.join('\n')).not.toContain('secret.person');
    expect(logged.join('\n')).not.toContain('outbox');
  });

  it('name the driver code of a failed query, and nothing of its text or values', async () => {
    const err = await t.db.run(sql`insert into no_such_table values (${'a private answer'})`).catch((e: unknown) => e);
    const kind = errorKind(err);
    expect(kind).toMatch(/SQLITE_ERROR/);
    expect(kind).not.toContain('private answer');
    expect(kind).not.toContain('no_such_table');
  });

  describe('an answer whose write fails in the database', () => {
    // Unique markers, so a match can only come from this request's values.
    const marker = `private-answer-${crypto.randomUUID()}`;
    const email = `leak.${crypto.randomUUID().slice(0, 8)}@example.org`;
    const text = `${marker}: write to ${email}`;
    // The answer's insert fails inside SQLite, after the request was validated and the member checked.
    const breakAnswers = () =>
      t.client.execute("CREATE TRIGGER refuse_answers BEFORE INSERT ON submissions BEGIN SELECT RAISE(ABORT, 'refused'); END");

    it('is one the driver reports with the answer and the address in its message (what the logs must not repeat)', async () => {
      await breakAnswers();
      const err = await t.db.insert(submissions).values({ promptId: 1, userId: 1, level: 'hard', body: text } as never).catch((e: unknown) => e);
      expect(String((err as Error).message)).toContain(marker);
      expect(String((err as Error).message)).toContain(email);
    });

    it('through the API: 500 with the envelope, logged by route and code only, and nothing written', async () => {
      const { member, prompt } = await communityWithOpenPrompt(t);
      await breakAnswers();
      logged = [];
      const res = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
        token: member.token,
        body: { level: 'hard', body: text, link: `https://example.org/${marker}` },
      });

      expect(res.status).toBe(500);
      expect(res.json).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side' } });
      expect(res.text).not.toContain(marker);
      expect(logged).toEqual([expect.stringMatching(/^\[error\] POST \/api\/prompts\/:id\/submissions: \w+( SQLITE_[A-Z_]+)?$/)]);
      const all = logged.join('\n');
      for (const secret of [marker, email, 'mo@example.org', 'insert into', 'refused']) expect(all).not.toContain(secret);
      expect(await t.db.select().from(submissions)).toEqual([]);
      expect(await t.db.select().from(pointsLedger)).toEqual([]);
    });

    it('through the page form: the same one safe line', async () => {
      const { member, prompt } = await communityWithOpenPrompt(t);
      await breakAnswers();
      logged = [];
      const form = new FormData();
      for (const [k, v] of Object.entries({ promptId: String(prompt.id), level: 'easy', body: text })) form.append(k, v);
      const res = await t.app.request('/c/sketchers/answer', {
        method: 'POST',
        body: form,
        headers: { Authorization: `Bearer ${member.token}` },
      });

      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain(marker);
      expect(logged).toEqual([expect.stringMatching(/^\[error\] POST \/c\/:slug\/answer: \w+( SQLITE_[A-Z_]+)?$/)]);
      for (const secret of [marker, email, 'insert into']) expect(logged.join('\n')).not.toContain(secret);
      expect(await t.db.select().from(submissions)).toEqual([]);
    });
  });
});
