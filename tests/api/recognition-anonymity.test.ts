/**
 * The anonymity property for recognition, tested by difference: two communities live the same named history,
 * and one of them also gets random anonymous answers (and encouragement and deletions of them). Everything a
 * visitor, another member or a facilitator can read from the recognition API must be identical in both: then
 * no point, rhythm week, stage change, nudge, public badge or weekly roll there can come from, or point back
 * to, an anonymous answer.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../src/domain/recognition/shoutouts';
import { addDays } from '../../src/domain/time';
import { tick } from '../../src/jobs/tick';
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
let seq = 0;

async function world(timeZone: string, fac: { token: string }, members: { token: string }[]) {
  const slug = `anon-${++seq}`;
  await createCommunity(t, fac.token, { slug, timeZone });
  const start = bruteLocalDay(t.clock.now().getTime() - 10 * DAY, timeZone, 0);
  const prompts = Array.from({ length: 60 }, (_, i) => ({ easy: `E${i}`, hard: `H${i}` }));
  const series = [await createSeries(t, fac.token, slug, { startDate: start, prompts }), await createSeries(t, fac.token, slug, { startDate: start, prompts })];
  for (const m of members) await join(t, m.token, slug);
  return { slug, series, byDay: series.map((s) => new Map(s.prompts.map((p) => [p.opensOn, p.id]))) };
}

type Op =
  | { kind: 'named' | 'anonymous'; who: number; series: number; back: number; visibility: Visibility }
  | { kind: 'deleteNamed' | 'deleteAnonymous'; pick: number }
  | { kind: 'kudosNamed' | 'kudosAnonymous'; giver: number; pick: number }
  | { kind: 'mainSpace'; who: number }
  | { kind: 'goal'; who: number; goal: number }
  | { kind: 'wait'; hours: number };

const answerOp = (kind: 'named' | 'anonymous') =>
  fc.record({
    kind: fc.constant(kind),
    who: fc.nat(3),
    series: fc.nat(1),
    back: fc.nat(4),
    visibility: fc.constantFrom<Visibility>('facilitators', 'community', 'public'),
  });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: answerOp('named') },
  { weight: 5, arbitrary: answerOp('anonymous') },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('deleteNamed' as const, 'deleteAnonymous' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('kudosNamed' as const, 'kudosAnonymous' as const), giver: fc.nat(4), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mainSpace' as const), who: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('goal' as const), who: fc.nat(3), goal: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 5, max: 50 }) }) },
);

/** Drops what differs between the two worlds by construction (their own series and answer ids, their slugs). */
const same = (body: unknown): unknown =>
  JSON.parse(JSON.stringify(body, (k, v) => (['id', 'submissionId', 'promptId', 'communitySlug'].includes(k) ? undefined : v)));

describe('anonymous answers and recognition', () => {
  it('never change anything another member, a facilitator or a visitor can read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('UTC', 'America/Vancouver', 'Europe/Paris'), fc.array(op, { minLength: 10, maxLength: 60 }), async (timeZone, ops) => {
        t.clock.set('2026-03-04T18:00:00Z');
        const n = ++seq;
        const everyone = await Promise.all(['Fran', 'Ada', 'Bob', 'Cal', 'Olive'].map((name) => t.userToken(`${name}${n}@example.org`, name)));
        const [fac, ...members] = everyone as [(typeof everyone)[0], ...typeof everyone];
        for (const m of members) await t.call('PATCH', '/api/me', { token: m.token, body: { publicProfile: true } });
        const plain = await world(timeZone, fac, members);
        const masked = await world(timeZone, fac, members);
        // Olive (member 3) never answers anonymously: she is one of the observers.
        const named: [number, number, number][] = []; // [who, id in plain, id in masked]
        const anonymous: [number, number][] = []; // [who, id in masked]
        for (const o of ops) {
          if (o.kind === 'wait') {
            t.clock.advance(o.hours * 3_600_000);
            await tick(t.db, t.clock.now());
          } else if (o.kind === 'named' || o.kind === 'anonymous') {
            const who = o.kind === 'anonymous' ? o.who % 3 : o.who;
            const day = bruteLocalDay(t.clock.now().getTime() - o.back * DAY, timeZone, 0);
            const post = (w: typeof plain) => {
              const prompt = w.byDay[o.series]!.get(day)!;
              const body = { level: o.kind === 'named' ? 'easy' : 'hard', body: 'x', visibility: o.visibility, anonymous: o.kind === 'anonymous' };
              return t.call('POST', `/api/prompts/${prompt}/submissions`, { token: members[who]!.token, body });
            };
            if (o.kind === 'anonymous') {
              const res = await post(masked);
              if (res.status === 201) anonymous.push([who, res.json.id]);
            } else {
              const [a, b] = [await post(plain), await post(masked)];
              expect(a.status).toBe(b.status);
              if (a.status === 201) named.push([who, a.json.id, b.json.id]);
            }
          } else if (o.kind === 'deleteNamed' && named.length) {
            const [who, a, b] = named.splice(o.pick % named.length, 1)[0]!;
            for (const id of [a, b]) await t.call('DELETE', `/api/submissions/${id}`, { token: members[who]!.token });
          } else if (o.kind === 'deleteAnonymous' && anonymous.length) {
            const [who, id] = anonymous.splice(o.pick % anonymous.length, 1)[0]!;
            await t.call('DELETE', `/api/submissions/${id}`, { token: members[who]!.token });
          } else if (o.kind === 'kudosNamed' && named.length) {
            const [, a, b] = named[o.pick % named.length]!;
            const [ra, rb] = [await kudos(everyone[o.giver]!.token, a), await kudos(everyone[o.giver]!.token, b)];
            expect(ra.status).toBe(rb.status);
          } else if (o.kind === 'kudosAnonymous' && anonymous.length) {
            await kudos(everyone[o.giver]!.token, anonymous[o.pick % anonymous.length]![1]);
          } else if (o.kind === 'mainSpace' || o.kind === 'goal') {
            for (const w of [plain, masked]) {
              const token = members[o.who]!.token;
              if (o.kind === 'mainSpace') await t.call('POST', `/api/communities/${w.slug}/ladder/main-space`, { token });
              else await t.call('PATCH', `/api/communities/${w.slug}/rhythm/me`, { token, body: { goal: o.goal } });
            }
          }
        }

        const read = async (w: typeof plain, token: string | undefined) => {
          const get = async (path: string) => {
            const res = await t.call('GET', path, { token });
            return { status: res.status, body: same(res.json) };
          };
          const boards = [];
          for (const q of ['period=week', 'period=all', 'period=rhythm', ...w.series.map((s) => `period=series&seriesId=${s.id}`)]) {
            boards.push(await get(`/api/communities/${w.slug}/leaderboard?${q}&limit=100`));
          }
          const mine = token === undefined ? [] : [
            await get(`/api/communities/${w.slug}/ladder/me`),
            await get(`/api/communities/${w.slug}/rhythm/me`),
            await get(`/api/communities/${w.slug}/ladder/funnel`),
          ];
          const nudges = token === undefined ? null : (await t.call('GET', '/api/me/nudges', { token })).json.nudges.filter((x: { communitySlug: string }) => x.communitySlug === w.slug);
          // Badges and rhythm on the members' public profiles, and every weekly roll so far.
          const profiles = [];
          for (const m of members) {
            const profile = (await t.call('GET', `/api/users/${m.userId}/profile`, { token })).json;
            const here = profile.communities.find((c: { slug: string }) => c.slug === w.slug);
            profiles.push(same(here ? { badges: here.badges, rhythm: here.rhythm } : null));
          }
          const rolls = [];
          for (let monday = '2026-03-02'; monday < t.clock.now().toISOString().slice(0, 10); monday = addDays(monday, 7)) {
            rolls.push(await get(`/api/communities/${w.slug}/weeks/${isoWeekOf(monday)}`));
          }
          return { boards, mine, nudges: same(nudges), profiles, rolls };
        };
        // The observers: a visitor, Olive (a member who only ever answers with her name) and the facilitator.
        for (const token of [undefined, members[3]!.token, fac.token]) {
          expect(await read(masked, token)).toEqual(await read(plain, token));
        }
      }),
      { numRuns: 15, endOnFailure: true },
    );
  }, 180_000);
});

const kudos = (token: string, id: number) => t.call('POST', `/api/submissions/${id}/kudos`, { token, body: { kind: 'applause' } });
