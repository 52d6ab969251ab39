/**
 * Moderation (issue 12): report → queue → hide (points kept, gone from the gallery) → restore → remove (the
 * ledger reverses the points and the score is the ledger's sum), who may do what, the log, removing a member,
 * and reporters never named to anyone.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberships, moderationLog, pointsLedger, reports, scores, submissions, users } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const answer = async (token: string, promptId: number, body: Record<string, unknown> = {}) => {
  const res = await t.call('POST', `/api/prompts/${promptId}/submissions`, {
    token,
    body: { level: 'easy', body: 'A small thing', visibility: 'public', anonymous: false, ...body },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: number; points: number };
};
const report = (id: number | string, token: string | undefined, body: unknown = { reason: 'unkind' }) =>
  t.call('POST', `/api/submissions/${id}/reports`, { token, body });
const act = (id: number | string, action: string, token: string | undefined) => t.call('POST', `/api/submissions/${id}/moderation/${action}`, { token });
const galleryIds = async (promptId: number, token?: string) => {
  const res = await t.call('GET', `/api/prompts/${promptId}/gallery`, { token });
  expect(res.status, res.text).toBe(200);
  return res.json.items.map((i: { id: number; hidden?: true }) => (i.hidden ? `${i.id} hidden` : i.id));
};
const ledgerSum = async (userId: number, communityId: number) =>
  (await t.db.select({ n: sql<number>`coalesce(sum(${pointsLedger.delta}), 0)` }).from(pointsLedger)
    .where(and(eq(pointsLedger.userId, userId), eq(pointsLedger.communityId, communityId))))[0]!.n;
const scoreOf = async (userId: number, communityId: number) =>
  (await t.db.select({ points: scores.points }).from(scores)
    .where(and(eq(scores.userId, userId), eq(scores.communityId, communityId), eq(scores.period, 'all'))))[0]?.points ?? 0;

describe('reporting and moderating an answer', () => {
  it('goes report → queue → hide → restore → remove, logged, with the points kept and then reversed', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    // A filler row pushes ids up so the reporter's id is a number that cannot appear by accident.
    await t.db.insert(users).values({ id: 987_650, email: 'filler@example.org', name: 'Filler', createdAt: 0 });
    const reporter = await t.userToken('rhiannon.reporter@example.org', 'Rhiannon Reporter');
    expect(reporter.userId).toBe(987_651);
    await join(t, reporter.token, community.slug);
    const posted = await answer(member.token, prompt.id, { body: 'Something unkind' });
    const cid = (await t.db.select({ c: submissions.communityId }).from(submissions).where(eq(submissions.id, posted.id)))[0]!.c;

    // Reporting: members only, not one's own, a reason from the list and at most 500 characters of text.
    expect((await report(posted.id, undefined)).status).toBe(401);
    const stranger = await t.userToken('sam@example.org', 'Sam');
    expect((await report(posted.id, stranger.token)).json.error.code).toBe('forbidden');
    expect((await report(posted.id, member.token)).json.error.code).toBe('own_answer');
    expect((await report(posted.id, reporter.token, { reason: 'boring' })).status).toBe(400);
    expect((await report(posted.id, reporter.token, { reason: 'other', note: 'x'.repeat(501) })).status).toBe(400);
    expect((await report(999_999, reporter.token)).status).toBe(404);
    const filed = await report(posted.id, reporter.token, { reason: 'unkind', note: 'This hurt' });
    expect(filed.status, filed.text).toBe(201);
    expect(filed.json).toEqual({ id: expect.any(Number), reason: 'unkind', status: 'open', createdAt: '2026-03-02T12:00:00.000Z' });
    // Once per reporter while open: the same report again, not a second one.
    const again = await report(posted.id, reporter.token, { reason: 'spam' });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(filed.json);
    expect(await t.db.select().from(reports)).toHaveLength(1);

    // The queue, for facilitators: the answer, its reasons and notes, and never who reported.
    const view = await t.call('GET', `/api/communities/${community.slug}/moderation`, { token: facilitator.token });
    expect(view.status, view.text).toBe(200);
    expect(view.json.queue).toHaveLength(1);
    expect(view.json.queue[0].answer).toMatchObject({ id: posted.id, body: 'Something unkind', moderation: 'visible', author: { name: 'Mo' } });
    expect(view.json.queue[0].reports).toMatchObject({ count: 1, reasons: { unkind: 1, spam: 0 }, notes: [{ reason: 'unkind', note: 'This hurt' }] });
    for (const secret of ['Rhiannon', 'reporter', String(reporter.userId)]) expect(view.text.toLowerCase()).not.toContain(secret.toLowerCase());
    // Nothing the author reads tells them they were reported, let alone by whom.
    for (const path of [`/api/prompts/${prompt.id}/gallery`, `/a/${posted.id}`, '/api/me/notifications', '/me', `/api/communities/${community.slug}`, '/api/me/nudges']) {
      const res = await t.call('GET', path, { token: member.token });
      expect(res.status, path).toBe(200);
      for (const secret of ['Rhiannon', String(reporter.userId), 'This hurt']) expect(res.text, `${secret} in ${path}`).not.toContain(secret);
    }

    // Hide: gone from the gallery for visitors and members; facilitators and the author see it marked; points kept.
    const before = await scoreOf(member.userId, cid);
    expect(before).toBe(posted.points);
    const hidden = await act(posted.id, 'hide', facilitator.token);
    expect(hidden.status, hidden.text).toBe(200);
    expect(hidden.json).toEqual({ id: posted.id, moderation: 'hidden', changed: true });
    expect((await act(posted.id, 'hide', facilitator.token)).json).toEqual({ id: posted.id, moderation: 'hidden', changed: false });
    expect(await galleryIds(prompt.id)).toEqual([]);
    expect(await galleryIds(prompt.id, reporter.token)).toEqual([]);
    expect(await galleryIds(prompt.id, member.token)).toEqual([`${posted.id} hidden`]);
    expect(await galleryIds(prompt.id, facilitator.token)).toEqual([`${posted.id} hidden`]);
    expect((await t.call('GET', `/a/${posted.id}`, { token: reporter.token })).status).toBe(404);
    expect((await report(posted.id, reporter.token)).status).toBe(404);
    expect(await scoreOf(member.userId, cid)).toBe(before);
    // Hiding answered the report.
    expect((await t.call('GET', `/api/communities/${community.slug}/moderation`, { token: facilitator.token })).json).toMatchObject({
      queue: [],
      hidden: [{ id: posted.id, moderation: 'hidden' }],
    });

    // Restore: back for everyone.
    expect((await act(posted.id, 'restore', facilitator.token)).json).toEqual({ id: posted.id, moderation: 'visible', changed: true });
    expect(await galleryIds(prompt.id)).toEqual([posted.id]);

    // Remove: read by no one, facilitators included; the ledger reverses the points, once.
    t.clock.advance(60_000);
    expect((await act(posted.id, 'remove', facilitator.token)).json).toEqual({ id: posted.id, moderation: 'removed', changed: true });
    expect((await act(posted.id, 'remove', facilitator.token)).json).toEqual({ id: posted.id, moderation: 'removed', changed: false });
    expect((await act(posted.id, 'restore', facilitator.token)).json.error.code).toBe('already_removed');
    expect((await act(posted.id, 'hide', facilitator.token)).status).toBe(409);
    for (const token of [undefined, reporter.token, member.token, facilitator.token]) expect(await galleryIds(prompt.id, token)).toEqual([]);
    expect((await t.call('GET', `/a/${posted.id}`, { token: facilitator.token })).status).toBe(404);
    const entries = await t.db.select().from(pointsLedger).where(eq(pointsLedger.submissionId, posted.id));
    expect(entries.map((e) => [e.reason, e.delta])).toEqual([['answer', posted.points], ['answer_removed', -posted.points]]);
    expect(entries[1]!.weekOf).toBe(entries[0]!.weekOf);
    expect(await scoreOf(member.userId, cid)).toBe(await ledgerSum(member.userId, cid));
    expect(await scoreOf(member.userId, cid)).toBe(0);
    // The author deleting the removed answer afterwards does not reverse its points a second time.
    expect((await t.call('DELETE', `/api/submissions/${posted.id}`, { token: member.token })).status).toBe(200);
    expect(await ledgerSum(member.userId, cid)).toBe(0);
    expect(await scoreOf(member.userId, cid)).toBe(0);

    // The log: every change once, newest first, with who and when; the no-op retries are not in it.
    const log = (await t.call('GET', `/api/communities/${community.slug}/moderation`, { token: facilitator.token })).json.log;
    expect(log.map((e: { action: string; actor: { name: string }; submissionId: number; at: string }) => [e.action, e.actor.name, e.submissionId, e.at])).toEqual([
      ['remove', 'Fran', posted.id, '2026-03-02T12:01:00.000Z'],
      ['restore', 'Fran', posted.id, '2026-03-02T12:00:00.000Z'],
      ['hide', 'Fran', posted.id, '2026-03-02T12:00:00.000Z'],
    ]);
  });

  it('lets facilitators dismiss reports, and never names a reporter to an author who is a facilitator', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const mine = await answer(facilitator.token, prompt.id, { body: 'The facilitator wrote this' });
    expect((await report(mine.id, member.token, { reason: 'off_topic', note: 'Not about cups' })).status).toBe(201);
    const view = await t.call('GET', `/api/communities/${community.slug}/moderation`, { token: facilitator.token });
    expect(view.json.queue).toHaveLength(1);
    expect(view.text).not.toContain('Mo');
    expect(view.text).not.toContain(String(member.userId) + ',');
    expect(JSON.stringify(view.json)).not.toMatch(/reporter/i);
    const dismissed = await act(mine.id, 'dismiss', facilitator.token);
    expect(dismissed.json).toEqual({ id: mine.id, moderation: 'visible', changed: true });
    expect((await act(mine.id, 'dismiss', facilitator.token)).json.changed).toBe(false);
    const after = (await t.call('GET', `/api/communities/${community.slug}/moderation`, { token: facilitator.token })).json;
    expect(after.queue).toEqual([]);
    expect(after.log.map((e: { action: string }) => e.action)).toEqual(['dismiss']);
    // Once dismissed, the member may report it again.
    expect((await report(mine.id, member.token)).status).toBe(201);
  });
});

describe('who may moderate', () => {
  it('is the community’s facilitators: 404 where the answer is unknown to the caller, 403 where it is known', async () => {
    const fac = await t.userToken('fran@example.org', 'Fran');
    const member = await t.userToken('mo@example.org', 'Mo');
    const other = await t.userToken('fay@example.org', 'Fay');
    const outsider = await t.userToken('oz@example.org', 'Oz');
    const today = '2026-03-02';
    for (const visibility of ['public', 'private'] as const) {
      const slug = `circle-${visibility}`;
      await createCommunity(t, fac.token, { slug, visibility });
      const series = await createSeries(t, fac.token, slug, { startDate: today });
      const invite = await t.call('POST', `/api/communities/${slug}/invites`, { token: fac.token });
      await join(t, member.token, slug, invite.json.code);
      const posted = await answer(member.token, series.prompts[0]!.id, { visibility: 'public' });
      if (visibility === 'public') await createCommunity(t, other.token, { slug: 'elsewhere' });
      const hidden = visibility === 'private' ? 404 : 403;
      for (const action of ['hide', 'restore', 'remove', 'dismiss']) {
        expect((await act(posted.id, action, undefined)).status).toBe(401);
        expect((await act(posted.id, action, outsider.token)).status, `${visibility} ${action} outsider`).toBe(hidden);
        expect((await act(posted.id, action, other.token)).status, `${visibility} ${action} other facilitator`).toBe(hidden);
        expect((await act(posted.id, action, member.token)).status, `${visibility} ${action} member`).toBe(403);
      }
      expect((await act(posted.id, 'delete', fac.token)).status).toBe(400);
      const queue = (token?: string) => t.call('GET', `/api/communities/${slug}/moderation`, { token });
      expect((await queue()).status).toBe(401);
      expect((await queue(outsider.token)).status).toBe(hidden);
      expect((await queue(other.token)).status).toBe(hidden);
      expect((await queue(member.token)).status).toBe(403);
      expect((await queue(fac.token)).status).toBe(200);
      // Nothing was changed or logged by the refused requests.
      expect((await t.db.select().from(moderationLog))).toEqual([]);
      expect((await t.db.select({ m: submissions.moderation }).from(submissions).where(eq(submissions.id, posted.id)))[0]!.m).toBe('visible');
      expect((await act(posted.id, 'hide', fac.token)).status).toBe(200);
      await t.db.delete(moderationLog);
    }
  });
});

describe('removing a member', () => {
  it('ends the membership and hides their answers (points kept), logged; facilitators are not removable', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const posted = await answer(member.token, prompt.id, { visibility: 'community' });
    const cid = (await t.db.select({ c: submissions.communityId }).from(submissions).where(eq(submissions.id, posted.id)))[0]!.c;
    const other = await t.userToken('ola@example.org', 'Ola');
    await join(t, other.token, community.slug);
    const remove = (userId: number, token?: string) => t.call('DELETE', `/api/communities/${community.slug}/members/${userId}`, { token });

    expect((await remove(member.userId)).status).toBe(401);
    expect((await remove(member.userId, other.token)).status).toBe(403);
    expect((await remove(facilitator.userId, facilitator.token)).json.error.code).toBe('not_removable');
    expect((await remove(987_654, facilitator.token)).status).toBe(404);
    const res = await remove(member.userId, facilitator.token);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ userId: member.userId, removed: true, changed: true });
    expect((await remove(member.userId, facilitator.token)).json).toEqual({ userId: member.userId, removed: true, changed: false });

    expect(await t.db.select().from(memberships).where(and(eq(memberships.communityId, cid), eq(memberships.userId, member.userId)))).toEqual([]);
    expect(await galleryIds(prompt.id, other.token)).toEqual([]);
    expect(await galleryIds(prompt.id, facilitator.token)).toEqual([`${posted.id} hidden`]);
    expect(await scoreOf(member.userId, cid)).toBe(posted.points);
    // No longer a member: they cannot report or read the community's answers.
    const mine = await answer(other.token, prompt.id);
    expect((await report(mine.id, member.token)).status).toBe(403);
    const log = (await t.call('GET', `/api/communities/${community.slug}/moderation`, { token: facilitator.token })).json.log;
    expect(log).toEqual([{ id: expect.any(Number), action: 'remove_member', actor: { name: 'Fran' }, submissionId: null, helpReplyId: null, member: { id: member.userId, name: 'Mo' }, at: '2026-03-02T12:00:00.000Z' }]);
  });
});
