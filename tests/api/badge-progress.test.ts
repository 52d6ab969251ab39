/**
 * Running badge facts (src/domain/badges/progress.ts): a member whose only changes are new answers is
 * refreshed from them and a few rows, not from their whole history, and the badges it leaves are always the
 * ones a full refresh would have written. The oracle is a twin installation that takes the same requests at
 * the same instants but refreshes everyone in full.
 */
import type { InArgs, InStatement } from '@libsql/client';
import { and, asc, eq } from 'drizzle-orm';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { badgeGrants, badgeProgress, communities, recognitionQueue } from '../../db/schema';
import { isSelect } from '../../db/statement-kind';
import { foldNewAnswers } from '../../src/domain/badges/progress';
import { refreshBadgesFor } from '../../src/domain/badges/refresh';
import { queuedRecognition, refreshQueued } from '../../src/domain/recognition/drain';
import { makeTestApp, type TestApp } from '../helpers/app';
import { watchClient } from '../helpers/client-spy';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

const apps: TestApp[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) a.close();
});

const START = '2026-03-04T12:00:00Z';
const HOUR = 3_600_000;

/** A community with a long series (all of it open), a three-prompt one, a facilitator and `members` members. */
async function installation(members: number) {
  const t = await makeTestApp(START);
  apps.push(t);
  const fac = await t.userToken('fran@example.org', 'Fran');
  const { slug } = await createCommunity(t, fac.token);
  const long = await createSeries(t, fac.token, slug, {
    startDate: '2026-01-20',
    prompts: Array.from({ length: 40 }, (_, i) => ({ easy: `e${i}`, hard: `h${i}` })),
  });
  const short = await createSeries(t, fac.token, slug, { title: 'Three', startDate: '2026-03-01' });
  const people = [];
  for (let i = 0; i < members; i++) {
    const p = await t.userToken(`m${i}@example.org`, `Member ${i}`);
    await join(t, p.token, slug);
    people.push(p);
  }
  const [community] = await t.db.select().from(communities).where(eq(communities.slug, slug));
  return { t, fac, slug, community: community!, people, prompts: [...long.prompts, ...short.prompts].map((p) => p.id) };
}

const answerBody = (o: Record<string, unknown> = {}) => ({ level: 'easy', body: 'A small thing', visibility: 'community', anonymous: false, ...o });
const liveGrants = (t: TestApp) =>
  t.db
    .select({ userId: badgeGrants.userId, badgeId: badgeGrants.badgeId, evidence: badgeGrants.evidence, grantedAt: badgeGrants.grantedAt, revokedAt: badgeGrants.revokedAt })
    .from(badgeGrants)
    .orderBy(asc(badgeGrants.userId), asc(badgeGrants.badgeId), asc(badgeGrants.grantedAt));

const runningFacts = async (t: TestApp) =>
  (await t.db.select().from(badgeProgress).orderBy(asc(badgeProgress.userId))).map(({ version: _, ...facts }) => facts);

/** Rows the database hands back while `run` runs: what a refresh reads. */
async function rowsReadDuring(t: TestApp, run: () => Promise<unknown>): Promise<number> {
  let rows = 0;
  await watchClient(t.client, { returned: (results) => results.forEach((r) => r.rows.forEach((row) => (rows += rowsIn(row)))) }, run);
  return rows;
}

/** One, or the rows a value carries as a JSON array of arrays: the full refresh reads a member's answers so (facts.ts). */
function rowsIn(row: Record<string, unknown>): number {
  for (const value of Object.values(row)) {
    if (typeof value !== 'string' || !value.startsWith('[[')) continue;
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every(Array.isArray)) return parsed.length;
  }
  return 1;
}

/** The reads sent while `run` runs, and the lines of their query plans (each explained with its own arguments). */
async function readPlansDuring(t: TestApp, run: () => Promise<unknown>) {
  const statements: InStatement[] = [];
  await watchClient(t.client, { sent: (s) => statements.push(...s) }, run);
  const reads = statements.filter((s): s is { sql: string; args: InArgs } => typeof s !== 'string' && isSelect(s));
  // On a connection of its own: a cached EXPLAIN left on the app's connection would hold its next commit back.
  const own = new Database(t.file, { readonly: true });
  const plans = reads.flatMap((s) => (own.prepare(`explain query plan ${s.sql}`).all(...(s.args as unknown[])) as { detail: string }[]).map((r) => r.detail));
  own.close();
  return { reads, plans };
}

describe('running badge facts', () => {
  it('refresh a member with a long history from a few rows after a new answer, and in full after a deletion', async () => {
    const { t, community, people, prompts } = await installation(1);
    const mo = people[0]!;
    const ids: number[] = [];
    for (const [i, promptId] of prompts.slice(0, 30).entries()) {
      t.clock.set(new Date(Date.parse(START) + i * 5 * HOUR));
      for (const level of ['easy', 'hard']) {
        const res = await t.call('POST', `/api/prompts/${promptId}/submissions`, { token: mo.token, body: answerBody({ level }) });
        expect(res.status, res.text).toBe(201);
        ids.push(res.json.id);
      }
      // Drained now and then, as the app does after responses: most refreshes take in one or two answers.
      if (i % 3 === 0) await t.settleRecognition();
    }
    await t.settleRecognition();

    const res = await t.call('POST', `/api/prompts/${prompts[31]}/submissions`, { token: mo.token, body: answerBody() });
    expect(res.status).toBe(201);
    expect(await rowsReadDuring(t, () => t.settleRecognition())).toBeLessThan(20);
    const [progress] = await t.db.select().from(badgeProgress).where(eq(badgeProgress.userId, mo.userId));
    expect(progress).toMatchObject({ communityId: community.id, throughId: res.json.id, answerCount: 61, hasHard: true, hasPublic: false });

    // A deletion is no new answer: the member's history is read again, and the running facts rewritten from it.
    expect((await t.call('DELETE', `/api/submissions/${ids[0]}`, { token: mo.token })).status).toBe(200);
    expect(await rowsReadDuring(t, () => t.settleRecognition())).toBeGreaterThan(60);
    const [after] = await t.db.select().from(badgeProgress).where(eq(badgeProgress.userId, mo.userId));
    expect(after!.answerCount).toBe(60);
    expect(after!.version).toBeGreaterThan(progress!.version);
  });

  it('read a full refresh through the members’ own index, never through the community’s whole timeline', async () => {
    const { t, people, prompts } = await installation(3);
    for (const p of people) {
      for (const promptId of prompts.slice(0, 2)) {
        const res = await t.call('POST', `/api/prompts/${promptId}/submissions`, { token: p.token, body: answerBody() });
        expect(res.status).toBe(201);
      }
    }
    // First answers: no running facts yet, so everyone is refreshed in full.
    const { reads, plans } = await readPlansDuring(t, () => t.settleRecognition());
    expect(reads.some((s) => s.sql.includes('from "submissions"'))).toBe(true);
    expect(plans.filter((l) => /submissions_community_time|SCAN submissions/.test(l))).toEqual([]);
  });

  it('fold new answers by seeking each member’s index from their last folded answer, not walking their history', async () => {
    // Twelve members: with two, SQLite chose the right join order by itself.
    const { t, people, prompts } = await installation(12);
    for (const [i, promptId] of prompts.slice(0, 6).entries()) {
      t.clock.set(new Date(Date.parse(START) + i * 5 * HOUR));
      for (const p of people) expect((await t.call('POST', `/api/prompts/${promptId}/submissions`, { token: p.token, body: answerBody() })).status).toBe(201);
      await t.settleRecognition();
    }
    for (const p of people) expect((await t.call('POST', `/api/prompts/${prompts[6]}/submissions`, { token: p.token, body: answerBody() })).status).toBe(201);
    const { plans } = await readPlansDuring(t, () => t.settleRecognition());
    // The fold's read of new answers only: a seventh answer crosses no milestone, so no member gets a full refresh
    // (whose read of the member index has no time bound).
    const memberSearches = plans.filter((l) => l.includes('submissions_member'));
    expect(memberSearches.length).toBeGreaterThan(0);
    expect(memberSearches.filter((l) => !l.includes('created_at>'))).toEqual([]);
  });

  it('let requests go first before each group of full refreshes, in a background drain', async () => {
    const { t, people, prompts } = await installation(9);
    for (const p of people) {
      const res = await t.call('POST', `/api/prompts/${prompts[0]}/submissions`, { token: p.token, body: answerBody() });
      expect(res.status).toBe(201);
    }
    // First answers: no running facts yet, so all nine are refreshed in full, two at a time: five groups, each
    // after a pause, the first one too.
    let pauses = 0;
    await refreshQueued(t.db, await queuedRecognition(t.db), { pause: async () => void pauses++ });
    expect(pauses).toBe(5);
    expect(await t.db.select().from(recognitionQueue)).toEqual([]);
    const firsts = (await liveGrants(t)).filter((g) => g.badgeId === 'first-answer');
    expect(firsts.map((g) => g.userId).sort((a, b) => a - b)).toEqual(people.map((p) => p.userId).sort((a, b) => a - b));
  });

  it('never write folded facts over a full refresh that came in between', async () => {
    const { t, community, people, prompts } = await installation(1);
    const mo = people[0]!;
    const answer = (promptId: number) => t.call('POST', `/api/prompts/${promptId}/submissions`, { token: mo.token, body: answerBody() });
    expect((await answer(prompts[0]!)).status).toBe(201);
    await t.settleRecognition();
    const second = (await answer(prompts[1]!)).json.id as number;
    const queued = [{ userId: mo.userId, now: t.clock.now() }];
    const stale = await foldNewAnswers(t.db, community, queued);
    expect(stale.full).toEqual([]);
    expect(stale.writes).toHaveLength(1);

    // Meanwhile the second answer is deleted and a full refresh rewrites the running facts without it.
    expect((await t.call('DELETE', `/api/submissions/${second}`, { token: mo.token })).status).toBe(200);
    await refreshBadgesFor(t.db, community, queued);
    const [rewritten] = await t.db.select().from(badgeProgress);
    const [head, ...rest] = stale.writes;
    await t.db.batch([head!, ...rest]);
    expect(await t.db.select().from(badgeProgress)).toEqual([rewritten]);
    expect(rewritten!.answerCount).toBe(1);
  });

  it('leave the same badges as full refreshes would, over random histories', async () => {
    const earned = new Set<string>();
    for (const seed of [3, 17, 29]) {
      let x = seed;
      const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)]!;
      // Built one after the other, so both have the same ids.
      const fast = await installation(4);
      const full = await installation(4);
      const twins = [fast, full] as const;
      const answers: { id: number; author: number }[] = [];
      const answered = new Set<string>();
      let folded = 0;

      // `path` is called once per twin: anything random is drawn before.
      const both = async (method: string, path: (w: typeof fast) => string, who: number | 'fac', body?: unknown) => {
        const [a, b] = await Promise.all(
          twins.map((w) => w.t.call(method, path(w), { token: who === 'fac' ? w.fac.token : w.people[who]!.token, body })),
        );
        expect(b!.status, `seed ${seed} ${method} ${path(fast)}`).toBe(a!.status);
        return a!;
      };
      const drainBoth = async () => {
        folded += (await fast.t.db.select().from(recognitionQueue).where(eq(recognitionQueue.appendedOnly, true))).length;
        // The oracle: every queued member refreshed in full.
        await full.t.db.update(recognitionQueue).set({ appendedOnly: false });
        await Promise.all(twins.map((w) => w.t.settleRecognition()));
        expect(await liveGrants(fast.t), `seed ${seed}`).toEqual(await liveGrants(full.t));
        // And the running facts folded are the ones the full refresh read (only their write counts differ).
        const [folds, reads] = await Promise.all(twins.map((w) => runningFacts(w.t)));
        expect(folds, `seed ${seed}`).toEqual(reads);
      };

      for (let step = 0; step < 160; step++) {
        // Now and then the clock goes back a little (a corrected clock, another isolate's): answers out of order.
        const back = random() < 0.06 ? 20 * HOUR : 0;
        const at = new Date(fast.t.clock.now().getTime() + Math.floor(random() * 30) * HOUR - back);
        for (const w of twins) w.t.clock.set(at);
        const who = Math.floor(random() * 4);
        const roll = random();
        if (roll < 0.72) {
          const promptId = pick(fast.prompts);
          const level = random() < 0.5 ? 'easy' : 'hard';
          if (answered.has(`${who}:${promptId}:${level}`)) continue;
          const body = answerBody({ level, anonymous: random() < 0.3, visibility: pick(['facilitators', 'community', 'public']) });
          const res = await both('POST', () => `/api/prompts/${promptId}/submissions`, who, body);
          expect(res.status, `seed ${seed}`).toBe(201);
          answered.add(`${who}:${promptId}:${level}`);
          answers.push({ id: res.json.id, author: who });
        } else if (roll < 0.77 && answers.length) {
          const a = answers.splice(Math.floor(random() * answers.length), 1)[0]!;
          await both('DELETE', () => `/api/submissions/${a.id}`, a.author);
        } else if (roll < 0.86 && answers.length) {
          const a = pick(answers);
          await both('POST', () => `/api/submissions/${a.id}/kudos`, who, { kind: 'relate' });
        } else if (roll < 0.89 && answers.length) {
          const a = pick(answers);
          await both('POST', () => `/api/submissions/${a.id}/spotlight`, 'fac', {});
        } else if (roll < 0.93 && answers.length) {
          const a = pick(answers);
          await both('PATCH', () => `/api/submissions/${a.id}`, a.author, { visibility: pick(['facilitators', 'community', 'public']) });
        } else if (roll < 0.96) {
          await both('PATCH', (w) => `/api/communities/${w.slug}/rhythm/me`, who, { goal: 1 + Math.floor(random() * 3) });
        } else {
          const day = new Date(at.getTime() + Math.floor(random() * 14) * 24 * HOUR).toISOString().slice(0, 10);
          await both('POST', (w) => `/api/communities/${w.slug}/rhythm/rest-weeks`, who, { weekOf: day });
        }
        // Drained now and then, so a member's queue row gathers several changes, as under load.
        if (random() < 0.4) await drainBoth();
      }
      await drainBoth();
      for (const g of await liveGrants(fast.t)) earned.add(g.badgeId);
      expect(folded, `seed ${seed}`).toBeGreaterThan(40);
      const rows = await fast.t.db.select().from(badgeProgress).where(and(eq(badgeProgress.communityId, fast.community.id)));
      expect(rows.length, `seed ${seed}`).toBeGreaterThan(0);
      for (const w of twins) w.t.close();
      apps.length = 0;
    }
    // The histories reach far enough for every rule new answers can change, rhythm runs and series included.
    for (const id of ['first-answer', 'first-hard-answer', 'first-public-answer', 'answers-5', 'answers-20', 'rhythm-4', 'series-completed']) {
      expect(earned).toContain(id);
    }
  });
});
