/** A client on a bad connection retrying hard: 1,000 concurrent sends of one answer under one Idempotency-Key. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsLedger, submissions } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

describe('1,000 concurrent retries with one Idempotency-Key', () => {
  it('make one answer and one ledger entry; every 201 is the same response, every other answer a 409 to retry', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const send = () =>
      t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
        token: member.token,
        body: { level: 'hard', body: 'Sent from a train' },
        headers: { 'Idempotency-Key': 'storm-1' },
      });
    const results = await Promise.all(Array.from({ length: 1_000 }, send));
    const byStatus = new Map<number, typeof results>();
    for (const r of results) byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r]);
    expect([...byStatus.keys()].filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(byStatus.get(201)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(new Set(byStatus.get(201)!.map((r) => r.text)).size).toBe(1);
    for (const r of byStatus.get(409) ?? []) expect(r.json.error.code).toBe('idempotency_in_progress');

    expect(await t.db.select().from(submissions)).toHaveLength(1);
    expect(await t.db.select().from(pointsLedger)).toHaveLength(1);
    // Once the storm is over, the retry the client finally makes gets the first response.
    const settled = await send();
    expect(settled.status).toBe(201);
    expect(settled.text).toBe(byStatus.get(201)![0]!.text);
  }, 60_000);
});
