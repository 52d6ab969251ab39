import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idempotencyKeys, pointsLedger, submissions } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const body = { level: 'easy', body: 'Retried on a train', visibility: 'community', anonymous: false };
const post = (token: string, promptId: number, key: string, payload: unknown = body) =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, { token, body: payload, headers: { 'Idempotency-Key': key } });

describe('Idempotency-Key on answers', () => {
  it('turns 50 concurrent retries into one answer and one ledger entry', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const results = await Promise.all(Array.from({ length: 50 }, () => post(member.token, prompt.id, 'k-1')));

    const created = results.filter((r) => r.status === 201);
    const busy = results.filter((r) => r.status === 409);
    expect(created.length + busy.length).toBe(50);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of busy) expect(r.json.error.code).toBe('idempotency_in_progress');
    // Every 201 is the first response, replayed byte for byte.
    expect(new Set(created.map((r) => r.text)).size).toBe(1);
    expect(created[0]!.json).toMatchObject({ points: 2, onTime: true });

    expect(await t.db.select().from(submissions)).toHaveLength(1);
    expect(await t.db.select().from(pointsLedger)).toHaveLength(1);

    // Once settled, a retry replays the first response and says so.
    const later = await post(member.token, prompt.id, 'k-1');
    expect(later.status).toBe(201);
    expect(later.text).toBe(created[0]!.text);
    expect(later.headers.get('Idempotent-Replayed')).toBe('true');
  });

  it('refuses the same key with a different body (422) and writes nothing for it', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    expect((await post(member.token, prompt.id, 'k-2')).status).toBe(201);
    const other = await post(member.token, prompt.id, 'k-2', { ...body, level: 'hard' });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('idempotency_key_reused');
    expect(await t.db.select().from(submissions)).toHaveLength(1);
  });

  it('scopes keys to the caller: another member with the same key is independent', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const peer = await t.userToken('pat@example.org', 'Pat');
    await join(t, peer.token, community.slug);
    const a = await post(member.token, prompt.id, 'shared-key');
    const b = await post(peer.token, prompt.id, 'shared-key');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.json.id).not.toBe(a.json.id);
    expect(b.headers.get('Idempotent-Replayed')).toBeNull();
    const rows = await t.db.select().from(submissions).where(eq(submissions.promptId, prompt.id));
    expect(rows.map((r) => r.userId).sort()).toEqual([member.userId, peer.userId].sort());
  });

  it('keeps no key for a failed request, so the fixed retry goes through', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    expect((await post(member.token, prompt.id, 'k-3')).status).toBe(201);
    // Same level again under a new key: a real 409, not stored.
    const dup = await post(member.token, prompt.id, 'k-4');
    expect(dup.json.error.code).toBe('already_answered');
    const fixed = await post(member.token, prompt.id, 'k-4', { ...body, level: 'hard' });
    // The failed attempt left no claim on the key, so a corrected body under it is a new request.
    expect(fixed.status).toBe(201);
  });

  it('lets a retry take over the claim of a request that died, but not of one still running', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    // Learn the request's fingerprint from a finished request, then forget its answer.
    expect((await post(member.token, prompt.id, 'finished')).status).toBe(201);
    const [done] = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'finished'));
    await t.db.delete(submissions);
    // The same request under another key, left at status 0 as a crashed request leaves it.
    await t.db.insert(idempotencyKeys).values({ ...done!, key: 'crashed', status: 0, body: null, createdAt: t.clock.now().getTime() });

    const running = await post(member.token, prompt.id, 'crashed');
    expect(running.status).toBe(409);
    expect(running.json.error.code).toBe('idempotency_in_progress');
    t.clock.advance(61_000);
    const retried = await post(member.token, prompt.id, 'crashed');
    expect(retried.status).toBe(201);
  });
});
