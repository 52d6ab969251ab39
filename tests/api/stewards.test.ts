/**
 * Steward routes: the authorisation matrix (visitor, member, facilitator, steward) for every one of them,
 * the first-steward bootstrap with the setup secret, making stewards (logged), and what a steward never
 * sees: a private community's answers, or anyone's address.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stewardLog, users } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';
import { signIn } from '../helpers/sign-in';

const SECRET = 'setup-secret-for-tests-0123456789';
const ANSWER_TEXT = 'A private sketch of a secret garden';
let t: TestApp;
let fac: { token: string; userId: number };
let member: { token: string; userId: number };
let steward: { token: string; userId: number };

const setup = (email: string, secret: string | null = SECRET) =>
  t.call('POST', '/api/setup/steward', { body: { email }, headers: secret === null ? {} : { Authorization: `Bearer ${secret}` } });

beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z', { STEWARD_SETUP_SECRET: SECRET });
  fac = await t.userToken('fran@example.org', 'Fran');
  member = await t.userToken('mo@example.org', 'Mo');
  const community = await createCommunity(t, fac.token, { slug: 'hidden-circle', name: 'Hidden circle', visibility: 'private' });
  const series = await createSeries(t, fac.token, community.slug, { startDate: '2026-03-02' });
  const invite = await t.call('POST', `/api/communities/${community.slug}/invites`, { token: fac.token });
  await join(t, member.token, community.slug, invite.json.code);
  const answer = await t.call('POST', `/api/prompts/${series.prompts[0]!.id}/submissions`, { token: member.token, body: { level: 'easy', body: ANSWER_TEXT } });
  expect(answer.status, answer.text).toBe(201);
  t.clock.set('2026-03-04T12:00:00Z');
});
afterAll(() => t.close());

describe('the first steward, with the setup secret', () => {
  it('refuses a missing or wrong secret (401) and makes no steward', async () => {
    expect((await setup('stew@example.org', null)).status).toBe(401);
    const wrong = await setup('stew@example.org', `${SECRET}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('unauthenticated');
    expect(await t.db.select().from(users).where(eq(users.isSteward, true))).toEqual([]);
  });

  it('refuses bad input only once the secret is right', async () => {
    const res = await setup('not an address');
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_input');
  });

  it('makes the first steward once, logs it, then answers 409 to everyone', async () => {
    const made = await setup('Stew@Example.org');
    expect(made.status, made.text).toBe(201);
    const [row] = await t.db.select().from(users).where(eq(users.email, 'stew@example.org'));
    expect(row!.isSteward).toBe(true);
    expect(made.json.userId).toBe(row!.id);
    const log = await t.db.select().from(stewardLog);
    expect(log).toEqual([expect.objectContaining({ actorId: null, action: 'setup_steward', targetUserId: row!.id, createdAt: t.clock.now().getTime() })]);
    for (const email of ['other@example.org', 'stew@example.org']) {
      const again = await setup(email);
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe('steward_exists');
    }
    expect((await t.db.select().from(users).where(eq(users.isSteward, true))).length).toBe(1);
    expect((await t.db.select().from(stewardLog)).length).toBe(1);
    steward = await t.userToken('stew@example.org');
    expect(steward.userId).toBe(row!.id);
  });

  it('does not exist without a secret configured (404), even with a token', async () => {
    const bare = await makeTestApp();
    try {
      const res = await bare.call('POST', '/api/setup/steward', { body: { email: 'a@example.org' }, headers: { Authorization: `Bearer ${SECRET}` } });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    } finally {
      bare.close();
    }
  });
});

describe('every steward route, by role', () => {
  const who = () => ({ visitor: undefined, member: member.token, facilitator: fac.token });
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/network'],
    ['GET', '/api/network.csv'],
    ['GET', '/api/network?filter=quiet&sort=members&order=desc'],
    ['POST', '/api/stewards', { email: 'someone@example.org' }],
    ['PATCH', '/api/network/settings', { quietDays: 30 }],
    ['GET', '/network'],
  ];
  for (const [method, path, body] of routes) {
    it(`${method} ${path}: 404 for a visitor, a member and a facilitator; answered for a steward`, async () => {
      for (const [role, token] of Object.entries(who())) {
        const res = await t.call(method, path, { token, body });
        expect(res.status, `${role}: ${res.text.slice(0, 200)}`).toBe(404);
        expect(res.text).not.toContain('hidden-circle');
      }
      const res = await t.call(method, path, { token: steward.token, body });
      expect(res.status, res.text.slice(0, 300)).toBe(method === 'POST' ? 201 : 200);
    });
  }

  it('POST /network/stewards (the page form): 404 for others, a redirect for a steward', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    for (const token of Object.values(who())) {
      const res = await t.call('POST', '/network/stewards', { token, body: 'email=page%40example.org', headers: form });
      expect(res.status).toBe(404);
    }
    expect((await t.db.select().from(users).where(eq(users.email, 'page@example.org'))).length).toBe(0);
    const res = await t.call('POST', '/network/stewards', { token: steward.token, body: 'email=page%40example.org', headers: form });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/network?made=1');
    const bad = await t.call('POST', '/network/stewards', { token: steward.token, body: 'email=nope', headers: form });
    expect(bad.status).toBe(400);
  });

  it('shows the steward link in the menu to stewards only', async () => {
    const page = async (token?: string) => (await t.call('GET', '/', { token })).text;
    expect(await page(steward.token)).toContain('href="/network"');
    expect(await page(fac.token)).not.toContain('href="/network"');
  });
});

describe('making stewards', () => {
  it('makes a signed-in member a steward, logged with who and when; a second time changes nothing', async () => {
    const made = await t.call('POST', '/api/stewards', { token: steward.token, body: { email: 'MO@example.org' } });
    expect(made.json).toEqual({ userId: member.userId, created: true });
    const [row] = await t.db.select().from(users).where(eq(users.id, member.userId));
    expect(row!.isSteward).toBe(true);
    const log = await t.db.select().from(stewardLog).where(eq(stewardLog.targetUserId, member.userId));
    expect(log).toEqual([expect.objectContaining({ actorId: steward.userId, action: 'make_steward', createdAt: t.clock.now().getTime() })]);
    const again = await t.call('POST', '/api/stewards', { token: steward.token, body: { email: 'mo@example.org' } });
    expect(again.status).toBe(200);
    expect(again.json.created).toBe(false);
    expect((await t.db.select().from(stewardLog).where(eq(stewardLog.targetUserId, member.userId))).length).toBe(1);
    // Now a steward, the member reaches the dashboard.
    expect((await t.call('GET', '/api/network', { token: member.token })).status).toBe(200);
  });

  it('works for a cookie session too (the web app)', async () => {
    const { cookie } = await signIn(t, 'stew@example.org');
    const res = await t.call('GET', '/network', { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Hidden circle');
    expect(res.text).toContain('1 community: ');
    // Sorted by a header link, filtered by the GET form; a hand-edited bad value falls back to the defaults.
    const sorted = await t.call('GET', '/network?sort=members&order=desc&filter=quiet&quietDays=1', { headers: { Cookie: cookie } });
    expect(sorted.text).toMatch(/aria-sort="descending"><a href="\/network\?sort=members&amp;order=asc&amp;filter=quiet&amp;quietDays=1"/);
    expect(sorted.text).toContain('Hidden circle'); // no answer on 03-03: going quiet after 1 day
    const quietLater = await t.call('GET', '/network?filter=quiet&quietDays=5', { headers: { Cookie: cookie } });
    expect(quietLater.text).not.toContain('Hidden circle');
    expect((await t.call('GET', '/network?sort=nonsense', { headers: { Cookie: cookie } })).status).toBe(200);
  });
});

describe('a steward’s own going-quiet threshold', () => {
  it('is used when the dashboard is asked without one, is the steward’s own, and is logged', async () => {
    const other = await t.userToken('other-steward@example.org');
    await t.call('POST', '/api/stewards', { token: steward.token, body: { email: 'other-steward@example.org' } });
    const set = await t.call('PATCH', '/api/network/settings', { token: steward.token, body: { quietDays: 1 } });
    expect(set.json).toEqual({ quietDays: 1 });
    const mine = await t.call('GET', '/api/network', { token: steward.token });
    expect(mine.json.quietDays).toBe(1);
    // No answer since 03-02 and yesterday is 03-03: quiet after one day, not after 14.
    expect(mine.json.communities[0].quiet).toBe(true);
    const theirs = await t.call('GET', '/api/network', { token: other.token });
    expect(theirs.json.quietDays).toBe(14);
    expect(theirs.json.communities[0].quiet).toBe(false);
    expect((await t.call('GET', '/api/network?quietDays=5', { token: steward.token })).json.quietDays).toBe(5);
    const log = await t.db.select().from(stewardLog).where(eq(stewardLog.action, 'set_quiet_days'));
    expect(log.at(-1)).toMatchObject({ actorId: steward.userId, createdAt: t.clock.now().getTime() });
    expect((await t.call('PATCH', '/api/network/settings', { token: steward.token, body: { quietDays: 0 } })).status).toBe(400);
  });

  it('is kept from the page’s filter form, which then shows the dashboard again', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const res = await t.call('POST', '/network/settings', { token: steward.token, body: 'sort=members&order=desc&filter=quiet&quietDays=9', headers: form });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/network?sort=members&order=desc&filter=quiet');
    expect((await t.call('GET', '/api/network', { token: steward.token })).json.quietDays).toBe(9);
    expect((await t.call('POST', '/network/settings', { token: fac.token, body: 'quietDays=9', headers: form })).status).toBe(404);
    expect((await t.call('POST', '/network/settings', { token: steward.token, body: 'quietDays=0', headers: form })).status).toBe(400);
  });
});

describe('what a steward sees of a private community', () => {
  it('numbers, never the text of its answers nor anyone’s address', async () => {
    const json = await t.call('GET', '/api/network', { token: steward.token });
    const row = json.json.communities.find((c: { slug: string }) => c.slug === 'hidden-circle');
    expect(row).toMatchObject({ visibility: 'private', members: 2, contributors30: 1, lastAnswerDay: '2026-03-02' });
    const csv = await t.call('GET', '/api/network.csv', { token: steward.token });
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const page = await t.call('GET', '/network', { token: steward.token });
    for (const res of [json, csv, page]) {
      expect(res.text).not.toContain(ANSWER_TEXT);
      expect(res.text).not.toContain('secret garden');
      expect(res.text).not.toContain('@example.org');
    }
    expect(page.text).toContain('<svg class="sparkline"');
  });
});
