/**
 * Badges through the API, and the rule that nothing another member or a visitor can read links a badge to
 * an anonymous answer: others see the badges named answers earn on their own (issue 21), so a badge whose
 * only ground is anonymous is not there at all, and deleting every anonymous answer changes nothing they see.
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { communities, submissions } from '../../db/schema';
import { badgesShownToOthers } from '../../src/domain/badges/views';
import type { Caller } from '../../src/domain/identity/sessions';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join, postAnswer } from '../helpers/fixtures';

let t: TestApp;
afterEach(() => t?.close());

const answer = (token: string, promptId: number, fields: Record<string, unknown> = {}) => postAnswer(t, token, promptId, fields);
const caller = (u: { userId: number }, isSteward = false): Caller => ({ id: u.userId, email: '', name: '', isSteward, showOnLeaderboards: true });

async function setup(prompts = 3, startDate = '2026-03-02') {
  t = await makeTestApp('2026-03-04T12:00:00Z');
  const fac = await t.userToken('fran@example.org', 'Fran');
  const mo = await t.userToken('mo@example.org', 'Mo');
  const { slug } = await createCommunity(t, fac.token);
  const s = await createSeries(t, fac.token, slug, {
    startDate,
    prompts: Array.from({ length: prompts }, (_, i) => ({ easy: `e${i}`, hard: `h${i}` })),
  });
  await join(t, mo.token, slug);
  const [community] = await t.db.select().from(communities).where(eq(communities.slug, slug));
  return { fac, mo, slug, communityId: community!.id, prompts: s.prompts.map((p) => p.id) };
}

describe('the badge API', () => {
  it('serves the catalogue to anyone, without its rules', async () => {
    t = await makeTestApp();
    const res = await t.call('GET', '/api/badges');
    expect(res.status).toBe(200);
    expect(res.json.badges.map((b: { id: string }) => b.id)).toContain('series-completed');
    for (const b of res.json.badges) expect(Object.keys(b).sort()).toEqual(['criteria', 'description', 'id', 'name', 'tier']);
  });

  it('shows the member their own badges with every piece of evidence, anonymous answers included', async () => {
    const { fac, mo, slug, prompts } = await setup();
    const anon = await answer(mo.token, prompts[0]!, { anonymous: true, level: 'hard' });
    await t.settleRecognition();
    const res = await t.call('GET', `/api/communities/${slug}/badges/me`, { token: mo.token });
    expect(res.status).toBe(200);
    expect(res.json.badges.map((b: { id: string }) => b.id)).toEqual(['first-answer', 'first-hard-answer']);
    expect(res.json.badges[0]).toEqual({
      id: 'first-answer',
      name: 'First answer',
      description: expect.any(String),
      tier: 'bronze',
      grantedAt: '2026-03-04T12:00:00.000Z',
      grantedOn: '2026-03-04',
      evidence: [{ submissionId: anon, promptId: prompts[0], anonymous: true, visibility: 'community', createdAt: '2026-03-04T12:00:00.000Z' }],
      credentialUrl: `/api/communities/${slug}/badges/me/first-answer/credential`,
    });
    // Nobody else's list holds Mo's badges: the facilitator has none.
    expect((await t.call('GET', `/api/communities/${slug}/badges/me`, { token: fac.token })).json.badges).toEqual([]);
    expect((await t.call('GET', `/api/communities/${slug}/badges/me`)).status).toBe(401);
    const stranger = await t.userToken('sam@example.org');
    expect((await t.call('GET', `/api/communities/${slug}/badges/me`, { token: stranger.token })).status).toBe(403);
  });
});

describe('badges shown to others', () => {
  it('show named ground in full, and a badge whose only ground is anonymous never', async () => {
    const { fac, mo, communityId, prompts } = await setup();
    const named = await answer(mo.token, prompts[0]!, { visibility: 'public' });
    await answer(mo.token, prompts[0]!, { level: 'hard', anonymous: true, visibility: 'public' });
    const member = { communityId, userId: mo.userId };
    const now = t.clock.now();

    const seen = await badgesShownToOthers(t.db, member, null, now);
    expect(seen.map((b) => b.id)).toEqual(['first-answer', 'first-public-answer']);
    expect(seen[0]).toMatchObject({ grantedAt: '2026-03-04T12:00:00.000Z', grantedOn: '2026-03-04', evidence: [{ submissionId: named, promptId: prompts[0] }] });
    // Facilitators (and the member, looking at their public face) get the same: evidence is the member's alone.
    expect((await badgesShownToOthers(t.db, member, caller(fac), now)).map((b) => b.id)).toEqual(['first-answer', 'first-public-answer']);
    // Weeks later too: "Took the hard one" rests on the anonymous answer alone.
    expect((await badgesShownToOthers(t.db, member, null, new Date('2026-03-30T00:00:00Z'))).map((b) => b.id)).toEqual(['first-answer', 'first-public-answer']);
  });

  it('never link a badge to an anonymous answer, for any viewer, over random data', async () => {
    for (const seed of [11, 12, 13]) {
      let x = seed;
      const random = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const { fac, slug, communityId, prompts } = await setup(6, '2026-02-27');
      const people: { token: string; userId: number }[] = [];
      for (let i = 0; i < 6; i++) {
        const u = await t.userToken(`p${i}@example.org`, `P${i}`);
        await join(t, u.token, slug);
        people.push(u);
      }
      const ids: number[] = [];
      for (const [i, promptId] of prompts.entries()) {
        t.clock.set(new Date(Date.parse('2026-03-04T12:00:00Z') + i * 3_600_000));
        for (const p of people) {
          if (random() < 0.3) continue;
          const vis = (['facilitators', 'community', 'public'] as const)[Math.floor(random() * 3)];
          const id = await answer(p.token, promptId, { anonymous: random() < 0.4, visibility: vis, level: random() < 0.5 ? 'easy' : 'hard' });
          ids.push(id);
          if (random() < 0.2) await t.call('POST', `/api/submissions/${id}/spotlight`, { token: fac.token, body: {} });
          for (const q of people) if (q !== p && random() < 0.3) await t.call('POST', `/api/submissions/${id}/kudos`, { token: q.token, body: { kind: 'relate' } });
        }
      }
      const all = await t.db.select().from(submissions);
      const anonymous = new Set(all.filter((a) => a.anonymous).map((a) => a.id));
      let shownWithEvidence = 0;
      const viewers = [null, caller(fac), caller(fac, true), ...people.map((p) => caller(p))];
      const everythingShown = async () => {
        const seen = [];
        for (const now of [t.clock.now(), new Date('2026-03-20T12:00:00Z')]) {
          for (const viewer of viewers) {
            for (const member of people) {
              if (viewer?.id === member.userId) continue;
              seen.push(await badgesShownToOthers(t.db, { communityId, userId: member.userId }, viewer, now));
            }
          }
        }
        return seen;
      };
      const before = await everythingShown();
      for (const b of before.flat()) {
        for (const e of b.evidence) expect(anonymous.has(e.submissionId), `seed ${seed}`).toBe(false);
        shownWithEvidence += b.evidence.length;
        // Dated by named answers, except "Encourager" (its ground is others' answers).
        expect(b.grantedAt === null, `seed ${seed} ${b.id}`).toBe(b.id === 'kudos-10');
      }
      // And what each member reads through the API about themself stays theirs.
      for (const p of people) {
        const mine = (await t.call('GET', `/api/communities/${slug}/badges/me`, { token: p.token })).json.badges;
        for (const b of mine.filter((b: { id: string }) => b.id !== 'kudos-10')) {
          for (const e of b.evidence) expect(all.find((a) => a.id === e.submissionId)!.userId).toBe(p.userId);
        }
        const inbox = (await t.call('GET', '/api/me/notifications', { token: p.token })).json.items;
        for (const n of inbox) if (n.submission) expect(all.find((a) => a.id === n.submission.id)!.userId).toBe(p.userId);
      }
      // Others see exactly what they would see had no anonymous answer ever been given.
      for (const a of all.filter((x) => x.anonymous)) {
        const author = people.find((p) => p.userId === a.userId)!;
        expect((await t.call('DELETE', `/api/submissions/${a.id}`, { token: author.token })).status).toBe(200);
      }
      expect(await everythingShown(), `seed ${seed}`).toEqual(before);
      expect(shownWithEvidence, `seed ${seed}`).toBeGreaterThan(0);
      t.close();
    }
    t = undefined as unknown as TestApp;
  });
});
