/**
 * Private communities do not exist for outsiders: every route that takes an id answers an id from a private
 * community exactly as it answers an id that never existed (same status, same body), and never a 500.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissions, users } from '../../db/schema';
import { creditEntry } from '../../src/domain/credits/ledger';
import { ROUTES } from '../../src/openapi';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';
import { png, uploadRaw } from '../helpers/images';

let t: TestApp;
/** Ids that exist, inside a private community; and ids that never existed. */
let hidden: Ids;
const unknown: Ids = { slug: 'no-such-place', prompt: 987_654, series: 987_654, answer: 987_654, image: 'AAAAAAAAAAAAAAAAAAAAAA', week: '2026-W10', user: 987_654, answerPublicId: 'f'.repeat(32), notification: 987_654, nudge: 987_654, note: 987_654, liveSession: 987_654, helpPrompt: 987_654, helpReply: 987_654, offer: 987_654 };
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
  /** An encouragement note on the member's answer (issue 15). */
  note: number;
  /** A live session and an approved help prompt (issue 15). */
  liveSession: number;
  helpPrompt: number;
  helpReply: number;
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
  const note = await t.call('POST', `/api/submissions/${answer.json.id}/notes`, { token: fac.token, body: { starter: 'thank_you_for', text: 'Lovely' } });
  expect(note.status, note.text).toBe(201);
  // A live session and a featured help prompt, asked with credits earned as hosting earns them.
  const session = await t.call('POST', `/api/communities/${community.slug}/live-sessions`, {
    token: fac.token,
    body: { kind: 'office_hour', title: 'Hidden hour', date: '2026-03-20', time: '10:00' },
  });
  expect(session.status, session.text).toBe(201);
  await creditEntry(t.db, { communityId: community.id, userId: member.userId, reason: 'session_hosted', ref: 'hidden:1' }, t.clock.now());
  await creditEntry(t.db, { communityId: community.id, userId: member.userId, reason: 'session_hosted', ref: 'hidden:2' }, t.clock.now());
  const help = await t.call('POST', `/api/communities/${community.slug}/help-prompts`, { token: member.token, body: { question: 'Hidden?' } });
  expect(help.status, help.text).toBe(201);
  expect((await t.call('POST', `/api/help-prompts/${help.json.id}/decision`, { token: fac.token, body: { decision: 'approve' } })).status).toBe(200);
  const reply = await t.call('POST', `/api/help-prompts/${help.json.id}/replies`, { token: fac.token, body: { body: 'Hidden answer' } });
  expect(reply.status, reply.text).toBe(201);
  // The week has a roll, so the hidden one is not simply empty.
  t.clock.set('2026-03-10T12:00:00Z');
  hidden = {
    notification: notifications.json.items[0].id,
    offer: 0,
    nudge: nudges.json.nudges[0].id, note: note.json.id, liveSession: session.json.id, helpPrompt: help.json.id, helpReply: reply.json.id, slug: community.slug, prompt: series.prompts[0]!.id, series: series.id, answer: answer.json.id, image: image.json.id, week: '2026-W10', user: member.userId,
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
  // An answer's Open Graph card (issue 17): the permalink's 404, by either id.
  ['GET', (i) => `/a/${i.answer}/card.png`],
  ['GET', (i) => `/a/${i.answerPublicId}/card.png`],
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
  // Connect (issue 15): "ask me about" and encouragement notes.
  ['GET', (i) => `/api/communities/${i.slug}/connect/me`],
  ['PATCH', (i) => `/api/communities/${i.slug}/connect/me`, { askOptIn: true }],
  ['GET', (i) => `/api/communities/${i.slug}/helpers?q=a`],
  ['GET', (i) => `/api/submissions/${i.answer}/notes`],
  ['GET', (i) => `/api/submissions/${i.answerPublicId}/notes`],
  ['POST', (i) => `/api/submissions/${i.answer}/notes`, { starter: 'thank_you_for', text: 'Hi' }],
  ['POST', (i) => `/api/notes/${i.note}/replies`, { text: 'Hi' }],
  ['POST', (i) => `/api/notes/${i.note}/helpful`],
  ['POST', (i) => `/api/notes/${i.note}/report`],
  ['POST', (i) => `/api/notes/${i.note}/moderation/hide`],
  ['POST', (i) => `/api/notes/${i.note}/block`],
  ['DELETE', (i) => `/api/communities/${i.slug}/note-blocks/${i.user}`],
  ['GET', (i) => `/api/communities/${i.slug}/reported-notes`],
  ['GET', (i) => `/c/${i.slug}/helpers`],
  ['POST', (i) => `/c/${i.slug}/helpers/settings`],
  ['POST', (i) => `/a/${i.answer}/notes`],
  ['POST', (i) => `/a/${i.answer}/notes/${i.note}/helpful`],
  ['POST', (i) => `/a/${i.answer}/notes/${i.note}/reply`],
  // Live sessions and helper credits (issue 15), the API and the pages.
  ['GET', (i) => `/api/communities/${i.slug}/live-sessions`],
  ['POST', (i) => `/api/communities/${i.slug}/live-sessions`, { kind: 'sprint', title: 'Mine', date: '2026-04-01', time: '10:00' }],
  ['GET', (i) => `/api/live-sessions/${i.liveSession}`],
  ['DELETE', (i) => `/api/live-sessions/${i.liveSession}`],
  ['GET', (i) => `/api/communities/${i.slug}/credits/me`],
  ['GET', (i) => `/api/communities/${i.slug}/help-prompts`],
  ['POST', (i) => `/api/communities/${i.slug}/help-prompts`, { question: 'Mine?' }],
  ['GET', (i) => `/api/help-prompts/${i.helpPrompt}`],
  ['POST', (i) => `/api/help-prompts/${i.helpPrompt}/decision`, { decision: 'decline' }],
  ['POST', (i) => `/api/help-prompts/${i.helpPrompt}/replies`, { body: 'Mine' }],
  ['DELETE', (i) => `/api/help-replies/${i.helpReply}`],
  ['POST', (i) => `/api/help-replies/${i.helpReply}/reports`, { reason: 'spam' }],
  ['POST', (i) => `/api/help-replies/${i.helpReply}/moderation/hide`],
  ['POST', (i) => `/c/${i.slug}/help/${i.helpPrompt}/replies/${i.helpReply}/report`],
  ['POST', (i) => `/c/${i.slug}/help/${i.helpPrompt}/replies/${i.helpReply}/moderation`],
  ['GET', (i) => `/c/${i.slug}/live`],
  ['GET', (i) => `/c/${i.slug}/live/${i.liveSession}`],
  ['GET', (i) => `/c/${i.slug}/live/${i.liveSession}/session.ics`],
  ['GET', (i) => `/c/${i.slug}/live.ics`],
  ['GET', (i) => `/c/${i.slug}/help/${i.helpPrompt}`],
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
