import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idempotencyKeys, kudos, pointsLedger, submissions } from '../../db/schema';
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

  // The key's fingerprint reads the body's bytes; the route's validator then parses those same bytes.
  it('reads a keyed JSON body once: UTF-8 text arrives intact, and malformed JSON is still a 400 that writes nothing', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const text = 'Café au lait, 東京 and ✓ — on a train';
    const res = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
      token: member.token,
      body: JSON.stringify({ ...body, body: text }),
      headers: { 'Idempotency-Key': 'k-utf8', 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(res.status).toBe(201);
    const [row] = await t.db.select().from(submissions).where(eq(submissions.id, res.json.id));
    expect(row!.body).toBe(text);

    const bad = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: '{"level": "hard",', headers: { 'Idempotency-Key': 'k-bad' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path)).toContain('body');
    expect(await t.db.select().from(submissions)).toHaveLength(1);
    expect(await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'k-bad'))).toEqual([]);
  });

  // Hono keeps one cached form of a body and re-reads it through a new Response for another form: a cost on
  // the hottest write that a change in Hono's cache (json() now reads its text()) would silently bring back.
  it('hands the validator the bytes it read, without building a Response to read them again', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const Original = globalThis.Response;
    let rereads = 0;
    globalThis.Response = class extends Original {
      constructor(body?: BodyInit | null, init?: ResponseInit) {
        super(body, init);
        if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) rereads++;
      }
    };
    try {
      expect((await post(member.token, prompt.id, 'k-once')).status).toBe(201);
    } finally {
      globalThis.Response = Original;
    }
    expect(rereads).toBe(0);
  });
});

describe('Idempotency-Key recorded in the route’s own batch', () => {
  it('refuses the same key sent at once with a different request: one answer, and 422 for the other', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const [easy, hard] = await Promise.all([post(member.token, prompt.id, 'k-5'), post(member.token, prompt.id, 'k-5', { ...body, level: 'hard' })]);
    expect([easy.status, hard.status].sort()).toEqual([201, 422]);
    expect([easy, hard].find((r) => r.status === 422)!.json.error.code).toBe('idempotency_key_reused');
    expect(await t.db.select().from(submissions)).toHaveLength(1);
    expect(await t.db.select().from(pointsLedger)).toHaveLength(1);
  });

  /** Has another request with the same key commit its record just before this request's batch runs. */
  function loseTheKeyTo(winner: { fingerprint?: string; status: number; body: string }) {
    const batch = t.client.batch;
    t.client.batch = (async (stmts: { sql: string; args: unknown[] }[], ...rest: unknown[]) => {
      const receipt = stmts.find((s) => s.sql.startsWith('insert into "idempotency_keys"'));
      if (receipt) {
        t.client.batch = batch;
        const [userId, key, fingerprint] = receipt.args as [number, string, string];
        await t.client.execute({
          sql: 'insert into idempotency_keys (user_id, key, fingerprint, status, body, created_at) values (?, ?, ?, ?, ?, 0)',
          args: [userId, key, winner.fingerprint ?? fingerprint, winner.status, winner.body],
        });
      }
      return (batch as (...a: unknown[]) => Promise<unknown>).call(t.client, stmts, ...rest);
    }) as typeof batch;
  }

  it('answers a request that lost its key at the batch from the request that won, having written nothing', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    loseTheKeyTo({ status: 201, body: '{"id":12345}' });
    const replayed = await post(member.token, prompt.id, 'k-8');
    expect([replayed.status, replayed.text, replayed.headers.get('Idempotent-Replayed')]).toEqual([201, '{"id":12345}', 'true']);

    loseTheKeyTo({ fingerprint: 'another request', status: 201, body: '{}' });
    expect((await post(member.token, prompt.id, 'k-9')).json.error.code).toBe('idempotency_key_reused');
    loseTheKeyTo({ status: 0, body: '' });
    expect((await post(member.token, prompt.id, 'k-10')).json.error.code).toBe('idempotency_in_progress');

    expect(await t.db.select().from(submissions)).toEqual([]);
    expect(await t.db.select().from(pointsLedger)).toEqual([]);
    expect((await post(member.token, prompt.id, 'k-11')).status).toBe(201);
  });

  it('replays kudos byte for byte, counts as they were, and the retry adds nothing', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const peer = await t.userToken('pat@example.org', 'Pat');
    await join(t, peer.token, community.slug);
    const id = (await post(member.token, prompt.id, 'k-6')).json.id;
    const give = (kind: string) =>
      t.call('POST', `/api/submissions/${id}/kudos`, { token: peer.token, body: { kind }, headers: { 'Idempotency-Key': 'k-7' } });
    const first = await give('learned');
    expect(first.json).toEqual({ kudos: { applause: 0, learned: 1, relate: 0 } });
    await t.call('POST', `/api/submissions/${id}/kudos`, { token: peer.token, body: { kind: 'applause' } });
    const again = await give('learned');
    expect([again.status, again.text, again.headers.get('Idempotent-Replayed')]).toEqual([200, first.text, 'true']);
    expect((await give('relate')).status).toBe(422);

    // Losing the key at the batch: the winner's record answers, and this kudos was not given.
    loseTheKeyTo({ status: 200, body: '{"kudos":"theirs"}' });
    const lost = await t.call('POST', `/api/submissions/${id}/kudos`, { token: peer.token, body: { kind: 'relate' }, headers: { 'Idempotency-Key': 'k-12' } });
    expect([lost.status, lost.text]).toEqual([200, '{"kudos":"theirs"}']);
    expect(await t.db.select().from(kudos)).toHaveLength(2);
  });
});
