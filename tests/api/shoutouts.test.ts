/**
 * The weekly shout-out roll: written once when each community's own week ends, never naming an anonymous
 * answer's author or a member who opted out (checked over random weeks), and re-checked when read.
 */
import type { InArgs, InStatement } from '@libsql/client';
import { eq } from 'drizzle-orm';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { communities, pointsLedger, shoutoutRolls, submissions, users } from '../../db/schema';
import { ROLLS_PER_TICK } from '../../src/jobs/shoutouts';
import { MEMBERS_PER_READ } from '../../src/domain/recognition/shoutouts';
import { isoWeekOf, mondayOfIsoWeek } from '../../src/domain/recognition/shoutouts';
import { tick } from '../../src/jobs/tick';
import { watchClient } from '../helpers/client-spy';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join, postAnswer } from '../helpers/fixtures';

let t: TestApp;
afterEach(() => t?.close());

const many = (n: number) => Array.from({ length: n }, (_, i) => ({ easy: `Easy ${i + 1}`, hard: `Hard ${i + 1}` }));
const answer = (token: string, promptId: number, fields: Record<string, unknown> = {}) => postAnswer(t, token, promptId, fields);
const roll = (slug: string, week: string, token?: string) => t.call('GET', `/api/communities/${slug}/weeks/${week}`, { token });

/** Small deterministic PRNG, so a failing random week can be replayed from its seed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('ISO weeks', () => {
  it('names weeks as ISO 8601 does, and refuses weeks that do not exist', () => {
    expect(isoWeekOf('2026-03-02')).toBe('2026-W10');
    expect(isoWeekOf('2020-12-28')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(mondayOfIsoWeek('2026-W10')).toBe('2026-03-02');
    expect(mondayOfIsoWeek('2025-W01')).toBe('2024-12-30');
    expect(mondayOfIsoWeek('2020-W53')).toBe('2020-12-28');
    expect(mondayOfIsoWeek('2026-W53')).toBe('2026-12-28'); // 2026 starts on a Thursday: 53 weeks
    expect(mondayOfIsoWeek('2025-W53')).toBeNull();
    expect(mondayOfIsoWeek('2026-W00')).toBeNull();
  });
});

describe('the weekly roll', () => {
  it('is written once, when each community’s own week has ended', async () => {
    t = await makeTestApp('2026-03-04T12:00:00Z');
    const fac = await t.userToken('fran@example.org', 'Fran');
    const mo = await t.userToken('mo@example.org', 'Mo');
    for (const [slug, timeZone] of [['tokyo', 'Asia/Tokyo'], ['vancouver', 'America/Vancouver'], ['quiet', 'UTC']] as const) {
      await createCommunity(t, fac.token, { slug, timeZone });
      const s = await createSeries(t, fac.token, slug, { startDate: '2026-03-02' });
      await join(t, mo.token, slug);
      if (slug !== 'quiet') await answer(mo.token, s.prompts[0]!.id);
    }
    expect((await roll('tokyo', '2026-W10')).status).toBe(404);

    t.clock.set('2026-03-08T14:59:00Z'); // Sunday 23:59 in Tokyo
    expect((await tick(t.db, t.clock.now())).rolled).toBeUndefined();
    t.clock.set('2026-03-08T15:00:00Z'); // Monday 00:00 in Tokyo
    expect((await tick(t.db, t.clock.now())).rolled).toBe(1);
    expect((await tick(t.db, t.clock.now())).rolled).toBeUndefined();
    const tokyo = await roll('tokyo', '2026-W10');
    expect(tokyo.status, tokyo.text).toBe(200);
    expect(tokyo.json).toMatchObject({ week: '2026-W10', weekOf: '2026-03-02', generatedAt: '2026-03-08T15:00:00.000Z', newContributors: [{ name: 'Mo' }] });
    expect((await roll('vancouver', '2026-W10')).status).toBe(404);

    t.clock.set('2026-03-09T06:59:00Z'); // Sunday 23:59 PDT (the clocks changed that morning)
    expect((await tick(t.db, t.clock.now())).rolled).toBeUndefined();
    t.clock.set('2026-03-09T07:00:00Z');
    expect((await tick(t.db, t.clock.now())).rolled).toBe(1);
    // Run late and twice: still one roll per community and week, and none for a week without answers.
    t.clock.set('2026-03-10T09:00:00Z');
    await Promise.all([tick(t.db, t.clock.now()), tick(t.db, t.clock.now())]);
    expect((await t.db.select().from(shoutoutRolls)).map((r) => r.weekOf)).toEqual(['2026-03-02', '2026-03-02']);
    expect((await roll('quiet', '2026-W10')).status).toBe(404);
    expect((await roll('tokyo', '2026-W99')).status).toBe(400);
    expect((await roll('tokyo', 'last-week')).status).toBe(400);
  });

  it('reads a roll naming more people than D1 binds in one statement, and reuses its checks while nothing is written', async () => {
    t = await makeTestApp('2026-03-04T12:00:00Z');
    const fac = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fac.token, { slug: 'crowd', timeZone: 'UTC' });
    const s = await createSeries(t, fac.token, 'crowd', { startDate: '2026-03-02' });
    const people = [];
    for (let i = 0; i < MEMBERS_PER_READ + 5; i++) {
      const m = await t.userToken(`m${i}@example.org`, `Member ${String(i).padStart(3, '0')}`);
      await join(t, m.token, 'crowd');
      await answer(m.token, s.prompts[0]!.id);
      people.push(m);
    }
    t.clock.set('2026-03-09T00:00:00Z');
    expect((await tick(t.db, t.clock.now())).rolled).toBe(1);
    const read = async () => {
      const sent: InStatement[] = [];
      let json: { newContributors: { name: string }[] } | undefined;
      await watchClient(t.client, { sent: (x) => sent.push(...x) }, async () => {
        const res = await roll('crowd', '2026-W10');
        expect(res.status, res.text).toBe(200);
        json = res.json;
      });
      const args = sent.map((x) => (typeof x === 'string' ? 0 : ((x.args as unknown[] | undefined)?.length ?? 0)));
      // The names' check reads the people's rhythm (their rest weeks among it); the answers shown are read anyway.
      const checked = sent.some((x) => typeof x !== 'string' && x.sql.includes('from "rest_weeks"'));
      return { names: json!.newContributors.length, withinD1: Math.max(...args) <= 100, checked };
    };
    expect(await read()).toEqual({ names: MEMBERS_PER_READ + 5, withinD1: true, checked: true });
    // Nothing written since: the check is reused, even minutes later.
    t.clock.set('2026-03-09T00:05:00Z');
    expect(await read()).toEqual({ names: MEMBERS_PER_READ + 5, withinD1: true, checked: false });
    // A member who opts out is no longer named, at once.
    expect((await t.call('PATCH', '/api/me', { token: people[0]!.token, body: { showOnLeaderboards: false } })).status).toBe(200);
    expect(await read()).toEqual({ names: MEMBERS_PER_READ + 4, withinD1: true, checked: true });
  });

  it('rolls a community whose week has ended even when many others, listed first, are still in theirs', async () => {
    t = await makeTestApp('2026-03-04T12:00:00Z');
    const fac = await t.userToken('fran@example.org', 'Fran');
    const mo = await t.userToken('mo@example.org', 'Mo');
    // More communities than one run rolls, in UTC, each with an answer's ledger entry that week: listed first.
    for (let i = 0; i < ROLLS_PER_TICK + 1; i++) {
      const [c] = await t.db
        .insert(communities)
        .values({ slug: `utc-${i}`, name: `UTC ${i}`, timeZone: 'UTC', visibility: 'public', createdAt: t.clock.now().getTime() })
        .returning({ id: communities.id });
      await t.db.insert(pointsLedger).values({ communityId: c!.id, userId: mo.userId, reason: 'answer', delta: 1, listed: true, weekOf: '2026-03-02', createdAt: t.clock.now().getTime() });
    }
    await createCommunity(t, fac.token, { slug: 'tokyo', timeZone: 'Asia/Tokyo' });
    const s = await createSeries(t, fac.token, 'tokyo', { startDate: '2026-03-02' });
    await join(t, mo.token, 'tokyo');
    await answer(mo.token, s.prompts[0]!.id);

    t.clock.set('2026-03-08T15:00:00Z'); // Monday 00:00 in Tokyo, Sunday 15:00 in UTC
    expect((await tick(t.db, t.clock.now())).rolled).toBe(1);
    expect((await roll('tokyo', '2026-W10')).status).toBe(200);
    // When their week ends, the UTC communities are rolled, a run's worth at a time.
    t.clock.set('2026-03-09T00:00:00Z');
    expect((await tick(t.db, t.clock.now())).rolled).toBe(ROLLS_PER_TICK);
    expect((await tick(t.db, t.clock.now())).rolled).toBe(1);
    expect((await tick(t.db, t.clock.now())).rolled).toBeUndefined();
  });

  it('finds the weeks still to roll by seeking the ledger_week index, without reading the week’s entries', async () => {
    t = await makeTestApp('2026-03-04T12:00:00Z');
    const statements: InStatement[] = [];
    await watchClient(t.client, { sent: (s) => statements.push(...s) }, () => tick(t.db, t.clock.now()));
    const due = statements.find((s) => typeof s !== 'string' && s.sql.includes('with recursive active')) as { sql: string; args: InArgs };
    expect(due).toBeDefined();
    // On a connection of its own: a cached EXPLAIN left on the app's connection would hold its next commit back.
    const own = new Database(t.file, { readonly: true });
    const plan = (own.prepare(`explain query plan ${due.sql}`).all(...(due.args as unknown[])) as { detail: string }[]).map((r) => r.detail);
    own.close();
    expect(plan.filter((l) => l.includes('points_ledger')).length).toBeGreaterThan(0);
    for (const line of plan.filter((l) => l.includes('points_ledger'))) {
      expect(line).toMatch(/^SEARCH points_ledger USING COVERING INDEX ledger_week \(week_of=\? AND community_id>\?\)$/);
    }
  });

  it('celebrates new contributors, rhythm milestones, spotlights and the most encouraged, and re-checks them when read', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z');
    const fac = await t.userToken('fran@example.org', 'Fran');
    const [ada, bo, cy] = await Promise.all(['ada', 'bo', 'cy'].map((n) => t.userToken(`${n}@example.org`, n)));
    const { slug } = await createCommunity(t, fac.token);
    const s = await createSeries(t, fac.token, slug, { startDate: '2026-03-02', prompts: many(28) });
    for (const u of [ada!, bo!, cy!]) await join(t, u.token, slug);
    const p = s.prompts.map((x) => x.id);
    // Ada answers three days a week for four weeks: a four-week rhythm; Bo answers once in the first week.
    let spotlit = 0;
    let encouraged = 0;
    for (let week = 0; week < 4; week++) {
      for (let day = 0; day < 3; day++) {
        const i = week * 7 + day;
        t.clock.set(new Date(Date.parse('2026-03-02T12:00:00Z') + i * 86_400_000));
        await tick(t.db, t.clock.now());
        const id = await answer(ada!.token, p[i]!);
        if (week === 0 && day === 0) await answer(bo!.token, p[i]!);
        if (week === 3 && day === 0) {
          spotlit = id;
          await t.call('POST', `/api/submissions/${id}/spotlight`, { token: fac.token, body: { note: 'Well put' } });
        }
        if (week === 3 && day === 1) {
          encouraged = id;
          await t.call('POST', `/api/submissions/${id}/kudos`, { token: cy!.token, body: { kind: 'learned' } });
        }
      }
    }
    t.clock.set('2026-03-30T00:00:00Z');
    await tick(t.db, t.clock.now());
    const first = (await roll(slug, '2026-W10', cy!.token)).json;
    expect(first.newContributors.map((n: { name: string }) => n.name).sort()).toEqual(['ada', 'bo']);
    const fourth = await roll(slug, '2026-W13', cy!.token);
    expect(fourth.json).toMatchObject({
      newContributors: [],
      rhythmMilestones: [{ name: 'ada', weeks: 4 }],
      spotlights: [{ submissionId: spotlit, author: { name: 'ada' }, note: 'Well put' }],
      mostEncouraged: [{ submissionId: encouraged, author: { name: 'ada' }, kudos: 1 }],
    });
    // Visitors of this public community see only public answers: these were shared with the community.
    const visitor = (await roll(slug, '2026-W13')).json;
    expect([visitor.spotlights, visitor.mostEncouraged]).toEqual([[], []]);
    expect(visitor.rhythmMilestones).toEqual([{ name: 'ada', weeks: 4 }]);

    // Made anonymous since: the answer and its milestone are no longer tied to Ada.
    await t.db.update(submissions).set({ anonymous: true }).where(eq(submissions.id, spotlit));
    const after = (await roll(slug, '2026-W13', cy!.token)).json;
    expect([after.spotlights, after.rhythmMilestones]).toEqual([[], []]);
    expect(after.mostEncouraged).toHaveLength(1);
    // Opted out since: Ada is named nowhere.
    expect((await t.call('PATCH', '/api/me', { token: ada!.token, body: { showOnLeaderboards: false } })).status).toBe(200);
    for (const week of ['2026-W10', '2026-W11', '2026-W12', '2026-W13']) {
      expect((await roll(slug, week, cy!.token)).text).not.toContain('ada');
    }
  });

  it('never credits an anonymous answer, names only members seen answering, nor anyone who opted out, over random weeks', async () => {
    let everNamed = 0;
    let everCredited = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const random = rng(seed);
      t = await makeTestApp('2026-03-02T09:00:00Z');
      const fac = await t.userToken('fran@example.org', 'Fran');
      const { slug } = await createCommunity(t, fac.token, { timeZone: 'Europe/Paris' });
      const s = await createSeries(t, fac.token, slug, { startDate: '2026-03-02', prompts: many(7) });
      const people = [];
      for (let i = 0; i < 8; i++) {
        const u = await t.userToken(`p${i}@example.org`, `Person${i}x`);
        await join(t, u.token, slug);
        const optedOut = random() < 0.3;
        if (optedOut) await t.db.update(users).set({ showOnLeaderboards: false }).where(eq(users.id, u.userId));
        people.push({ ...u, name: `Person${i}x`, optedOut });
      }
      // Members with a named answer the community can see this week: the only ones a roll may name (issue 21:
      // anonymous answers count for no one, so answering anonymously neither names nor leaves anyone out).
      const seenAuthors = new Set<string>();
      const anonymousIds = new Set<number>();
      const answers: number[] = [];
      for (let day = 0; day < 7; day++) {
        t.clock.set(new Date(Date.parse('2026-03-02T09:00:00Z') + day * 86_400_000));
        await tick(t.db, t.clock.now());
        for (const person of people) {
          if (random() < 0.5) continue;
          const anonymous = random() < 0.35;
          const visibility = (['facilitators', 'community', 'public'] as const)[Math.floor(random() * 3)];
          const id = await answer(person.token, s.prompts[day]!.id, { anonymous, visibility, level: random() < 0.5 ? 'easy' : 'hard' });
          answers.push(id);
          if (anonymous) anonymousIds.add(id);
          else if (visibility !== 'facilitators') seenAuthors.add(person.name);
          if (random() < 0.3) await t.call('POST', `/api/submissions/${id}/spotlight`, { token: fac.token, body: { note: 'Nice' } });
          for (const other of people) {
            if (other !== person && random() < 0.2) {
              await t.call('POST', `/api/submissions/${id}/kudos`, { token: other.token, body: { kind: 'applause' } });
            }
          }
        }
      }
      t.clock.set('2026-03-09T00:00:00Z'); // Monday 01:00 in Paris
      expect((await tick(t.db, t.clock.now())).rolled, `seed ${seed}`).toBe(1);
      for (const viewer of [undefined, fac.token, people[0]!.token]) {
        const res = await roll(slug, '2026-W10', viewer);
        expect(res.status).toBe(200);
        const named = [...res.json.newContributors, ...res.json.rhythmMilestones].map((n: { name: string }) => n.name);
        const credited = [...res.json.spotlights, ...res.json.mostEncouraged];
        for (const person of people.filter((p) => p.optedOut)) expect(res.text, `seed ${seed}`).not.toContain(person.name);
        for (const name of named) expect(seenAuthors.has(name), `seed ${seed}: ${name}`).toBe(true);
        for (const c of credited) expect(anonymousIds.has(c.submissionId), `seed ${seed}`).toBe(false);
        everNamed += named.length;
        everCredited += credited.length;
        expect(Object.keys(res.json).sort()).toEqual(['generatedAt', 'mostEncouraged', 'newContributors', 'rhythmMilestones', 'spotlights', 'week', 'weekOf']);
      }
      t.close();
    }
    // The check is not vacuous: the random weeks do name people and credit answers.
    expect(everNamed).toBeGreaterThan(0);
    expect(everCredited).toBeGreaterThan(0);
    t = await makeTestApp();
  });

  it('keeps a private community’s roll from outsiders', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z');
    const fac = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fac.token, { slug: 'closed', visibility: 'private' });
    const s = await createSeries(t, fac.token, 'closed', { startDate: '2026-03-02' });
    await answer(fac.token, s.prompts[0]!.id);
    t.clock.set('2026-03-09T00:00:00Z');
    await tick(t.db, t.clock.now());
    expect((await roll('closed', '2026-W10', fac.token)).status).toBe(200);
    const stranger = await t.userToken('sam@example.org', 'Sam');
    for (const token of [undefined, stranger.token]) expect((await roll('closed', '2026-W10', token)).status).toBe(404);
  });
});
