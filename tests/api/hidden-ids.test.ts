/**
 * Private communities do not exist for outsiders: every route that takes an id answers an id from a private
 * community exactly as it answers an id that never existed (same status, same body), and never a 500.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissions, users } from '../../db/schema';
import { ROUTES } from '../../src/openapi';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';
import { png, uploadRaw } from '../helpers/images';

let t: TestApp;
/** Ids that exist, inside a private community; and ids that never existed. */
let hidden: Ids;
const unknown: Ids = { slug: 'no-such-place', prompt: 987_654, series: 987_654, answer: 987_654, image: 'AAAAAAAAAAAAAAAAAAAAAA', week: '2026-W10', user: 987_654, answerPublicId: 'f'.repeat(32), notification: 987_654, nudge: 987_654, offer: 987_654 };
/** Signed in elsewhere: the facilitator of another community, and a member of it. */
let outsider: string;
let memberElsewhere: string;

interface Ids {
  slug: string;
  prompt: number;
  series: number;
  answer: number;
  image: string;
  week: string;
  user: number;
  /** The random public id every answer also has (anonymous ones are shown by it). */
  answerPublicId: string;
  /** The member's notification (their answer was spotlighted) and nudge (it was encouraged). */
  notification: number;
  nudge: number;
  /** A series a steward offered the private community (issue 14). */
  offer: number;
}

beforeAll(async () => {
  t = await makeTestApp();
  const fac = await t.userToken('fran@example.org', 'Fran');
  const member = await t.userToken('mo@example.org', 'Mo');
  const community = await createCommunity(t, fac.token, { slug: 'hidden-circle', visibility: 'private' });
  const series = await createSeries(t, fac.token, community.slug, { startDate: '2026-03-02' });
  const invite = await t.call('POST', `/api/communities/${community.slug}/invites`, { token: fac.token });
  await join(t, member.token, community.slug, invite.json.code);
  const image = await uploadRaw(t, png(8, 8), { token: member.token });
  const answer = await t.call('POST', `/api/prompts/${series.prompts[0]!.id}/submissions`, {
    token: member.token,
    body: { level: 'easy', body: 'Hidden', visibility: 'public', anonymous: false, imageId: image.json.id },
  });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  const spotlight = await t.call('POST', `/api/submissions/${answer.json.id}/spotlight`, { token: fac.token, body: {} });
  expect(spotlight.status, spotlight.text).toBe(200);
  const notifications = await t.call('GET', '/api/me/notifications', { token: member.token });
  // Encouragement offers the author a next step: a nudge, also the member's own.
  expect((await t.call('POST', `/api/submissions/${answer.json.id}/kudos`, { token: fac.token, body: { kind: 'applause' } })).status).toBe(200);
  const nudges = await t.call('GET', '/api/me/nudges', { token: member.token });
  // The week has a roll, so the hidden one is not simply empty.
  t.clock.set('2026-03-10T12:00:00Z');
  hidden = {
    notification: notifications.json.items[0].id,
    offer: 0,
    nudge: nudges.json.nudges[0].id, slug: community.slug, prompt: series.prompts[0]!.id, series: series.id, answer: answer.json.id, image: image.json.id, week: '2026-W10', user: member.userId,
    answerPublicId: (await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, answer.json.id)))[0]!.publicId!,
  };
  // An outsider who is signed in and a member elsewhere.
  outsider = (await t.userToken('oz@example.org', 'Oz')).token;
  await createCommunity(t, outsider, { slug: 'oz-place' });
  memberElsewhere = (await t.userToken('mel@example.org', 'Mel')).token;
  await join(t, memberElsewhere, 'oz-place');
  // A steward offers the private community a series of the public one.
  const steward = await t.userToken('stu@example.org', 'Stu');
  await t.db.update(users).set({ isSteward: true }).where(eq(users.id, steward.userId));
  const ozSeries = await createSeries(t, outsider, 'oz-place', { startDate: '2026-04-01' });
  const offer = await t.call('POST', `/api/network/communities/${community.slug}/series-offers`, { token: steward.token, body: { seriesId: ozSeries.id } });
  expect(offer.status, offer.text).toBe(201);
  hidden.offer = offer.json.id;
});
afterAll(() => t.close());

type Route = [method: string, path: (ids: Ids) => string, body?: unknown];
const routes: Route[] = [
  ['GET', (i) => `/api/prompts/${i.prompt}/gallery`],
  ['POST', (i) => `/api/prompts/${i.prompt}/submissions`, { level: 'easy', body: 'Hi', visibility: 'public', anonymous: false }],
  ['DELETE', (i) => `/api/submissions/${i.answer}`],
  ['PATCH', (i) => `/api/submissions/${i.answer}`, { visibility: 'public' }],
  ['GET', (i) => `/api/submissions/${i.answer}/share`],
  ['POST', (i) => `/api/submissions/${i.answerPublicId}/kudos`, { kind: 'applause' }],
  ['PATCH', (i) => `/api/submissions/${i.answerPublicId}`, { visibility: 'public' }],
  ['GET', (i) => `/a/${i.answerPublicId}`],
  ['POST', (i) => `/api/submissions/${i.answer}/kudos`, { kind: 'applause' }],
  ['POST', (i) => `/api/submissions/${i.answer}/spotlight`, {}],
  ['DELETE', (i) => `/api/submissions/${i.answer}/spotlight`],
  ['GET', (i) => `/api/series/${i.series}`],
  ['POST', (i) => `/api/series/${i.series}/pause`],
  ['POST', (i) => `/api/series/${i.series}/resume`],
  ['GET', (i) => `/api/series/${i.series}/credential`],
  ['GET', (i) => `/api/images/${i.image}`],
  ['GET', (i) => `/api/communities/${i.slug}`],
  ['GET', (i) => `/api/communities/${i.slug}/today`],
  ['GET', (i) => `/api/communities/${i.slug}/leaderboard?period=week`],
  ['GET', (i) => `/api/communities/${i.slug}/weeks/${i.week}`],
  ['GET', (i) => `/api/users/${i.user}/profile`],
  ['GET', (i) => `/u/${i.user}`],
  ['GET', (i) => `/a/${i.answer}`],
  ['GET', (i) => `/c/${i.slug}/p/${i.prompt}`],
  ['GET', (i) => `/c/${i.slug}/week/${i.week}`],
  ['GET', (i) => `/c/${i.slug}`],
  ['POST', (i) => `/api/communities/${i.slug}/join`, {}],
  ['POST', (i) => `/api/communities/${i.slug}/invites`],
  ['PATCH', (i) => `/api/communities/${i.slug}/members/${i.user}`, { role: 'facilitator' }],
  ['POST', (i) => `/api/communities/${i.slug}/series`, { title: 'Mine', startDate: '2026-04-01', cadence: 'daily', prompts: [{ easy: 'a', hard: 'b' }] }],
  ['POST', (i) => `/api/communities/${i.slug}/feed-token`],
  ['GET', (i) => `/api/communities/${i.slug}/spotlight-queue`],
  ['GET', (i) => `/api/communities/${i.slug}/badges/me`],
  ['GET', (i) => `/api/communities/${i.slug}/badges/me/first-answer/credential`],
  ['GET', (i) => `/api/communities/${i.slug}/rhythm/me`],
  ['PATCH', (i) => `/api/communities/${i.slug}/rhythm/me`, { goal: 2 }],
  ['POST', (i) => `/api/communities/${i.slug}/rhythm/rest-weeks`, { weekOf: '2026-03-23' }],
  ['DELETE', (i) => `/api/communities/${i.slug}/rhythm/rest-weeks/2026-03-23`],
  ['GET', (i) => `/api/communities/${i.slug}/ladder/me`],
  ['POST', (i) => `/api/communities/${i.slug}/ladder/main-space`],
  ['GET', (i) => `/api/communities/${i.slug}/ladder/funnel`],
  ['POST', (i) => `/api/communities/${i.slug}/members/${i.user}/main-space`],
  ['POST', (i) => `/api/me/notifications/${i.notification}/read`],
  ['POST', (i) => `/api/me/nudges/${i.nudge}/dismiss`],
  ['GET', (i) => `/api/communities/${i.slug}/export`],
  ['GET', (i) => `/api/communities/${i.slug}/webhooks`],
  ['POST', (i) => `/api/communities/${i.slug}/webhooks`, { url: 'https://hooks.slack.com/services/T000/B000/XXXX', format: 'slack' }],
  ['DELETE', (i) => `/api/communities/${i.slug}/webhooks/1`],
  // Sharing and editing series (issue 12). The library copy names an entry that does not exist either way
  // (an unshared private series has none); copying into a hidden community is in series-sharing-access.test.ts.
  ['PATCH', (i) => `/api/prompts/${i.prompt}`, { easy: 'Changed' }],
  ['PATCH', (i) => `/api/series/${i.series}/order`, { promptIds: [1] }],
  ['GET', (i) => `/api/series/${i.series}/edits`],
  ['GET', (i) => `/api/series/${i.series}/export?format=csv`],
  ['POST', (i) => `/api/series/${i.series}/publish`, { sharePrivate: true }],
  ['POST', (i) => `/api/communities/${i.slug}/series/import`, JSON.stringify({ format: 'kindling-series', version: 1, title: 'T', startDate: '2026-04-01', cadence: 'daily', prompts: [{ day: 1, easy: 'a', hard: 'b' }] })],
  ['POST', (i) => `/api/library/${i.series}/copy`, { community: 'oz-place', startDate: '2026-04-01' }],
  ['GET', (i) => `/c/${i.slug}/s/${i.series}`],
  // Community analytics (issue 12).
  ['GET', (i) => `/api/communities/${i.slug}/analytics`],
  ['GET', (i) => `/api/communities/${i.slug}/analytics.csv`],
  // Moderation (issue 12).
  ['POST', (i) => `/api/submissions/${i.answer}/reports`, { reason: 'unkind' }],
  ['POST', (i) => `/api/submissions/${i.answerPublicId}/reports`, { reason: 'spam' }],
  ['POST', (i) => `/api/submissions/${i.answer}/moderation/hide`],
  ['POST', (i) => `/api/submissions/${i.answer}/moderation/remove`],
  ['GET', (i) => `/api/communities/${i.slug}/moderation`],
  ['DELETE', (i) => `/api/communities/${i.slug}/members/${i.user}`],
  // Stewards' actions (issue 14): the /network ones are 404 to anyone but a steward, whatever the slug.
  ['POST', (i) => `/api/network/communities/${i.slug}/archive`],
  ['DELETE', (i) => `/api/network/communities/${i.slug}/archive`],
  ['POST', (i) => `/api/network/communities/${i.slug}/showcase`],
  ['DELETE', (i) => `/api/network/communities/${i.slug}/showcase`],
  ['POST', (i) => `/api/network/communities/${i.slug}/notes`, { body: 'Hello' }],
  ['POST', (i) => `/api/network/communities/${i.slug}/series-offers`, { seriesId: 1 }],
  ['GET', (i) => `/api/communities/${i.slug}/series-offers`],
  ['POST', (i) => `/api/series-offers/${i.offer}/accept`, { startDate: '2026-04-01' }],
  ['POST', (i) => `/api/series-offers/${i.offer}/decline`],
];

describe('an id from a private community, asked by an outsider', () => {
  const callers = { 'a signed-out visitor': () => undefined, 'the facilitator of another community': () => outsider, 'a member of another community': () => memberElsewhere };
  for (const [who, tokenOf] of Object.entries(callers)) {
    it.each(routes.map((r) => [`${r[0]} ${r[1](unknown)}`, r] as const))(`answers %s like an unknown id (${who})`, async (_name, [method, path, body]) => {
      const token = tokenOf();
      const ask = (ids: Ids) => t.call(method, path(ids), { token, body, headers: { Origin: 'http://localhost' } });
      const [forHidden, forUnknown] = [await ask(hidden), await ask(unknown)];
      expect(forUnknown.status).toBeLessThan(500);
      expect(forHidden.status, `${forHidden.text}\n${forUnknown.text}`).toBe(forUnknown.status);
      // Same body, once the path a page echoes back (its language link) is masked.
      const masked = (text: string, ids: Ids) => text.split(encodeURIComponent(path(ids))).join('<path>');
      expect(masked(forHidden.text, hidden)).toBe(masked(forUnknown.text, unknown));
      if (token) expect(forHidden.status).toBe(404);
    });
  }

  it('covers every documented operation that takes an id or a slug', () => {
    const asked = routes.map(([method, path]) => `${method.toLowerCase()} ${path(unknown).split('?')[0]}`);
    const pattern = (r: (typeof ROUTES)[number]) => new RegExp(`^${r.method} ${r.path.replace(/:\w+/g, '[^/]+')}$`);
    const missed = ROUTES.filter((r) => r.params && !asked.some((a) => pattern(r).test(a))).map((r) => `${r.method} ${r.path}`);
    expect(missed).toEqual(NOT_COMMUNITY_DATA);
  });
});

/**
 * Operations whose parameters name nothing a private community holds: data every visitor may read, and the
 * mail links' signed tokens (a forged token is a 404 page; tests/api/mail-reminders.test.ts).
 */
const NOT_COMMUNITY_DATA = ['get /api/templates/:id', 'get /mail/unsubscribe/:token', 'post /mail/unsubscribe/:token', 'get /mail/answer/:token', 'post /mail/answer/:token'];
