/**
 * Another process holding the database's write lock past the busy timeout (`kindling import` on a running
 * server's file, say) makes a write 503 with Retry-After, and the same request retried with its Idempotency-Key
 * then happens exactly once, committed for every connection to see.
 */
import Database from 'libsql';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

function countCommitted(table: string): number {
  const reader = new Database(t.file);
  try {
    return (reader.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    reader.close();
  }
}

it('answers 503 with Retry-After while the database is locked, and the retry with the same key counts once', async () => {
  const { member, prompt } = await communityWithOpenPrompt(t);
  await t.client.execute('PRAGMA busy_timeout = 100');
  const answer = () =>
    t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
      token: member.token,
      body: { level: 'easy', body: 'Posted while a backup ran', visibility: 'community', anonymous: false },
      headers: { 'Idempotency-Key': 'during-the-import' },
    });
  const ledgerBefore = countCommitted('points_ledger');

  const holder = new Database(t.file);
  holder.exec('BEGIN IMMEDIATE');
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  const refused = await answer();
  const lines = logged.mock.calls.map((call) => call.join(' '));
  logged.mockRestore();
  holder.exec('ROLLBACK');
  holder.close();

  expect(refused.status).toBe(503);
  expect(refused.headers.get('Retry-After')).toBe('1');
  expect(refused.json.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/busy/) });
  expect(countCommitted('submissions')).toBe(0);
  // The operator hears of it, by route, never with the answer's text.
  expect(lines).toEqual([expect.stringMatching(/^\[busy\] POST \/api\/prompts\/:\w+\/submissions: /)]);
  expect(lines.join('\n')).not.toContain('backup');

  const retried = await answer();
  expect(retried.status).toBe(201);
  expect(retried.json).toMatchObject({ points: 2, onTime: true });
  expect((await answer()).headers.get('Idempotent-Replayed')).toBe('true');
  expect(countCommitted('submissions')).toBe(1);
  expect(countCommitted('points_ledger')).toBe(ledgerBefore + 1);
});
