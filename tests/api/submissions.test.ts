import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kudos, pointsLedger, scores, submissions } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // Monday 2026-03-02 12:00 UTC
});
afterEach(() => t.close());

const DAY = 24 * 3_600_000;
const answer = (token: string, promptId: number, body: Record<string, unknown> = {}) =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, {
    token,
    body: { level: 'easy', body: 'A small thing I tried', visibility: 'community', anonymous: false, ...body },
  });
const score = async (userId: number, period: string) =>
  (await t.db.select().from(scores).where(and(eq(scores.userId, userId), eq(scores.period, period))))[0]?.points;

describe('answering a prompt', () => {
  it('runs the loop: on-time easy and hard, one answer per level, late answers without the bonus', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);

    const easy = await answer(member.token, prompt.id);
    expect(easy.status).toBe(201);
    expect(easy.json).toEqual({ id: expect.any(Number), points: 2, onTime: true });
    const hard = await answer(member.token, prompt.id, { level: 'hard', link: 'https://example.org/sketch' });
    expect(hard.status).toBe(201);
    expect(hard.json).toMatchObject({ points: 4, onTime: true });

    const again = await answer(member.token, prompt.id, { body: 'Second try' });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'already_answered', existingId: easy.json.id });

    const rows = await t.db.select().from(submissions).where(eq(submissions.userId, member.userId));
    expect(rows.map((r) => [r.level, r.points, r.onTime])).toEqual([['easy', 2, true], ['hard', 4, true]]);
    const ledger = await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, member.userId));
    expect(ledger.map((l) => [l.submissionId, l.reason, l.delta, l.listed, l.weekOf])).toEqual([
      [easy.json.id, 'answer', 2, true, '2026-03-02'],
      [hard.json.id, 'answer', 4, true, '2026-03-02'],
    ]);
    expect(await score(member.userId, 'all')).toBe(6);

    // The next day the same prompt still takes answers, without the on-time bonus.
    t.clock.advance(DAY);
    const late = await t.userToken('lee@example.org', 'Lee');
    await join(t, late.token, community.slug);
    const lateRes = await answer(late.token, prompt.id);
    expect(lateRes.status).toBe(201);
    expect(lateRes.json).toMatchObject({ points: 1, onTime: false });
    expect(await score(late.userId, 'all')).toBe(1);
  });

  // Outsiders of a private community are refused in tests/api/answer-path.test.ts (a public one is joined).
  it('refuses the signed-out, unknown and unopened prompts, and paused series', async () => {
    const { facilitator, member, prompt, series } = await communityWithOpenPrompt(t);

    expect((await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { body: { level: 'easy', body: 'x' } })).status).toBe(401);
    const unknown = await answer(member.token, 99_999);
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'not_found']);
    const tomorrow = await answer(member.token, series.prompts[1]!.id);
    expect([tomorrow.status, tomorrow.json.error.code]).toEqual([409, 'prompt_not_open']);

    expect((await t.call('POST', `/api/series/${series.id}/pause`, { token: facilitator.token })).status).toBe(200);
    const paused = await answer(member.token, prompt.id);
    expect([paused.status, paused.json.error.code]).toEqual([409, 'series_not_running']);
    expect(await t.db.select().from(submissions)).toEqual([]);
    expect(await t.db.select().from(pointsLedger)).toEqual([]);
  });
});

describe('deleting an answer', () => {
  it('reverses its points with a new ledger entry and removes its kudos; others get 404', async () => {
    const { facilitator, member, prompt } = await communityWithOpenPrompt(t);
    const kept = await answer(member.token, prompt.id, { level: 'hard' });
    const gone = await answer(member.token, prompt.id);
    await t.call('POST', `/api/submissions/${gone.json.id}/kudos`, { token: facilitator.token, body: { kind: 'learned' } });
    const before = (await t.db.select().from(pointsLedger)).length;

    const stranger = await t.call('DELETE', `/api/submissions/${gone.json.id}`, { token: facilitator.token });
    expect([stranger.status, stranger.json.error.code]).toEqual([404, 'not_found']);

    const res = await t.call('DELETE', `/api/submissions/${gone.json.id}`, { token: member.token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    const ledger = await t.db.select().from(pointsLedger);
    expect(ledger.length).toBe(before + 1);
    expect(ledger.at(-1)).toMatchObject({ submissionId: gone.json.id, reason: 'answer_deleted', delta: -2, listed: true });
    expect(await t.db.select().from(submissions)).toEqual([expect.objectContaining({ id: kept.json.id })]);
    expect(await t.db.select().from(kudos)).toEqual([]);
    expect(await score(member.userId, 'all')).toBe(4);

    // Once gone it is gone: a second delete is 404 and adds nothing to the ledger.
    expect((await t.call('DELETE', `/api/submissions/${gone.json.id}`, { token: member.token })).status).toBe(404);
    expect((await t.db.select().from(pointsLedger)).length).toBe(before + 1);
    // The level is free again: answering anew earns (late) points once more.
    t.clock.advance(DAY);
    expect((await answer(member.token, prompt.id)).json).toMatchObject({ points: 1, onTime: false });
  });

  it('corrects the week the points were earned in, even when deleted in a later week', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const res = await answer(member.token, prompt.id, { anonymous: true });
    t.clock.advance(8 * DAY);
    expect((await t.call('DELETE', `/api/submissions/${res.json.id}`, { token: member.token })).status).toBe(200);

    const [reversal] = await t.db.select().from(pointsLedger).where(eq(pointsLedger.reason, 'answer_deleted'));
    expect(reversal).toMatchObject({ weekOf: '2026-03-02', listed: false, delta: -2 });
    expect(await score(member.userId, '2026-03-02')).toBe(0);
    expect(await score(member.userId, '2026-03-09')).toBeUndefined();
    expect(await score(member.userId, 'all')).toBe(0);
  });
});

describe('kudos', () => {
  it('counts each kind once per member, refuses your own answer and answers you cannot see', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const peer = await t.userToken('pat@example.org', 'Pat');
    await join(t, peer.token, community.slug);
    const visitor = await t.userToken('vi@example.org', 'Vi');
    const shared = await answer(member.token, prompt.id, { visibility: 'public' });
    const practice = await answer(member.token, prompt.id, { level: 'hard', visibility: 'facilitators' });
    const give = (token: string, id: number, kind: string) =>
      t.call('POST', `/api/submissions/${id}/kudos`, { token, body: { kind } });

    expect((await give(peer.token, shared.json.id, 'applause')).json).toEqual({ kudos: { applause: 1, learned: 0, relate: 0 } });
    const repeat = await give(peer.token, shared.json.id, 'applause');
    expect(repeat.status).toBe(200);
    expect(repeat.json).toEqual({ kudos: { applause: 1, learned: 0, relate: 0 } });
    await give(facilitator.token, shared.json.id, 'applause');
    expect((await give(peer.token, shared.json.id, 'relate')).json.kudos).toEqual({ applause: 2, learned: 0, relate: 1 });
    expect((await t.db.select().from(kudos)).length).toBe(3);

    const own = await give(member.token, shared.json.id, 'applause');
    expect([own.status, own.json.error.code]).toEqual([403, 'forbidden']);
    const hidden = await give(peer.token, practice.json.id, 'applause');
    expect([hidden.status, hidden.json.error.code]).toEqual([404, 'not_found']);
    expect((await give(facilitator.token, practice.json.id, 'learned')).status).toBe(200);
    const stranger = await give(visitor.token, shared.json.id, 'applause');
    expect([stranger.status, stranger.json.error.code]).toEqual([403, 'forbidden']);
    expect((await give(peer.token, 99_999, 'applause')).status).toBe(404);
    const bad = await give(peer.token, shared.json.id, 'downvote');
    expect([bad.status, bad.json.error.issues[0].path]).toEqual([400, 'kind']);
  });
});

describe('bad input', () => {
  it.each([
    ['empty body', { body: '' }, 'body'],
    ['501 characters', { body: 'x'.repeat(501) }, 'body'],
    ['ftp link', { link: 'ftp://example.org/file' }, 'link'],
    ['bad level', { level: 'medium' }, 'level'],
    ['bad visibility', { visibility: 'everyone' }, 'visibility'],
    ['anonymous not a boolean', { anonymous: 'yes' }, 'anonymous'],
  ])('answers %s with 400 naming the field', async (_name, override, path) => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const res = await answer(member.token, prompt.id, override);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_input');
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await t.db.select().from(submissions)).toEqual([]);
  });

  it.each([
    ['non-numeric id', 'POST', '/api/prompts/abc/submissions', { level: 'easy', body: 'x' }, 'id'],
    ['malformed JSON', 'POST', '/api/prompts/PROMPT/submissions', '{"level": "easy",', 'body'],
    ['bad cursor', 'GET', '/api/prompts/PROMPT/gallery?cursor=not-a-cursor', undefined, 'cursor'],
    ['limit 0', 'GET', '/api/prompts/PROMPT/gallery?limit=0', undefined, 'limit'],
    ['bad gallery level', 'GET', '/api/prompts/PROMPT/gallery?level=medium', undefined, 'level'],
    ['non-numeric delete id', 'DELETE', '/api/submissions/1.5', undefined, 'id'],
    ['bad period', 'GET', '/api/communities/sketchers/leaderboard?period=month', undefined, 'period'],
  ])('answers %s with 400 naming the field', async (_name, method, path, body, field) => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const res = await t.call(method, path.replace('PROMPT', String(prompt.id)), { token: member.token, body });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(field);
  });
});
