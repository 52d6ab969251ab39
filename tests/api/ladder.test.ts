import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ladderSteps } from '../../db/schema';
import { funnelCounts, STAGES, type Stage } from '../../src/domain/recognition/ladder';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';
import { bruteLocalDay } from '../helpers/rhythm-brute';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterAll(() => t.close());

const DAY = 86_400_000;
type Visibility = 'facilitators' | 'community' | 'public';
const STAGE_OF: Record<Visibility, Stage> = { facilitators: 'practising', community: 'sharing_community', public: 'sharing_public' };
const rank = (s: Stage) => STAGES.indexOf(s);
let seq = 0;

async function setup(memberCount: number, timeZone = 'UTC') {
  const n = ++seq;
  const slug = `ladder-${n}`;
  const fac = await t.userToken(`lfac${n}@example.org`, `Fac ${n}`);
  await createCommunity(t, fac.token, { slug, timeZone });
  const today = t.clock.now().toISOString().slice(0, 10);
  const start = new Date(Date.parse(`${today}T00:00:00Z`) - 10 * DAY).toISOString().slice(0, 10);
  const series = await createSeries(t, fac.token, slug, {
    startDate: start,
    prompts: Array.from({ length: 40 }, (_, i) => ({ easy: `E${i}`, hard: `H${i}` })),
  });
  const members = [];
  for (let i = 0; i < memberCount; i++) {
    const m = await t.userToken(`l${n}m${i}@example.org`, `Member ${n}.${i}`);
    await join(t, m.token, slug);
    members.push(m);
  }
  const opened = series.prompts.filter((p) => p.opensOn <= today).map((p) => p.id);
  return { slug, fac, members, opened };
}

const answer = (token: string, promptId: number, visibility: Visibility, anonymous = false, level = 'easy') =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, { token, body: { level, body: 'Try', visibility, anonymous } });
const ladder = (slug: string, token?: string) => t.call('GET', `/api/communities/${slug}/ladder/me`, { token });
const funnel = (slug: string, token?: string) => t.call('GET', `/api/communities/${slug}/ladder/funnel`, { token });
const counts = (res: { json: { stages: { stage: Stage; members: number }[] } }) =>
  Object.fromEntries(res.json.stages.map((s) => [s.stage, s.members]));

describe('confidence ladder', () => {
  it('climbs with visibility, never steps back, and dates each step', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const { slug, fac, members, opened } = await setup(1);
    const me = members[0]!;
    expect((await ladder(slug, me.token)).json).toEqual({ stage: 'observer', history: [{ stage: 'observer', reachedOn: '2026-03-02' }] });

    await answer(me.token, opened[0]!, 'facilitators');
    t.clock.advance(DAY);
    const shared = await answer(me.token, opened[1]!, 'community');
    await answer(me.token, opened[2]!, 'facilitators'); // a lower step changes nothing
    expect((await ladder(slug, me.token)).json).toEqual({
      stage: 'sharing_community',
      history: [
        { stage: 'observer', reachedOn: '2026-03-02' },
        { stage: 'practising', reachedOn: '2026-03-02' },
        { stage: 'sharing_community', reachedOn: '2026-03-03' },
      ],
    });
    await t.call('DELETE', `/api/submissions/${shared.json.id}`, { token: me.token });
    expect((await ladder(slug, me.token)).json.stage).toBe('sharing_community');

    // An anonymous public answer lifts the member's own ladder, and nothing anyone else reads.
    const before = await funnel(slug, fac.token);
    await answer(me.token, opened[3]!, 'public', true);
    expect((await ladder(slug, me.token)).json.stage).toBe('sharing_public');
    expect((await funnel(slug, fac.token)).json).toEqual(before.json);
    expect(counts(before)).toEqual({ observer: 0, practising: 0, sharing_community: 1, sharing_public: 0, main_space: 0 });

    const posted = await t.call('POST', `/api/communities/${slug}/ladder/main-space`, { token: me.token });
    expect(posted.status).toBe(200);
    expect(posted.json.stage).toBe('main_space');
    expect(posted.json.history.map((h: { stage: Stage }) => h.stage)).toEqual(['observer', 'practising', 'sharing_community', 'sharing_public', 'main_space']);
    expect(counts(await funnel(slug, fac.token))).toMatchObject({ sharing_community: 0, main_space: 1 });
  });

  it('lets a facilitator mark a member as contributing in the main space, and nobody else', async () => {
    const { slug, fac, members } = await setup(2);
    const [ada, bob] = members as [(typeof members)[0], (typeof members)[0]];
    const marked = await t.call('POST', `/api/communities/${slug}/members/${ada.userId}/main-space`, { token: fac.token });
    expect(marked.status).toBe(200);
    expect(marked.json).toEqual({ userId: ada.userId, stage: 'main_space' });
    expect((await ladder(slug, ada.token)).json.history.map((h: { stage: Stage }) => h.stage)).toEqual(['observer', 'main_space']);
    const [row] = await t.db.select().from(ladderSteps).where(and(eq(ladderSteps.userId, ada.userId), eq(ladderSteps.view, 'own')));
    expect(row!.markedBy).toBe(fac.userId);

    expect((await t.call('POST', `/api/communities/${slug}/members/${ada.userId}/main-space`, { token: bob.token })).status).toBe(403);
    expect((await t.call('POST', `/api/communities/${slug}/members/999999/main-space`, { token: fac.token })).status).toBe(404);
    expect((await funnel(slug, bob.token)).status).toBe(403);
    expect((await funnel(slug)).status).toBe(401);
    expect((await ladder(slug)).status).toBe(401);
    const stranger = await t.userToken(`stranger${seq}@example.org`);
    expect((await ladder(slug, stranger.token)).status).toBe(403);
    expect(counts(await funnel(slug, fac.token))).toEqual({ observer: 1, practising: 0, sharing_community: 0, sharing_public: 0, main_space: 1 });
  });
});

type Op =
  | { kind: 'answer'; who: number; prompt: number; level: 'easy' | 'hard'; visibility: Visibility; anonymous: boolean }
  | { kind: 'delete'; who: number; pick: number }
  | { kind: 'self'; who: number }
  | { kind: 'mark'; who: number }
  | { kind: 'wait'; hours: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      who: fc.nat(2),
      prompt: fc.nat(9),
      level: fc.constantFrom('easy' as const, 'hard' as const),
      visibility: fc.constantFrom<Visibility>('facilitators', 'community', 'public'),
      anonymous: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), who: fc.nat(2), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('self' as const), who: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mark' as const), who: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 40 }) }) },
);

describe('confidence ladder over random histories', () => {
  it('holds the highest stage reached, dated when reached, and the funnel counts named steps only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('UTC', 'America/Vancouver', 'Asia/Tokyo'), fc.array(op, { minLength: 5, maxLength: 40 }), async (zone, ops) => {
        t.clock.set('2026-03-02T12:00:00Z');
        const s = await setup(3, zone);
        const joined = bruteLocalDay(t.clock.now().getTime(), zone, 0);
        const own = s.members.map(() => [{ stage: 'observer' as Stage, reachedOn: joined }]);
        const shown = s.members.map(() => 'observer' as Stage);
        const live = s.members.map(() => [] as number[]);
        const reach = (who: number, stage: Stage, named: boolean) => {
          const today = bruteLocalDay(t.clock.now().getTime(), zone, 0);
          if (rank(stage) > rank(own[who]!.at(-1)!.stage)) own[who]!.push({ stage, reachedOn: today });
          if (named && rank(stage) > rank(shown[who]!)) shown[who] = stage;
        };
        for (const o of ops) {
          if (o.kind === 'wait') t.clock.advance(o.hours * 3_600_000);
          else if (o.kind === 'answer') {
            const res = await answer(s.members[o.who]!.token, s.opened[o.prompt % s.opened.length]!, o.visibility, o.anonymous, o.level);
            expect([201, 409]).toContain(res.status);
            if (res.status === 201) {
              live[o.who]!.push(res.json.id);
              reach(o.who, STAGE_OF[o.visibility], !o.anonymous);
            }
          } else if (o.kind === 'delete' && live[o.who]!.length) {
            const [id] = live[o.who]!.splice(o.pick % live[o.who]!.length, 1);
            expect((await t.call('DELETE', `/api/submissions/${id}`, { token: s.members[o.who]!.token })).status).toBe(200);
          } else if (o.kind === 'self') {
            expect((await t.call('POST', `/api/communities/${s.slug}/ladder/main-space`, { token: s.members[o.who]!.token })).status).toBe(200);
            reach(o.who, 'main_space', true);
          } else if (o.kind === 'mark') {
            const path = `/api/communities/${s.slug}/members/${s.members[o.who]!.userId}/main-space`;
            expect((await t.call('POST', path, { token: s.fac.token })).status).toBe(200);
            reach(o.who, 'main_space', true);
          }
        }
        for (const [i, m] of s.members.entries()) {
          expect((await ladder(s.slug, m.token)).json).toEqual({ stage: own[i]!.at(-1)!.stage, history: own[i] });
        }
        const expected = Object.fromEntries(STAGES.map((st) => [st, shown.filter((x) => x === st).length]));
        expect(counts(await funnel(s.slug, s.fac.token))).toEqual(expected);
        // Read two members at a time (as a big community is read 500 at a time), pausing between reads: the same.
        let pauses = 0;
        const communityId = (await t.call('GET', `/api/communities/${s.slug}`)).json.id as number;
        const apart = await funnelCounts(t.db, communityId, { membersPerRead: 2, pause: async () => void pauses++ });
        expect(Object.fromEntries(apart.stages.map((x) => [x.stage, x.members]))).toEqual(expected);
        expect(pauses).toBe(1);
      }),
      { numRuns: 30, endOnFailure: true },
    );
  }, 120_000);
});
