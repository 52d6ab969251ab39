/**
 * Who may use the library, import/export and editing routes: visitor, member, facilitator of another
 * community, the community's facilitator and a steward, over a private community (outsiders get 404, as
 * if it did not exist) and a public one (outsiders get 403).
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

type Role = 'visitor' | 'member' | 'otherFacilitator' | 'facilitator' | 'steward';
const ROLES: Role[] = ['visitor', 'member', 'otherFacilitator', 'facilitator', 'steward'];

let t: TestApp;
let tokens: Record<Role, string | undefined>;
let world: { seriesId: number; promptId: number; waitingIds: number[]; entryId: number };

async function build(visibility: 'public' | 'private') {
  const fran = await t.userToken('fran@example.org', 'Fran');
  const mo = await t.userToken('mo@example.org', 'Mo');
  const olga = await t.userToken('olga@example.org', 'Olga');
  const stu = await t.userToken('stu@example.org', 'Stu');
  await t.db.update(users).set({ isSteward: true }).where(eq(users.id, stu.userId));
  const community = await createCommunity(t, fran.token, { slug: 'home', visibility });
  await createCommunity(t, olga.token, { slug: 'elsewhere' });
  if (visibility === 'public') await join(t, mo.token, 'home');
  else {
    const invite = await t.call('POST', '/api/communities/home/invites', { token: fran.token });
    await join(t, mo.token, 'home', invite.json.code);
  }
  const s = await createSeries(t, fran.token, community.slug, { startDate: '2026-03-02' });
  const entry = await t.call('POST', `/api/series/${s.id}/publish`, { token: fran.token, body: { sharePrivate: true } });
  tokens = { visitor: undefined, member: mo.token, otherFacilitator: olga.token, facilitator: fran.token, steward: stu.token };
  world = { seriesId: s.id, promptId: s.prompts[0]!.id, waitingIds: s.prompts.slice(1).map((p) => p.id), entryId: entry.json.id };
}

interface Case {
  name: string;
  call: (token: string | undefined) => ReturnType<TestApp['call']>;
  ok: number;
  /** Status for someone outside a private community (the thing is hidden) and outside a public one. */
  hidden?: number;
}

const CASES: Case[] = [
  { name: 'GET /api/library', call: (token) => t.call('GET', '/api/library', { token }), ok: 200 },
  { name: 'POST /api/series/:id/publish', call: (token) => t.call('POST', `/api/series/${world.seriesId}/publish`, { token, body: { sharePrivate: true } }), ok: 201, hidden: 404 },
  {
    name: 'POST /api/library/:id/copy (into the community)',
    call: (token) => t.call('POST', `/api/library/${world.entryId}/copy`, { token, body: { community: 'home', startDate: '2026-04-01' } }),
    ok: 201,
    hidden: 404,
  },
  { name: 'GET /api/series/:id/export', call: (token) => t.call('GET', `/api/series/${world.seriesId}/export?format=csv`, { token }), ok: 200, hidden: 404 },
  {
    name: 'POST /api/communities/:slug/series/import',
    call: (token) =>
      t.call('POST', '/api/communities/home/series/import?title=T&startDate=2026-04-01', { token, body: 'day,easy,hard\n1,a,b\n', headers: { 'Content-Type': 'text/csv' } }),
    ok: 201,
    hidden: 404,
  },
  { name: 'PATCH /api/prompts/:id', call: (token) => t.call('PATCH', `/api/prompts/${world.waitingIds[0]}`, { token, body: { easy: 'Changed' } }), ok: 200, hidden: 404 },
  {
    name: 'PATCH /api/series/:id/order',
    call: (token) => t.call('PATCH', `/api/series/${world.seriesId}/order`, { token, body: { promptIds: [...world.waitingIds].reverse() } }),
    ok: 200,
    hidden: 404,
  },
  { name: 'GET /api/series/:id/edits', call: (token) => t.call('GET', `/api/series/${world.seriesId}/edits`, { token }), ok: 200, hidden: 404 },
];

function expected(c: Case, role: Role, visibility: 'public' | 'private'): number {
  if (role === 'visitor') return 401;
  if (role === 'facilitator' || role === 'steward') return c.ok;
  if (!c.hidden) return c.ok; // the library: any signed-in member of the network
  if (role === 'otherFacilitator') return visibility === 'private' ? c.hidden : 403;
  return 403; // a member, not a facilitator
}

for (const visibility of ['private', 'public'] as const) {
  describe(`${visibility} community`, () => {
    beforeEach(async () => {
      t = await makeTestApp('2026-03-02T12:00:00Z');
      await build(visibility);
    });
    afterEach(() => t.close());

    it.each(CASES)('$name', async (c) => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const role of ROLES) {
        // Facilitator and steward last in ROLES: their successful writes do not change what others get.
        got[role] = (await c.call(tokens[role])).status;
        want[role] = expected(c, role, visibility);
      }
      expect(got).toEqual(want);
    });
  });
}
