/**
 * Issue 14, the facilitators' circle: a built-in private community every facilitator joins (the tick's
 * backfill for those who were facilitators before it existed, and at once for new ones), with its own weekly
 * series about facilitation; its answers are read by facilitators only (members of the circle), never by a
 * plain member of another community nor by a steward outside it.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { communities, memberships, prompts, series, users } from '../../db/schema';
import { CIRCLE_PROMPTS } from '../../src/domain/circle/prompts';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, join } from '../helpers/fixtures';

let t: TestApp;
const CIRCLE = { facilitatorsCircle: true };
beforeEach(async () => {
  // A Wednesday, on a minute the tick runs the circle's step (every ten minutes).
  t = await makeTestApp('2026-03-04T12:00:00Z');
});
afterEach(() => t.close());

const circle = async () => (await t.db.select().from(communities).where(eq(communities.builtIn, 'facilitators_circle')))[0];
const membersOf = async (communityId: number) =>
  (await t.db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.communityId, communityId)).orderBy(asc(memberships.userId)));

describe("the facilitators' circle", () => {
  it('is made by the tick with every existing facilitator in it, and a weekly series from next Monday', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const olga = await t.userToken('olga@example.org', 'Olga');
    const mo = await t.userToken('mo@example.org', 'Mo');
    await createCommunity(t, fran.token, { slug: 'sketchers' });
    await createCommunity(t, olga.token, { slug: 'nurses', visibility: 'private' });
    await join(t, mo.token, 'sketchers');
    expect(await circle()).toBeUndefined();

    await tick(t.db, t.clock.now(), undefined, CIRCLE);
    const made = (await circle())!;
    expect(made).toMatchObject({ slug: 'facilitators-circle', visibility: 'private', name: 'Facilitators’ circle' });
    expect(await membersOf(made.id)).toEqual([{ userId: fran.userId, role: 'member' }, { userId: olga.userId, role: 'member' }]);
    const [weekly] = await t.db.select().from(series).where(eq(series.communityId, made.id));
    expect(weekly).toMatchObject({ cadence: 'weekly', status: 'scheduled', startDate: '2026-03-09' });
    const days = (await t.db.select().from(prompts).where(eq(prompts.seriesId, weekly!.id)).orderBy(asc(prompts.position))).map((p) => p.opensOn);
    expect(days).toEqual(CIRCLE_PROMPTS.map((_, i) => ['2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06', '2026-04-13'][i]));

    // Again: nothing new (one community, the same members, one series).
    t.clock.set('2026-03-04T12:10:00Z');
    await tick(t.db, t.clock.now(), undefined, CIRCLE);
    expect((await t.db.select().from(communities).where(eq(communities.builtIn, 'facilitators_circle'))).length).toBe(1);
    expect((await membersOf(made.id)).length).toBe(2);
    expect((await t.db.select().from(series).where(eq(series.communityId, made.id))).length).toBe(1);
  });

  it('takes in new facilitators at once: a new community, or a member made facilitator', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fran.token, { slug: 'sketchers' });
    await tick(t.db, t.clock.now(), undefined, CIRCLE);
    const { id } = (await circle())!;
    const kim = await t.userToken('kim@example.org', 'Kim');
    await createCommunity(t, kim.token, { slug: 'kims-place' });
    const mo = await t.userToken('mo@example.org', 'Mo');
    await join(t, mo.token, 'sketchers');
    expect((await membersOf(id)).map((m) => m.userId)).toEqual([fran.userId, kim.userId]);
    const promoted = await t.call('PATCH', `/api/communities/sketchers/members/${mo.userId}`, { token: fran.token, body: { role: 'facilitator' } });
    expect(promoted.status, promoted.text).toBe(200);
    expect((await membersOf(id)).map((m) => m.userId)).toEqual([fran.userId, kim.userId, mo.userId]);
  });

  it('lets facilitators read each other there, and nobody else', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const olga = await t.userToken('olga@example.org', 'Olga');
    const mo = await t.userToken('mo@example.org', 'Mo');
    const stu = await t.userToken('stu@example.org', 'Stu');
    await t.db.update(users).set({ isSteward: true }).where(eq(users.id, stu.userId));
    await createCommunity(t, fran.token, { slug: 'sketchers' });
    await createCommunity(t, olga.token, { slug: 'nurses' });
    await join(t, mo.token, 'sketchers');
    await tick(t.db, t.clock.now(), undefined, CIRCLE);
    const made = (await circle())!;
    t.clock.set('2026-03-09T09:00:00Z');
    await tick(t.db, t.clock.now(), undefined, CIRCLE);
    const [first] = await t.db.select().from(prompts).where(and(eq(prompts.communityId, made.id), eq(prompts.position, 1)));
    const text = 'I send a two-line welcome the day someone joins';
    const answered = await t.call('POST', `/api/prompts/${first!.id}/submissions`, { token: fran.token, body: { level: 'easy', body: text } });
    expect(answered.status, answered.text).toBe(201);

    const read = async (token: string) => t.call('GET', `/api/prompts/${first!.id}/gallery`, { token });
    expect((await read(olga.token)).json.items.map((i: { body: string }) => i.body)).toEqual([text]);
    // A plain member of another community: the circle does not exist for them.
    expect((await read(mo.token)).status).toBe(404);
    expect((await t.call('GET', '/c/facilitators-circle', { token: mo.token })).status).toBe(404);
    // A steward outside it sees its numbers elsewhere, never its answers.
    expect((await read(stu.token)).json.items).toEqual([]);
  });
});
