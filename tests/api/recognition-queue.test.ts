/**
 * Recognition off the request path: a write queues the member in its own batch; drains (after the response,
 * on the tick, before any read of recognition) refresh them as of the change.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  badgeGrants, idempotencyKeys, kudos, ladderSteps, notifications, pointsLedger, recognitionQueue, submissions, users,
} from '../../db/schema';
import { drainRecognition } from '../../src/domain/recognition/drain';
import type { Caller } from '../../src/domain/identity/sessions';
import { submitAnswer } from '../../src/domain/answers/submissions';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { watchClient } from '../helpers/client-spy';
import { communityWithOpenPrompt, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterEach(() => t.close());

const DAY = 86_400_000;
const answer = (token: string, promptId: number, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, {
    token,
    headers,
    body: { level: 'easy', body: 'A small thing', visibility: 'community', anonymous: false, ...body },
  });
const queue = () => t.db.select().from(recognitionQueue).orderBy(recognitionQueue.userId);
const grants = (userId: number) => t.db.select().from(badgeGrants).where(eq(badgeGrants.userId, userId)).orderBy(badgeGrants.badgeId);

async function callerOf(userId: number): Promise<Caller> {
  const [u] = await t.db.select().from(users).where(eq(users.id, userId));
  return { id: u!.id, email: u!.email, name: u!.name, isSteward: u!.isSteward, showOnLeaderboards: u!.showOnLeaderboards };
}

/**
 * Counts the commits (batches or single statements that write) the app makes while `run` runs. Rate-limit
 * counters are left out: they are counted before the request is handled, on purpose in their own write, so that
 * a request that is then refused still counts against its limit.
 */
async function commitsDuring(run: () => Promise<unknown>): Promise<number> {
  let commits = 0;
  const writes = (sql: string) => /^\s*(insert|update|delete|replace)\b/i.test(sql) && !/"rate_limit_counters"/.test(sql);
  const text = (s: unknown) => (typeof s === 'string' ? s : (s as { sql: string }).sql);
  await watchClient(t.client, { sent: (statements) => void (statements.some((s) => writes(text(s))) && commits++) }, run);
  return commits;
}

describe('the recognition queue', () => {
  it('commits an answer with its points, ladder steps, queue entry and Idempotency-Key record in one batch', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    let res!: Awaited<ReturnType<typeof answer>>;
    expect(await commitsDuring(async () => (res = await answer(member.token, prompt.id, {}, { 'Idempotency-Key': 'one' })))).toBe(1);
    expect(res.status).toBe(201);

    expect(await queue()).toEqual([{ communityId: community.id, userId: member.userId, queuedAt: t.clock.now().getTime(), revision: 0, appendedOnly: true }]);
    expect(await t.db.select().from(pointsLedger)).toHaveLength(1);
    const steps = await t.db.select({ view: ladderSteps.view, stage: ladderSteps.stage }).from(ladderSteps).orderBy(ladderSteps.view);
    expect(steps).toEqual([{ view: 'own', stage: 'sharing_community' }, { view: 'shown', stage: 'sharing_community' }]);
    const [stored] = await t.db.select().from(idempotencyKeys);
    expect(stored).toMatchObject({ status: 201, body: res.text });
    // Nothing derived yet: the badge waits for a drain.
    expect(await grants(member.userId)).toEqual([]);
  });

  it('leaves no queue entry (nor anything else) when the answer batch fails', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    // A batch that fails at its last statement: the Idempotency-Key record, its key already taken.
    const taken = { userId: member.userId, key: 'taken', fingerprint: 'f', status: 201, body: '{}', createdAt: 0 };
    await t.db.insert(idempotencyKeys).values(taken);
    const input = { promptId: prompt.id, caller: await callerOf(member.userId), level: 'easy' as const, body: 'x', visibility: 'public' as const, anonymous: false };
    await expect(submitAnswer(t.db, input, t.clock.now(), { ...taken, fingerprint: 'g', createdAt: 1 })).rejects.toThrow();

    expect(await t.db.select().from(submissions)).toEqual([]);
    expect(await t.db.select().from(pointsLedger)).toEqual([]);
    expect(await t.db.select().from(ladderSteps)).toEqual([]);
    expect(await queue()).toEqual([]);
    // A refused answer (here: the same level again) never reaches the batch, and queues nothing either.
    expect((await answer(member.token, prompt.id)).status).toBe(201);
    await drainRecognition(t.db);
    expect((await answer(member.token, prompt.id)).json.error.code).toBe('already_answered');
    expect(await queue()).toEqual([]);
  });

  it('drains as of the change: the badge and its notice are dated when the answer was given, not when the drain ran', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const answeredAt = t.clock.now().getTime();
    await answer(member.token, prompt.id, { level: 'hard' });
    t.clock.advance(3 * DAY);

    expect(await drainRecognition(t.db)).toBe(1);
    expect((await grants(member.userId)).map((g) => [g.badgeId, g.grantedAt])).toEqual([
      ['first-answer', answeredAt],
      ['first-hard-answer', answeredAt],
    ]);
    const notices = await t.db.select().from(notifications).where(eq(notifications.userId, member.userId));
    expect(notices.map((n) => n.createdAt)).toEqual([answeredAt, answeredAt]);
    expect(await queue()).toEqual([]);
    // Idempotent: nothing left, nothing changes.
    expect(await drainRecognition(t.db, { communityId: community.id })).toBe(0);
    expect(await grants(member.userId)).toHaveLength(2);
  });

  it('refreshes many members in one drain, each as of its own change', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const ana = await t.userToken('ana@example.org', 'Ana');
    await join(t, ana.token, community.slug);
    const moAt = t.clock.now().getTime();
    await answer(member.token, prompt.id, { level: 'easy' });
    t.clock.advance(60_000);
    const anaAt = t.clock.now().getTime();
    await answer(ana.token, prompt.id, { level: 'hard' });
    t.clock.advance(3 * DAY);

    expect(await drainRecognition(t.db)).toBe(2);
    const dated = async (userId: number) => (await grants(userId)).map((g) => [g.badgeId, g.grantedAt]);
    expect(await dated(member.userId)).toEqual([['first-answer', moAt]]);
    expect(await dated(ana.userId)).toEqual([['first-answer', anaAt], ['first-hard-answer', anaAt]]);
    expect(await dated(facilitator.userId)).toEqual([]);
    expect(await queue()).toEqual([]);
    expect(moAt).toBeLessThan(anaAt);
  });

  it('is drained by the scheduler tick, for members nobody read', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const answeredAt = t.clock.now().getTime();
    await answer(member.token, prompt.id);
    t.clock.advance(90_000);
    expect(await tick(t.db, t.clock.now())).toMatchObject({ recognized: 1 });
    expect((await grants(member.userId)).map((g) => [g.badgeId, g.grantedAt])).toEqual([['first-answer', answeredAt]]);
    expect(await queue()).toEqual([]);
    expect(await tick(t.db, t.clock.now())).not.toHaveProperty('recognized');
  });

  it('is never drained by a read: badges, notices, a public profile, a credential and the profile page write nothing and say it is pending', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    await t.call('PATCH', '/api/me', { token: member.token, body: { publicProfile: true } });
    expect((await answer(member.token, prompt.id, { visibility: 'public' })).status).toBe(201);
    expect(await queue()).toHaveLength(1);

    const reads: Record<string, Awaited<ReturnType<typeof t.call>>> = {};
    const commits = await commitsDuring(async () => {
      reads.badges = await t.call('GET', `/api/communities/${community.slug}/badges/me`, { token: member.token });
      reads.notices = await t.call('GET', '/api/me/notifications', { token: member.token });
      reads.profile = await t.call('GET', `/api/users/${member.userId}/profile`);
      reads.credential = await t.call('GET', `/api/communities/${community.slug}/badges/me/first-answer/credential`, { token: member.token });
      reads.page = await t.call('GET', '/me', { token: member.token });
    });
    expect(commits).toBe(0);
    expect(await queue()).toHaveLength(1);
    expect(await grants(member.userId)).toEqual([]);
    expect(reads.badges!.json).toEqual({ pending: true, badges: [] });
    expect(reads.notices!.json.items).toEqual([]);
    // Others see badges worked out from the named answers as they are (no grants): current without a drain.
    expect(reads.profile!.json.communities[0].badges.map((b: { id: string }) => b.id)).toEqual(['first-answer', 'first-public-answer']);
    expect(reads.credential!.status).toBe(404);
    expect(reads.page!.status).toBe(200);
    expect(reads.page!.text).toContain('Your latest change is still being recognised');

    // Once the drain that follows the write has run, the same reads show the badges, and nothing pending.
    await t.settleRecognition();
    const mine = await t.call('GET', `/api/communities/${community.slug}/badges/me`, { token: member.token });
    expect(mine.json.pending).toBe(false);
    expect(mine.json.badges.map((b: { id: string }) => b.id)).toEqual(['first-answer', 'first-public-answer']);
    const notices = await t.call('GET', '/api/me/notifications', { token: member.token });
    expect(notices.json.items.map((n: { badge: { id: string } }) => n.badge.id).sort()).toEqual(['first-answer', 'first-public-answer']);
    expect((await t.call('GET', `/api/communities/${community.slug}/badges/me/first-answer/credential`, { token: member.token })).status).toBe(200);
    expect((await t.call('GET', '/me', { token: member.token })).text).not.toContain('Your latest change is still being recognised');
  });

  it('queues the author and everyone who encouraged an answer when it is deleted', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const peer = await t.userToken('pat@example.org', 'Pat');
    await join(t, peer.token, community.slug);
    const id = (await answer(member.token, prompt.id)).json.id;
    for (const kind of ['applause', 'learned']) {
      await t.call('POST', `/api/submissions/${id}/kudos`, { token: peer.token, body: { kind } });
    }
    await drainRecognition(t.db);
    t.clock.advance(60_000);

    expect((await t.call('DELETE', `/api/submissions/${id}`, { token: member.token })).status).toBe(200);
    expect(await t.db.select().from(kudos)).toEqual([]);
    const queued = (await queue()).map((q) => [q.userId, q.queuedAt]);
    expect(queued).toEqual([member.userId, peer.userId].sort((a, b) => a - b).map((u) => [u, t.clock.now().getTime()]));
    await drainRecognition(t.db);
    expect(await t.db.select().from(badgeGrants).where(and(eq(badgeGrants.userId, member.userId)))).toEqual([
      expect.objectContaining({ badgeId: 'first-answer', revokedAt: t.clock.now().getTime() }),
      expect.objectContaining({ badgeId: 'welcomed', revokedAt: t.clock.now().getTime() }),
    ]);
  });
});
