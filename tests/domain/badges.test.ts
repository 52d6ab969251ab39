/**
 * Every badge rule, granted and then revoked when its ground goes away, through the public API (answers,
 * kudos, spotlights, deletions) with the grants read back from the table, history included.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badgeGrants, notifications } from '../../db/schema';
import { BADGES } from '../../src/domain/badges/catalog';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterEach(() => t.close());

interface World {
  fac: { token: string; userId: number };
  mo: { token: string; userId: number };
  slug: string;
  prompts: number[];
  /** Answers Mo gave, in order. */
  mine: number[];
}

const many = (n: number) => Array.from({ length: n }, (_, i) => ({ easy: `Easy ${i + 1}`, hard: `Hard ${i + 1}` }));

async function world(prompts = 3, startDate = '2026-03-02'): Promise<World> {
  const fac = await t.userToken('fran@example.org', 'Fran');
  const mo = await t.userToken('mo@example.org', 'Mo');
  const { slug } = await createCommunity(t, fac.token);
  const s = await createSeries(t, fac.token, slug, { startDate, prompts: many(prompts) });
  await join(t, mo.token, slug);
  return { fac, mo, slug, prompts: s.prompts.map((p) => p.id), mine: [] };
}

async function answer(w: World, promptId: number, body: Record<string, unknown> = {}, token = w.mo.token) {
  const res = await t.call('POST', `/api/prompts/${promptId}/submissions`, {
    token,
    body: { level: 'easy', body: 'A small thing', visibility: 'community', anonymous: false, ...body },
  });
  expect(res.status, res.text).toBe(201);
  if (token === w.mo.token) w.mine.push(res.json.id);
  return res.json.id as number;
}

async function remove(id: number, token: string) {
  const res = await t.call('DELETE', `/api/submissions/${id}`, { token });
  expect(res.status, res.text).toBe(200);
}

async function moBadges(w: World): Promise<string[]> {
  await t.settleRecognition(); // reads show the last refresh: run the one that follows every write
  const res = await t.call('GET', `/api/communities/${w.slug}/badges/me`, { token: w.mo.token });
  expect(res.status, res.text).toBe(200);
  return res.json.badges.map((b: { id: string }) => b.id);
}

/** Mo answers on Mon, Tue and Wed of `weeks` consecutive weeks from 2026-03-02 (default goal: 3 days). */
async function weeksOfRhythm(w: World, weeks: number) {
  for (let week = 0; week < weeks; week++) {
    for (let day = 0; day < 3; day++) {
      const index = week * 7 + day;
      t.clock.set(new Date(Date.parse('2026-03-02T12:00:00Z') + index * 86_400_000));
      await tick(t.db, t.clock.now());
      await answer(w, w.prompts[index]!);
    }
  }
}

/** A start date that has opened all `n` daily prompts by 2026-03-02. */
const openedBy = (n: number) => new Date(Date.parse('2026-03-02') - (n - 1) * 86_400_000).toISOString().slice(0, 10);

interface Case {
  badge: string;
  prompts?: number;
  startDate?: string;
  grant: (w: World) => Promise<void>;
  revoke: (w: World) => Promise<void>;
}

const cases: Case[] = [
  { badge: 'first-answer', grant: async (w) => void (await answer(w, w.prompts[0]!)), revoke: (w) => remove(w.mine[0]!, w.mo.token) },
  {
    badge: 'welcomed',
    grant: async (w) => {
      const id = await answer(w, w.prompts[0]!);
      expect((await t.call('POST', `/api/submissions/${id}/kudos`, { token: w.fac.token, body: { kind: 'relate' } })).status).toBe(200);
    },
    revoke: (w) => remove(w.mine[0]!, w.mo.token),
  },
  { badge: 'first-hard-answer', grant: async (w) => void (await answer(w, w.prompts[0]!, { level: 'hard' })), revoke: (w) => remove(w.mine[0]!, w.mo.token) },
  {
    badge: 'first-public-answer',
    grant: async (w) => void (await answer(w, w.prompts[0]!, { visibility: 'public', anonymous: true })),
    revoke: (w) => remove(w.mine[0]!, w.mo.token),
  },
  ...[5, 20, 50].map((n) => ({
    badge: `answers-${n}`,
    prompts: n,
    startDate: openedBy(n),
    grant: async (w: World) => {
      // Three seconds apart, as a person catching up would, and under the answers' rate limit (30 a minute).
      for (const p of w.prompts.slice(0, n)) {
        await answer(w, p);
        t.clock.set(new Date(t.clock.now().getTime() + 3_000));
      }
    },
    revoke: (w: World) => remove(w.mine[n - 1]!, w.mo.token),
  })),
  ...[4, 12].map((n) => ({
    badge: `rhythm-${n}`,
    prompts: 7 * n,
    grant: (w: World) => weeksOfRhythm(w, n),
    // The second week loses a day: the run breaks in two.
    revoke: (w: World) => remove(w.mine[3]!, w.mo.token),
  })),
  {
    badge: 'series-completed',
    prompts: 2,
    grant: async (w) => {
      t.clock.set('2026-03-03T12:00:00Z');
      await tick(t.db, t.clock.now());
      await answer(w, w.prompts[0]!);
      expect(await moBadges(w)).not.toContain('series-completed');
      await answer(w, w.prompts[1]!, { level: 'hard' });
    },
    revoke: (w) => remove(w.mine[1]!, w.mo.token),
  },
  {
    badge: 'kudos-10',
    grant: async (w) => {
      // Four authors, three answers' worth of kudos kinds: Mo gives twelve.
      for (const name of ['ann', 'bea', 'cy', 'di']) {
        const u = await t.userToken(`${name}@example.org`, name);
        await join(t, u.token, w.slug);
        const id = await answer(w, w.prompts[0]!, {}, u.token);
        for (const kind of ['applause', 'learned', 'relate']) {
          expect((await t.call('POST', `/api/submissions/${id}/kudos`, { token: w.mo.token, body: { kind } })).status).toBe(200);
        }
        (w as World & { others?: { token: string; id: number }[] }).others ??= [];
        (w as World & { others: { token: string; id: number }[] }).others.push({ token: u.token, id });
      }
    },
    // Their authors delete two of the answers Mo encouraged: six kudos remain.
    revoke: async (w) => {
      const others = (w as World & { others: { token: string; id: number }[] }).others;
      for (const o of others.slice(0, 2)) await remove(o.id, o.token);
    },
  },
  {
    badge: 'spotlighted',
    grant: async (w) => {
      const id = await answer(w, w.prompts[0]!);
      const res = await t.call('POST', `/api/submissions/${id}/spotlight`, { token: w.fac.token, body: { note: 'Lovely' } });
      expect(res.status, res.text).toBe(200);
    },
    revoke: async (w) => {
      expect((await t.call('DELETE', `/api/submissions/${w.mine[0]}/spotlight`, { token: w.fac.token })).status).toBe(200);
    },
  },
];

describe('badge rules', () => {
  it('covers every badge in the catalogue', () => {
    expect(cases.map((c) => c.badge).sort()).toEqual(BADGES.map((b) => b.id).sort());
  });

  it.each(cases)('$badge is granted with its evidence, and revoked when its ground goes', async (c) => {
    const w = await world(c.prompts ?? 3, c.startDate);
    expect(await moBadges(w)).not.toContain(c.badge);
    await c.grant(w);
    expect(await moBadges(w)).toContain(c.badge);
    const mine = and(eq(badgeGrants.userId, w.mo.userId), eq(badgeGrants.badgeId, c.badge));
    const [granted] = await t.db.select().from(badgeGrants).where(mine);
    expect(granted!.evidence.length).toBeGreaterThan(0);
    expect(granted!.revokedAt).toBeNull();
    const [told] = await t.db.select().from(notifications).where(and(eq(notifications.userId, w.mo.userId), eq(notifications.badgeId, c.badge)));
    expect(told?.kind).toBe('badge');

    await c.revoke(w);
    expect(await moBadges(w)).not.toContain(c.badge);
    // The history keeps the grant, now revoked; the notice of it is gone.
    const rows = await t.db.select().from(badgeGrants).where(mine);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.revokedAt).not.toBeNull();
    expect(await t.db.select().from(notifications).where(and(eq(notifications.userId, w.mo.userId), eq(notifications.badgeId, c.badge)))).toEqual([]);
  });

  it('moves the evidence rather than revoking when other ground still holds, and grants again after a revoke', async () => {
    const w = await world(3, openedBy(3));
    const first = await answer(w, w.prompts[0]!);
    const second = await answer(w, w.prompts[1]!);
    const evidence = async () =>
      (await t.settleRecognition(), await t.call('GET', `/api/communities/${w.slug}/badges/me`, { token: w.mo.token })).json.badges.find((b: { id: string }) => b.id === 'first-answer');
    expect((await evidence()).evidence.map((e: { submissionId: number }) => e.submissionId)).toEqual([first]);
    await remove(first, w.mo.token);
    expect((await evidence()).evidence.map((e: { submissionId: number }) => e.submissionId)).toEqual([second]);
    await remove(second, w.mo.token);
    expect(await evidence()).toBeUndefined();
    await answer(w, w.prompts[2]!);
    expect(await evidence()).toBeDefined();
    const rows = await t.db.select().from(badgeGrants).where(and(eq(badgeGrants.userId, w.mo.userId), eq(badgeGrants.badgeId, 'first-answer')));
    expect(rows.map((r) => r.revokedAt === null)).toEqual([false, true]);
  });

  it('completes a running series only once its last prompt has opened and been answered', async () => {
    // Three daily prompts from 1 March: on 2 March two have opened, the third opens on the 3rd.
    const w = await world(3, '2026-03-01');
    await tick(t.db, t.clock.now());
    await answer(w, w.prompts[0]!);
    await answer(w, w.prompts[1]!);
    // Every opened prompt is answered, but the series still has one to come.
    expect(await moBadges(w)).not.toContain('series-completed');

    t.clock.set('2026-03-03T12:00:00Z');
    await tick(t.db, t.clock.now());
    expect(await moBadges(w)).not.toContain('series-completed');
    await answer(w, w.prompts[2]!);
    expect(await moBadges(w)).toContain('series-completed');
    const [grant] = await t.db.select().from(badgeGrants).where(and(eq(badgeGrants.userId, w.mo.userId), eq(badgeGrants.badgeId, 'series-completed')));
    expect(grant!.evidence.slice().sort((a, b) => a - b)).toEqual(w.mine.slice().sort((a, b) => a - b));
  });
});
