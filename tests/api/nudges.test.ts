import type { InArgs, InStatement } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kudos as kudosTable, nudges, submissions } from '../../db/schema';
import { watchClient } from '../helpers/client-spy';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';
import { bruteLocalDay, bruteMonday } from '../helpers/rhythm-brute';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterAll(() => t.close());

const DAY = 86_400_000;
type Visibility = 'facilitators' | 'community' | 'public';
const NEXT = { facilitators: 'share_community', community: 'share_public', public: 'main_space' } as const;
let seq = 0;

/** One or more UTC communities with a running series, each with the same facilitator, author and two peers. */
async function setup(communityCount = 1) {
  const n = ++seq;
  const [fac, author, ada, bob] = await Promise.all(
    ['Fac', 'Mo', 'Ada', 'Bob'].map((name) => t.userToken(`${name.toLowerCase()}${n}@example.org`, `${name} ${n}`)),
  );
  const communities = [];
  for (let c = 0; c < communityCount; c++) {
    const slug = `nudge-${n}-${c}`;
    await createCommunity(t, fac!.token, { slug });
    const start = new Date(t.clock.now().getTime() - 5 * DAY).toISOString().slice(0, 10);
    const series = await createSeries(t, fac!.token, slug, {
      startDate: start,
      prompts: Array.from({ length: 60 }, (_, i) => ({ easy: `E${i}`, hard: `H${i}` })),
    });
    for (const m of [author!, ada!, bob!]) await join(t, m.token, slug);
    communities.push({ slug, prompts: series.prompts.slice(0, 5).map((p) => p.id) });
  }
  return { fac: fac!, author: author!, ada: ada!, bob: bob!, communities };
}

const answer = (token: string, promptId: number, visibility: Visibility, opts: { anonymous?: boolean; level?: string } = {}) =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, {
    token,
    body: { level: opts.level ?? 'easy', body: 'Small try', visibility, anonymous: opts.anonymous ?? false },
  });
const kudos = (token: string, id: number, kind = 'applause') => t.call('POST', `/api/submissions/${id}/kudos`, { token, body: { kind } });
const pending = (token: string) => t.call('GET', '/api/me/nudges', { token });

describe('nudges', () => {
  it('offer the author, and only the author, the next step after encouragement', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const { author, ada, bob, fac, communities } = await setup();
    const [c] = communities;
    const mine = (await answer(author.token, c!.prompts[0]!, 'community')).json.id;
    expect((await pending(author.token)).json).toEqual({ enabled: true, nudges: [] });

    await kudos(ada.token, mine);
    const res = await pending(author.token);
    expect(res.json).toEqual({
      enabled: true,
      nudges: [
        {
          id: expect.any(Number),
          kind: 'share_public',
          submissionId: mine,
          promptId: c!.prompts[0],
          communitySlug: c!.slug,
          encouragedBy: 1,
          message: '1 person encouraged this — share it with everyone?',
          createdAt: '2026-03-02T12:00:00.000Z',
        },
      ],
    });
    await kudos(bob.token, mine, 'learned');
    await kudos(bob.token, mine, 'relate'); // one person, however many kinds
    expect((await pending(author.token)).json.nudges[0].message).toBe('2 people encouraged this — share it with everyone?');
    for (const other of [ada, bob, fac]) expect((await pending(other.token)).json.nudges).toEqual([]);
    expect((await t.call('GET', '/api/me/nudges')).status).toBe(401);

    // Dismissed for good: other people's nudges are not found, repeating is harmless, more kudos bring nothing back.
    const id = res.json.nudges[0].id;
    expect((await t.call('POST', `/api/me/nudges/${id}/dismiss`, { token: ada.token })).status).toBe(404);
    expect((await t.call('POST', `/api/me/nudges/${id}/dismiss`, { token: author.token })).json).toEqual({ ok: true });
    expect((await t.call('POST', `/api/me/nudges/${id}/dismiss`, { token: author.token })).status).toBe(200);
    await kudos(fac.token, mine);
    t.clock.advance(8 * DAY);
    await kudos(fac.token, mine, 'learned');
    expect((await pending(author.token)).json.nudges).toEqual([]);
  });

  it('come at most once a week per community, and fit the answer as it is now', async () => {
    t.clock.set('2026-03-02T12:00:00Z'); // Monday
    const { author, ada, fac, communities } = await setup();
    const [c] = communities;
    const practice = (await answer(author.token, c!.prompts[0]!, 'facilitators')).json.id;
    const open = (await answer(author.token, c!.prompts[1]!, 'public')).json.id;
    await kudos(fac.token, practice);
    t.clock.advance(2 * DAY);
    await kudos(ada.token, open);
    expect((await pending(author.token)).json.nudges.map((n: { kind: string }) => n.kind)).toEqual(['share_community']);

    t.clock.set('2026-03-09T00:30:00Z'); // next Monday: a new nudge may come
    await kudos(fac.token, open);
    const both = (await pending(author.token)).json.nudges;
    expect(both.map((n: { kind: string; submissionId: number }) => [n.kind, n.submissionId])).toEqual([
      ['main_space', open],
      ['share_community', practice],
    ]);
    // Once the answer is shared more widely the step is done and its nudge goes; a deleted answer's nudge too.
    await t.db.update(submissions).set({ visibility: 'community' }).where(eq(submissions.id, practice));
    await t.call('DELETE', `/api/submissions/${open}`, { token: author.token });
    expect((await pending(author.token)).json.nudges).toEqual([]);
    expect(await t.db.select().from(nudges).where(eq(nudges.userId, author.userId))).toHaveLength(2);
  });

  it('can be turned off with PATCH /api/me, and none are offered meanwhile', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const { author, ada, communities } = await setup();
    const off = await t.call('PATCH', '/api/me', { token: author.token, body: { nudges: false } });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ nudges: false, showOnLeaderboards: true });
    const id = (await answer(author.token, communities[0]!.prompts[0]!, 'community')).json.id;
    await kudos(ada.token, id);
    expect((await pending(author.token)).json).toEqual({ enabled: false, nudges: [] });
    expect(await t.db.select().from(nudges).where(eq(nudges.userId, author.userId))).toEqual([]);
    expect((await t.call('PATCH', '/api/me', { token: author.token, body: { nudges: 'no' } })).status).toBe(400);

    await t.call('PATCH', '/api/me', { token: author.token, body: { nudges: true } });
    await kudos(ada.token, id, 'learned');
    expect((await pending(author.token)).json.nudges).toHaveLength(1);
  });
});

type Op =
  | { kind: 'answer'; community: number; prompt: number; level: 'easy' | 'hard'; visibility: Visibility; anonymous: boolean }
  | { kind: 'kudos'; giver: number; pick: number; sort: 'applause' | 'learned' | 'relate' }
  | { kind: 'delete'; pick: number }
  | { kind: 'dismiss'; pick: number }
  | { kind: 'toggle' }
  | { kind: 'wait'; hours: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      community: fc.nat(1),
      prompt: fc.nat(4),
      level: fc.constantFrom('easy' as const, 'hard' as const),
      visibility: fc.constantFrom<Visibility>('facilitators', 'community', 'public'),
      anonymous: fc.boolean(),
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('kudos' as const), giver: fc.nat(2), pick: fc.nat(), sort: fc.constantFrom('applause' as const, 'learned' as const, 'relate' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dismiss' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'toggle' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 72 }) }) },
);

/** Answers whose encouraged_at (kept by triggers) differs from the latest kudos someone other than the author gave. */
const encouragedAtDrift = () =>
  t.db.all<{ id: number }>(sql`select id from ${submissions} where ${submissions.encouragedAt} is not (select max(k.created_at)
    from ${kudosTable} k where k.submission_id = ${submissions.id} and k.user_id <> ${submissions.userId})`);

describe('encouraged answers (submissions.encouraged_at)', () => {
  it('follow kudos as they are given, and as givers, answers and authors are erased', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const { author, ada, bob, communities } = await setup();
    const [c] = communities;
    const named = (await answer(author.token, c!.prompts[0]!, 'community')).json.id;
    const anon = (await answer(author.token, c!.prompts[1]!, 'community', { anonymous: true })).json.id;
    const at = async (id: number) => (await t.db.select({ at: submissions.encouragedAt }).from(submissions).where(eq(submissions.id, id)))[0]?.at;

    expect(await at(named)).toBeNull();
    await kudos(ada.token, named);
    const adaAt = t.clock.now().getTime();
    t.clock.advance(60_000);
    await kudos(bob.token, named);
    await kudos(bob.token, anon);
    expect(await at(named)).toBe(adaAt + 60_000);

    // Bob erases his account: his kudos go, and the answer is encouraged as of Ada's again.
    expect((await t.call('DELETE', '/api/me', { token: bob.token, body: { confirm: 'delete my account' } })).status).toBe(200);
    expect(await at(named)).toBe(adaAt);
    expect(await at(anon)).toBeNull();

    // The author erases theirs: the anonymous answer stays under a placeholder, still judged against its author.
    await kudos(ada.token, anon);
    expect((await t.call('DELETE', '/api/me', { token: author.token, body: { confirm: 'delete my account' } })).status).toBe(200);
    expect(await encouragedAtDrift()).toEqual([]);
    expect(await at(named)).toBeUndefined();
  });

  it('let the offer after an answer read only the encouraged answers (the partial index)', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const { author, communities } = await setup();
    const statements: InStatement[] = [];
    await watchClient(t.client, { sent: (s) => statements.push(...s) }, () => answer(author.token, communities[0]!.prompts[2]!, 'community'));
    const offer = statements.find((s) => typeof s !== 'string' && s.sql.startsWith('insert into "nudges"')) as { sql: string; args: InArgs };
    expect(offer).toBeDefined();
    // On a connection of its own: a cached EXPLAIN left on the app's connection would hold its next commit back.
    const own = new Database(t.file, { readonly: true });
    const plan = own.prepare(`explain query plan ${offer.sql}`).all(...(offer.args as unknown[])) as { detail: string }[];
    own.close();
    const lines = plan.map((r) => r.detail);
    expect(lines.some((l) => l.startsWith('SEARCH submissions USING INDEX submissions_encouraged (community_id=? AND user_id=?'))).toBe(true);
    expect(lines.some((l) => /SCAN submissions|submissions_member/.test(l))).toBe(false);
  });
});

describe('nudges over random histories', () => {
  it('keep the weekly limit and the opt-out, never return once dismissed, and are offered whenever the limit allows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 50 }), async (ops) => {
        t.clock.set('2026-03-02T12:00:00Z');
        const s = await setup(2);
        const givers = [s.fac, s.ada, s.bob];
        const live: { id: number; community: number; visibility: Visibility; encouraged: boolean }[] = [];
        const dismissed = new Set<number>();
        let on = true;
        const week = (ms: number) => bruteMonday(bruteLocalDay(ms, 'UTC', 0));
        const rows = () => t.db.select().from(nudges).where(eq(nudges.userId, s.author.userId));

        for (const o of ops) {
          const now = t.clock.now().getTime();
          const before = on ? -1 : (await rows()).length;
          if (o.kind === 'wait') t.clock.advance(o.hours * 3_600_000);
          else if (o.kind === 'toggle') {
            on = !on;
            expect((await t.call('PATCH', '/api/me', { token: s.author.token, body: { nudges: on } })).status).toBe(200);
          } else if (o.kind === 'answer') {
            const c = s.communities[o.community]!;
            const res = await answer(s.author.token, c.prompts[o.prompt]!, o.visibility, o);
            if (res.status === 201) live.push({ id: res.json.id, community: o.community, visibility: o.visibility, encouraged: false });
          } else if (o.kind === 'delete' && live.length) {
            const [gone] = live.splice(o.pick % live.length, 1);
            await t.call('DELETE', `/api/submissions/${gone!.id}`, { token: s.author.token });
          } else if (o.kind === 'dismiss') {
            const shown = (await pending(s.author.token)).json.nudges as { id: number }[];
            if (shown.length) {
              const id = shown[o.pick % shown.length]!.id;
              expect((await t.call('POST', `/api/me/nudges/${id}/dismiss`, { token: s.author.token })).status).toBe(200);
              dismissed.add(id);
            }
          } else if (o.kind === 'kudos' && live.length) {
            const target = live[o.pick % live.length]!;
            const res = await kudos(givers[o.giver]!.token, target.id, o.sort);
            expect([200, 404]).toContain(res.status); // members cannot see facilitators-only answers
            if (res.status === 200) target.encouraged = true;
            if (res.status === 200 && on) {
              // Liveness: unless this week's nudge in that community is taken, every encouraged answer has had its step offered.
              const all = await rows();
              const community = await t.db.select({ communityId: submissions.communityId }).from(submissions).where(eq(submissions.id, target.id));
              const taken = all.some((r) => r.communityId === community[0]!.communityId && r.weekOf === week(now));
              if (!taken) {
                for (const a of live.filter((x) => x.encouraged && x.community === target.community)) {
                  expect(all.some((r) => r.submissionId === a.id && r.kind === NEXT[a.visibility])).toBe(true);
                }
              }
            }
          }
          // While nudges are off, nothing is offered, whatever happens.
          if (before >= 0) expect((await rows()).length).toBe(before);
          expect(await encouragedAtDrift()).toEqual([]);
        }

        const all = await rows();
        const perWeek = new Set(all.map((r) => `${r.communityId}/${week(r.createdAt)}`));
        expect(perWeek.size).toBe(all.length); // at most one per member, community and week
        for (const r of all) {
          expect(r.weekOf).toBe(week(r.createdAt));
        }
        const shown = (await pending(s.author.token)).json;
        expect(shown.enabled).toBe(on);
        const expected = on
          ? all
              .filter((r) => r.dismissedAt === null && live.some((a) => a.id === r.submissionId && NEXT[a.visibility] === r.kind))
              .map((r) => r.id)
              .sort()
          : [];
        expect(shown.nudges.map((n: { id: number }) => n.id).sort()).toEqual(expected);
        expect(shown.nudges.filter((n: { id: number }) => dismissed.has(n.id))).toEqual([]);
        for (const g of givers) expect((await pending(g.token)).json.nudges).toEqual([]);
      }),
      { numRuns: 25, endOnFailure: true },
    );
  }, 120_000);
});
