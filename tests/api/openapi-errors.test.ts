/**
 * Every error an operation documents, provoked for real and checked against the documented response schema
 * (status and body). An operation that documents a code nobody can provoke fails here, and so does a
 * response that does not match what a generated client was told to expect.
 */
import Ajv2020 from 'ajv/dist/2020';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { idempotencyKeys, liveSessions, users } from '../../db/schema';
import { creditEntry } from '../../src/domain/credits/ledger';
import { sha256Hex } from '../../src/domain/crypto';
import type { ErrorCode } from '../../src/domain/errors';
import { LIMITS } from '../../src/domain/limits/table';
import { replyAddressWith } from '../../src/domain/mail/reply-address';
import { mailSigner } from '../../src/domain/reach/mail-tokens';
import { errorCodes, openapiPath, ROUTES } from '../../src/openapi';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join } from '../helpers/fixtures';
import { gif, png } from '../helpers/images';
import { signIn } from '../helpers/sign-in';
import { MAX_UPLOAD_REQUEST_BYTES } from '../../src/routes/images';

type Route = (typeof ROUTES)[number];
interface Sent {
  status: number;
  json: any;
}

let t: TestApp;
const WEBHOOK_SECRET = 'whsec-test-secret';
const SETUP_SECRET = 'steward-setup-secret-0123456789';
const REPLY_ADDRESS = 'reply@in.kindling.example';
let doc: any;
let world: Awaited<ReturnType<typeof setUp>>;

async function setUp() {
  const base = await communityWithOpenPrompt(t);
  const outsider = await t.userToken('out@example.org', 'Out');
  const memberCookie = (await signIn(t, 'mo@example.org')).cookie;
  const answer = await t.call('POST', `/api/prompts/${base.prompt.id}/submissions`, {
    token: base.member.token,
    body: { level: 'easy', body: 'A cup, drawn' },
  });
  expect(answer.status, answer.text).toBe(201);
  // A public answer (the facilitator's), which people outside the community can see.
  const shown = await t.call('POST', `/api/prompts/${base.prompt.id}/submissions`, {
    token: base.facilitator.token,
    body: { level: 'easy', body: 'For everyone', visibility: 'public' },
  });
  expect(shown.status, shown.text).toBe(201);
  const later = await createSeries(t, base.facilitator.token, base.community.slug, { startDate: '2026-04-01' });
  await createCommunity(t, base.facilitator.token, { slug: 'private-circle', visibility: 'private' });
  // Connect (issue 15): Ned leaves a note on Mo's answer, so the facilitator reads it without taking part.
  const ned = await t.userToken('ned@example.org', 'Ned');
  await t.call('POST', `/api/communities/${base.community.slug}/join`, { token: ned.token, body: {} });
  const note = await t.call('POST', `/api/submissions/${answer.json.id}/notes`, { token: ned.token, body: { starter: 'thank_you_for', text: 'the cup' } });
  expect(note.status, note.text).toBe(201);
  return { ...base, outsider, memberCookie, answerId: answer.json.id as number, publicAnswerId: String(shown.json.id), later, ned, noteId: note.json.id as number };
}

beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z', { MAIL_WEBHOOK_SECRET: WEBHOOK_SECRET, STEWARD_SETUP_SECRET: SETUP_SECRET, MAIL_REPLY_ADDRESS: REPLY_ADDRESS });
  doc = (await t.call('GET', '/api/openapi.json')).json;
  world = await setUp();
});
afterAll(() => t.close());

/** Parameter values that pass validation (whether or not they exist), per Hono path. */
function validParams(r: Route): Record<string, string> {
  const id = r.path.startsWith('/api/prompts/')
    ? world.prompt.id
    : r.path.startsWith('/api/series/')
      ? world.series.id
      : r.path.startsWith('/api/submissions/')
        ? world.answerId
        : r.path.startsWith('/api/users/')
          ? world.member.userId
          : r.path.startsWith('/api/notes/')
            ? world.noteId
            : 1;
  return {
    slug: world.community.slug,
    id: r.path.startsWith('/api/images/') ? 'A'.repeat(22) : String(id),
    userId: String(world.member.userId),
    badgeId: 'first-answer',
    isoWeek: '2026-W10',
    weekOf: '2026-03-09',
    action: 'hide',
  };
}
const missingParams = { slug: 'no-such-community', id: '999999', userId: '999999', badgeId: 'no-such-badge', isoWeek: '2026-W10', weekOf: '2026-03-09', action: 'hide' };
const invalidParams = { slug: 'x'.repeat(41), id: 'NOT_AN_ID!', userId: 'abc', badgeId: '!!', isoWeek: 'week', weekOf: 'someday', action: 'explode' };

const fill = (path: string, values: Record<string, string>) => path.replace(/:(\w+)/g, (_, name: string) => values[name]!);

async function send(r: Route, opts: { path?: string; token?: string; headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> } = {}): Promise<Sent> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['Content-Type'] ??= r.form ? 'application/x-www-form-urlencoded' : 'application/json';
  const res = await t.app.request(opts.path ?? fill(r.path, validParams(r)), { method: r.method.toUpperCase(), headers, body: opts.body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/** A caller who passes authentication and, where the route needs it, is a facilitator of the community. */
const caller = () => world.facilitator.token;
/** Someone signed in who belongs to no community yet. */
let strangers = 0;
const stranger = async () => (await t.userToken(`stranger${++strangers}@example.org`)).token;
const json = (value: unknown) => JSON.stringify(value);

/** What provokes each code that follows from what a route takes (see errorCodes in src/openapi.ts). */
const generic: Partial<Record<ErrorCode, (r: Route) => Promise<Sent>>> = {
  unauthenticated: (r) => send(r, { token: 'not-a-token', body: r.method === 'get' ? undefined : '{}' }),
  cross_site: (r) =>
    send(r, { headers: { Cookie: world.memberCookie, Origin: 'https://elsewhere.example', 'Sec-Fetch-Site': 'cross-site' }, body: '{}' }),
  payload_too_large: (r) =>
    r.upload
      ? send(r, { token: caller(), headers: { 'Content-Type': 'image/png' }, body: new Uint8Array(MAX_UPLOAD_REQUEST_BYTES + 1) })
      : send(r, { token: caller(), body: json({ pad: 'x'.repeat(70_000) }) }),
  invalid_json: (r) => send(r, { token: caller(), body: '{"level": ' }),
  not_found: (r) => {
    const missing = r.path.startsWith('/api/images/') ? { ...missingParams, id: 'A'.repeat(22) } : missingParams;
    return send(r, { token: caller(), path: fill(r.path, missing), body: r.body ? json(sampleBodies[r.body] ?? {}) : undefined });
  },
  invalid_input: (r) => {
    if (r.params) return send(r, { token: caller(), path: fill(r.path, invalidParams), body: r.body ? '{}' : undefined });
    if (r.body) return send(r, { token: caller(), body: '[]' });
    if (r.upload) return send(r, { token: caller(), headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, body: '--x--' });
    return send(r, { token: caller(), path: `${r.path}?${invalidQuery[r.path] ?? ''}` });
  },
  idempotency_key_reused: (r) => withEarlierRequest(r, 'other', 200),
  idempotency_in_progress: (r) => withEarlierRequest(r, 'same', 0),
};

/** Bodies that pass validation, so a 404 is about the path and not the body. */
const sampleBodies: Record<string, unknown> = {
  InboundMailBody: { from: 'mo@example.org', to: ['reply@in.kindling.example'], text: 'Hi' },
  JoinBody: {},
  SetRoleBody: { role: 'member' },
  CreateSeriesBody: { title: 'Again', startDate: '2026-04-01', cadence: 'daily', prompts: [{ easy: 'a', hard: 'b' }] },
  SubmissionBody: { level: 'easy', body: 'Hello' },
  KudosBody: { kind: 'applause' },
  SpotlightBody: {},
  RhythmGoalBody: { goal: 2 },
  RestWeekBody: { weekOf: '2026-03-16' },
  AnswerSettingsBody: { visibility: 'community' },
  ChatWebhookBody: { url: 'https://hooks.slack.com/services/T000/B000/XXXX', format: 'slack' },
  EditPromptBody: { easy: 'Draw a cup' },
  ReorderBody: { promptIds: [1] },
  PublishBody: {},
  CopyBody: { community: 'sketchers', startDate: '2026-04-01' },
  ReportBody: { reason: 'spam' },
  StewardBody: { email: 'someone@example.org' },
  NetworkSettingsBody: { quietDays: 7 },
  ConnectSettingsBody: { askOptIn: true },
  NoteBody: { starter: 'thank_you_for', text: 'Thanks' },
  NoteReplyBody: { text: 'Thanks' },
  LiveSessionBody: { kind: 'office_hour', title: 'Ask me', date: '2026-04-01', time: '10:00' },
  HelpPromptBody: { question: 'How do you start?' },
  HelpDecisionBody: { decision: 'approve' },
  HelpReplyBody: { body: 'Like this' },
  StewardNoteBody: { body: 'How is it going? I can help.' },
  OfferBody: { seriesId: 1, note: 'It worked well elsewhere' },
  AcceptOfferBody: { startDate: '2026-04-01' },
};
const invalidQuery: Record<string, string> = { '/api/communities': 'limit=0', '/api/communities/:slug/helpers': `q=${'x'.repeat(61)}`, '/api/me/notifications': 'limit=0', '/api/templates': 'lang=xx', '/api/network': 'sort=nope', '/api/network.csv': 'quietDays=0' };

/** Stores an earlier request under the key, as the idempotency middleware would have. */
async function withEarlierRequest(r: Route, fingerprint: 'same' | 'other', status: number) {
  const key = `k-${Math.random()}`;
  const path = fill(r.path, validParams(r));
  const body = '{}';
  const same = await sha256Hex(new TextEncoder().encode(`POST ${path}\n${body}`));
  await t.db.insert(idempotencyKeys).values({
    userId: world.facilitator.userId,
    key,
    fingerprint: fingerprint === 'same' ? same : 'f'.repeat(64),
    status,
    body: status ? '{}' : null,
    createdAt: t.clock.now().getTime(),
  });
  return send(r, { token: caller(), headers: { 'Idempotency-Key': key }, body });
}

/** The route's own codes: how each is reached, by a person doing something the rules refuse. */
const own: Record<string, Partial<Record<ErrorCode, () => Promise<Sent>>>> = {};
const on = (key: string, code: ErrorCode, provoke: () => Promise<Sent>) => ((own[key] ??= {})[code] = provoke);
const routeOf = (key: string) => ROUTES.find((r) => `${r.method} ${r.path}` === key)!;
const call = (key: string, token: string, body?: unknown, params: Record<string, string> = {}) => {
  const r = routeOf(key);
  return send(r, { token, path: fill(r.path, { ...validParams(r), ...params }), body: body === undefined ? undefined : json(body) });
};

on('post /api/auth/confirm', 'link_invalid', () => call('post /api/auth/confirm', '', { token: 'no-such-link' }));
on('post /api/communities', 'slug_taken', () => call('post /api/communities', world.outsider.token, { slug: world.community.slug, name: 'Again', timeZone: 'UTC', visibility: 'public' }));
on('post /api/communities/:slug/invites', 'forbidden', () => call('post /api/communities/:slug/invites', world.member.token));
on('patch /api/communities/:slug/members/:userId', 'forbidden', () =>
  call('patch /api/communities/:slug/members/:userId', world.member.token, { role: 'facilitator' }));
on('patch /api/communities/:slug/members/:userId', 'last_facilitator', () =>
  call('patch /api/communities/:slug/members/:userId', world.facilitator.token, { role: 'member' }, { userId: String(world.facilitator.userId) }));
on('post /api/communities/:slug/series', 'forbidden', () =>
  call('post /api/communities/:slug/series', world.member.token, sampleBodies.CreateSeriesBody));
on('post /api/series/:id/pause', 'forbidden', () => call('post /api/series/:id/pause', world.member.token));
on('post /api/series/:id/pause', 'series_not_running', async () => {
  const params = { id: String(world.later.id) };
  await call('post /api/series/:id/pause', caller(), undefined, params);
  return call('post /api/series/:id/pause', caller(), undefined, params);
});
on('post /api/series/:id/resume', 'forbidden', () => call('post /api/series/:id/resume', world.member.token));
on('post /api/series/:id/resume', 'series_not_paused', () => call('post /api/series/:id/resume', caller()));
on('post /api/prompts/:id/submissions', 'already_answered', () => call('post /api/prompts/:id/submissions', world.member.token, { level: 'easy', body: 'Again' }));
on('post /api/prompts/:id/submissions', 'prompt_not_open', () =>
  call('post /api/prompts/:id/submissions', world.member.token, { level: 'easy', body: 'Early' }, { id: String(world.series.prompts[1]!.id) }));
on('post /api/prompts/:id/submissions', 'session_not_live', async () => {
  // A session's own prompt, before the session: closed until it starts.
  const session = await call('post /api/communities/:slug/live-sessions', caller(), { ...(sampleBodies.LiveSessionBody as object), prompt: 'Draw your desk' });
  expect(session.json.promptId).toEqual(expect.any(Number));
  return call('post /api/prompts/:id/submissions', world.member.token, { level: 'easy', body: 'Early' }, { id: String(session.json.promptId) });
});
on('post /api/prompts/:id/submissions', 'image_unavailable', () =>
  call('post /api/prompts/:id/submissions', world.member.token, { level: 'hard', imageId: 'B'.repeat(22) }));
on('patch /api/submissions/:id', 'already_named', () => call('patch /api/submissions/:id', world.member.token, { anonymous: true }));
on('post /api/submissions/:id/kudos', 'forbidden', () => call('post /api/submissions/:id/kudos', world.member.token, sampleBodies.KudosBody));
const upload = (bytes: Uint8Array<ArrayBuffer>, type: string, token = world.outsider.token) =>
  send(routeOf('post /api/images'), { token, headers: { 'Content-Type': type }, body: bytes });
on('post /api/images', 'image_invalid', () => upload(png(0, 4), 'image/png'));
on('post /api/images', 'unsupported_image', () => upload(gif(), 'image/gif'));
on('post /api/images', 'too_many_uploads', async () => {
  let last: Sent = { status: 0, json: null };
  for (let i = 0; i < 25 && last.status !== 429; i++) last = await upload(png(2, 2), 'image/png', world.member.token);
  return last;
});
on('post /api/images', 'image_too_large', () => upload(png(5000, 10), 'image/png'));

/**
 * A limit, reached: a caller of its own (a stranger, or a fresh address) sends what the limit counts until
 * the 429, so no other case's caller is throttled. The limiter runs before the route's own checks.
 */
async function untilLimited(send: () => Promise<Sent>, max: number): Promise<Sent> {
  let last: Sent = { status: 0, json: null };
  for (let i = 0; i <= max && last.status !== 429; i++) last = await send();
  return last;
}
on('post /api/prompts/:id/submissions', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => call('post /api/prompts/:id/submissions', token, { level: 'easy', body: 'Again' }), LIMITS.answers.max);
});
on('post /api/submissions/:id/kudos', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => call('post /api/submissions/:id/kudos', token, sampleBodies.KudosBody), LIMITS.kudos.max);
});
on('post /api/images', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => upload(gif(), 'image/gif', token), LIMITS.uploads.max);
});
on('post /api/submissions/:id/reports', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => call('post /api/submissions/:id/reports', token, { reason: 'spam' }), LIMITS.reports.max);
});
on('post /api/auth/email-link', 'rate_limited', () =>
  untilLimited(() => call('post /api/auth/email-link', '', { email: 'often@example.org' }), LIMITS.signInPerAddress.max));

on('post /api/submissions/:id/spotlight', 'forbidden', () => call('post /api/submissions/:id/spotlight', world.member.token, {}));
on('delete /api/submissions/:id/spotlight', 'forbidden', () => call('delete /api/submissions/:id/spotlight', world.member.token));
on('post /api/communities/:slug/feed-token', 'forbidden', async () => call('post /api/communities/:slug/feed-token', await stranger()));
on('get /api/communities/:slug/spotlight-queue', 'forbidden', () => call('get /api/communities/:slug/spotlight-queue', world.member.token));
on('get /api/communities/:slug/ladder/funnel', 'forbidden', () => call('get /api/communities/:slug/ladder/funnel', world.member.token));
on('post /api/communities/:slug/members/:userId/main-space', 'forbidden', () =>
  call('post /api/communities/:slug/members/:userId/main-space', world.member.token));

on('get /api/communities/:slug/export', 'forbidden', () => call('get /api/communities/:slug/export', world.member.token));
on('get /api/communities/:slug/analytics', 'forbidden', () => call('get /api/communities/:slug/analytics', world.member.token));
on('get /api/communities/:slug/analytics.csv', 'forbidden', () => call('get /api/communities/:slug/analytics.csv', world.member.token));
on('delete /api/me', 'last_facilitator', () => call('delete /api/me', world.facilitator.token, { confirm: 'delete my account' }));
// Sharing and editing series (issue 12): files, the library, prompt edits.
const waitingIds = () => world.series.prompts.slice(1).map((p) => p.id);
on('patch /api/prompts/:id', 'forbidden', () => call('patch /api/prompts/:id', world.member.token, { easy: 'Changed' }));
on('patch /api/prompts/:id', 'prompt_opened', () => call('patch /api/prompts/:id', caller(), { easy: 'Something else entirely' }));
on('patch /api/series/:id/order', 'not_found', () => call('patch /api/series/:id/order', caller(), { promptIds: [1] }, { id: '999999' }));
on('patch /api/series/:id/order', 'forbidden', () => call('patch /api/series/:id/order', world.member.token, { promptIds: waitingIds() }));
on('patch /api/series/:id/order', 'prompt_opened', () => call('patch /api/series/:id/order', caller(), { promptIds: [world.prompt.id, ...waitingIds()] }));
on('get /api/series/:id/edits', 'forbidden', () => call('get /api/series/:id/edits', world.member.token));
on('get /api/series/:id/export', 'forbidden', () => call('get /api/series/:id/export', world.member.token));
const importCsv = (token: string, body: string, slug = world.community.slug) =>
  send(routeOf('post /api/communities/:slug/series/import'), {
    token,
    path: `/api/communities/${slug}/series/import?title=T&startDate=2026-04-01`,
    headers: { 'Content-Type': 'text/csv' },
    body,
  });
on('post /api/communities/:slug/series/import', 'not_found', () => importCsv(caller(), 'day,easy,hard\n1,a,b\n', 'no-such-community'));
on('post /api/communities/:slug/series/import', 'payload_too_large', () => importCsv(caller(), 'x'.repeat(5 * 1024 * 1024)));
on('post /api/communities/:slug/series/import', 'forbidden', () => importCsv(world.member.token, 'day,easy,hard\n1,a,b\n'));
on('post /api/communities/:slug/series/import', 'import_invalid', () => importCsv(caller(), 'day,easy,hard\n1,,b\n'));
on('post /api/series/:id/publish', 'forbidden', () => call('post /api/series/:id/publish', world.member.token, {}));
on('post /api/library/:id/copy', 'forbidden', async () => {
  const entry = await call('post /api/series/:id/publish', caller(), {});
  return call('post /api/library/:id/copy', world.member.token, sampleBodies.CopyBody, { id: String(entry.json.id) });
});
on('post /api/submissions/:id/reports', 'forbidden', async () =>
  call('post /api/submissions/:id/reports', await stranger(), sampleBodies.ReportBody, { id: world.publicAnswerId }));
on('post /api/submissions/:id/reports', 'own_answer', () => call('post /api/submissions/:id/reports', world.member.token, sampleBodies.ReportBody));
on('post /api/submissions/:id/moderation/:action', 'forbidden', () => call('post /api/submissions/:id/moderation/:action', world.member.token));
on('post /api/submissions/:id/moderation/:action', 'already_removed', async () => {
  // An answer of its own, so removing it changes nothing another case relies on.
  const own = await t.call('POST', `/api/prompts/${world.prompt.id}/submissions`, { token: world.facilitator.token, body: { level: 'hard', body: 'Mine' } });
  const id = String(own.json.id);
  await call('post /api/submissions/:id/moderation/:action', caller(), undefined, { id, action: 'remove' });
  return call('post /api/submissions/:id/moderation/:action', caller(), undefined, { id, action: 'hide' });
});
on('get /api/communities/:slug/moderation', 'forbidden', () => call('get /api/communities/:slug/moderation', world.member.token));
on('delete /api/communities/:slug/members/:userId', 'forbidden', () => call('delete /api/communities/:slug/members/:userId', world.member.token));
on('delete /api/communities/:slug/members/:userId', 'not_removable', () =>
  call('delete /api/communities/:slug/members/:userId', caller(), undefined, { userId: String(world.facilitator.userId) }));
/** The mail provider's webhook checks its signature before it reads the body: these are signed. */
const signedEvent = (body: string) =>
  send(routeOf('post /api/mail/events'), {
    headers: { 'X-Kindling-Signature': `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}` },
    body,
  });
on('post /api/mail/events', 'invalid_json', () => signedEvent('{"type": '));
on('post /api/mail/events', 'invalid_input', () => signedEvent(json({ type: 'bounce', email: 'not an address' })));

/** Answer by replying: signed calls to a reply address signed for a member and a prompt (as the daily email has). */
const inbound = (body: string) =>
  send(routeOf('post /api/mail/inbound'), {
    headers: { 'X-Kindling-Signature': `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}` },
    body,
  });
async function reply(promptId: number, text: string, from = 'mo@example.org', userId = world.member.userId) {
  const signer = await mailSigner(t.db, t.clock.now());
  const token = await signer.signReply({ userId, promptId, expiresAt: t.clock.now().getTime() + 3_600_000 });
  return inbound(json({ from, to: [replyAddressWith(REPLY_ADDRESS, token)], text }));
}
on('post /api/mail/inbound', 'invalid_json', () => inbound('{"from": '));
on('post /api/mail/inbound', 'invalid_input', () => inbound(json({ from: 'mo@example.org', to: [], text: 'Hi' })));
on('post /api/mail/inbound', 'not_found', () =>
  inbound(json({ from: 'mo@example.org', to: ['reply+r-1-1-1-000000000000000000000000@in.kindling.example'], text: 'Hi' })));
on('post /api/mail/inbound', 'reply_not_from_member', () => reply(world.prompt.id, 'Forwarded', 'someone-else@example.org'));
on('post /api/mail/inbound', 'already_answered', () => reply(world.prompt.id, 'Again'));
on('post /api/mail/inbound', 'prompt_not_open', () => reply(world.series.prompts[1]!.id, 'Early'));
on('post /api/mail/inbound', 'rate_limited', async () => {
  // A member of their own, so no other case's member is throttled.
  const replier = await t.userToken('replier@example.org', 'Replier');
  await join(t, replier.token, world.community.slug);
  return untilLimited(() => reply(world.prompt.id, 'Again and again', 'replier@example.org', replier.userId), LIMITS.answers.max);
});

// Stewards (issue 14): only stewards know the dashboard and the role route exist (a facilitator is no steward).
on('get /api/network', 'not_found', () => call('get /api/network', world.member.token));
on('get /api/network.csv', 'not_found', () => call('get /api/network.csv', world.facilitator.token));
on('patch /api/network/settings', 'not_found', () => call('patch /api/network/settings', world.member.token, { quietDays: 7 }));
on('post /api/stewards', 'not_found', () => call('post /api/stewards', world.member.token, sampleBodies.StewardBody));
/** The bootstrap reads its own Authorization header (the setup secret), then the body. */
const setupSteward = (body: string, secret = SETUP_SECRET) =>
  send(routeOf('post /api/setup/steward'), { headers: { Authorization: `Bearer ${secret}` }, body });
on('post /api/setup/steward', 'invalid_json', () => setupSteward('{"email": '));
on('post /api/setup/steward', 'invalid_input', () => setupSteward(json({ email: 'not an address' })));
on('post /api/setup/steward', 'steward_exists', async () => {
  await setupSteward(json({ email: 'first-steward@example.org' }));
  return setupSteward(json({ email: 'second-steward@example.org' }));
});
on('post /api/setup/steward', 'not_found', async () => {
  // A deployment without STEWARD_SETUP_SECRET: the route does not exist there.
  const bare = await makeTestApp();
  try {
    const res = await bare.app.request('/api/setup/steward', { method: 'POST', headers: { Authorization: `Bearer ${SETUP_SECRET}`, 'Content-Type': 'application/json' }, body: json(sampleBodies.StewardBody) });
    return { status: res.status, json: await res.json() };
  } finally {
    bare.close();
  }
});

// Connect (issue 15): "ask me about" and encouragement notes.
on('get /api/communities/:slug/connect/me', 'forbidden', async () => call('get /api/communities/:slug/connect/me', await stranger()));
on('patch /api/communities/:slug/connect/me', 'forbidden', async () => call('patch /api/communities/:slug/connect/me', await stranger(), sampleBodies.ConnectSettingsBody));
on('get /api/communities/:slug/helpers', 'forbidden', async () => call('get /api/communities/:slug/helpers', await stranger()));
on('post /api/submissions/:id/notes', 'forbidden', async () =>
  call('post /api/submissions/:id/notes', await stranger(), sampleBodies.NoteBody, { id: world.publicAnswerId }));
on('post /api/submissions/:id/notes', 'own_answer', () => call('post /api/submissions/:id/notes', world.member.token, sampleBodies.NoteBody));
on('post /api/submissions/:id/notes', 'already_noted', () => call('post /api/submissions/:id/notes', world.ned.token, sampleBodies.NoteBody));
on('post /api/submissions/:id/notes', 'notes_off', async () => {
  // An author of their own who turned notes off.
  const author = await t.userToken('quiet@example.org', 'Quiet');
  await t.call('POST', `/api/communities/${world.community.slug}/join`, { token: author.token, body: {} });
  const answer = await t.call('POST', `/api/prompts/${world.prompt.id}/submissions`, { token: author.token, body: { level: 'easy', body: 'Quietly' } });
  await t.call('PATCH', `/api/communities/${world.community.slug}/connect/me`, { token: author.token, body: { notesOff: true } });
  return call('post /api/submissions/:id/notes', world.ned.token, sampleBodies.NoteBody, { id: String(answer.json.id) });
});
on('post /api/submissions/:id/notes', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => call('post /api/submissions/:id/notes', token, sampleBodies.NoteBody), LIMITS.notes.max);
});
on('post /api/notes/:id/replies', 'forbidden', () => call('post /api/notes/:id/replies', caller(), sampleBodies.NoteReplyBody));
on('post /api/notes/:id/replies', 'reply_not_allowed', () => call('post /api/notes/:id/replies', world.ned.token, sampleBodies.NoteReplyBody));
on('post /api/notes/:id/replies', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => call('post /api/notes/:id/replies', token, sampleBodies.NoteReplyBody), LIMITS.notes.max);
});
on('post /api/notes/:id/helpful', 'forbidden', () => call('post /api/notes/:id/helpful', caller()));
on('post /api/notes/:id/report', 'forbidden', () => call('post /api/notes/:id/report', caller()));
on('post /api/notes/:id/report', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => call('post /api/notes/:id/report', token), LIMITS.reports.max);
});
on('post /api/notes/:id/moderation/:action', 'forbidden', () => call('post /api/notes/:id/moderation/:action', world.member.token));
on('post /api/notes/:id/block', 'forbidden', () => call('post /api/notes/:id/block', caller()));
on('delete /api/communities/:slug/note-blocks/:userId', 'forbidden', async () => call('delete /api/communities/:slug/note-blocks/:userId', await stranger()));
on('get /api/communities/:slug/reported-notes', 'forbidden', () => call('get /api/communities/:slug/reported-notes', world.member.token));
// Live sessions and helper credits (issue 15).
on('post /api/communities/:slug/live-sessions', 'forbidden', () =>
  call('post /api/communities/:slug/live-sessions', world.member.token, sampleBodies.LiveSessionBody));
const scheduled = async () => (await call('post /api/communities/:slug/live-sessions', caller(), sampleBodies.LiveSessionBody)).json.id as number;
on('delete /api/live-sessions/:id', 'forbidden', async () => call('delete /api/live-sessions/:id', world.member.token, undefined, { id: String(await scheduled()) }));
on('delete /api/live-sessions/:id', 'session_started', async () => {
  // Started an hour ago: no request can schedule that (times must be in the future), so the row is written here.
  const now = t.clock.now().getTime();
  const [row] = await t.db
    .insert(liveSessions)
    .values({ communityId: world.community.id, kind: 'sprint', title: 'Under way', hostId: world.facilitator.userId, startsAt: now - 3_600_000, endsAt: now + 3_600_000, createdBy: world.facilitator.userId, createdAt: now - 7_200_000 })
    .returning();
  return call('delete /api/live-sessions/:id', caller(), undefined, { id: String(row!.id) });
});
/** A member with `credits` helper credits, earned as hosting earns them. */
async function memberWithCredits(credits: number) {
  const token = await stranger();
  const me = await t.call('GET', '/api/me', { token });
  await t.call('POST', `/api/communities/${world.community.slug}/join`, { token, body: {} });
  for (let i = 0; i < credits; i += 2) {
    await creditEntry(t.db, { communityId: world.community.id, userId: me.json.id, reason: 'session_hosted', ref: `oe:${me.json.id}:${i}` }, t.clock.now());
  }
  return token;
}
/** A help prompt asked by a member, approved or still pending. */
async function helpAsked(status: 'approved' | 'pending') {
  const asker = await memberWithCredits(4);
  const asked = await call('post /api/communities/:slug/help-prompts', asker, sampleBodies.HelpPromptBody);
  if (status === 'approved') await call('post /api/help-prompts/:id/decision', caller(), { decision: 'approve' }, { id: String(asked.json.id) });
  return { asker, id: String(asked.json.id) };
}
on('post /api/communities/:slug/help-prompts', 'forbidden', async () =>
  call('post /api/communities/:slug/help-prompts', await stranger(), sampleBodies.HelpPromptBody));
on('post /api/communities/:slug/help-prompts', 'credits_insufficient', async () =>
  call('post /api/communities/:slug/help-prompts', await memberWithCredits(0), sampleBodies.HelpPromptBody));
on('post /api/communities/:slug/help-prompts', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => call('post /api/communities/:slug/help-prompts', token, sampleBodies.HelpPromptBody), LIMITS.helpPosts.max);
});
on('post /api/help-prompts/:id/decision', 'forbidden', async () => {
  const { id } = await helpAsked('approved');
  return call('post /api/help-prompts/:id/decision', world.member.token, { decision: 'decline' }, { id });
});
on('post /api/help-prompts/:id/decision', 'already_decided', async () => {
  const { id } = await helpAsked('approved');
  return call('post /api/help-prompts/:id/decision', caller(), { decision: 'decline' }, { id });
});
on('post /api/help-prompts/:id/replies', 'forbidden', async () => {
  const { id } = await helpAsked('approved');
  return call('post /api/help-prompts/:id/replies', await stranger(), sampleBodies.HelpReplyBody, { id });
});
on('post /api/help-prompts/:id/replies', 'own_help_prompt', async () => {
  const { asker, id } = await helpAsked('approved');
  return call('post /api/help-prompts/:id/replies', asker, sampleBodies.HelpReplyBody, { id });
});
on('post /api/help-prompts/:id/replies', 'help_not_open', async () => {
  const { id } = await helpAsked('pending');
  return call('post /api/help-prompts/:id/replies', caller(), sampleBodies.HelpReplyBody, { id });
});
on('post /api/help-prompts/:id/replies', 'already_answered', async () => {
  const { id } = await helpAsked('approved');
  await call('post /api/help-prompts/:id/replies', world.member.token, sampleBodies.HelpReplyBody, { id });
  return call('post /api/help-prompts/:id/replies', world.member.token, sampleBodies.HelpReplyBody, { id });
});
on('delete /api/help-replies/:id', 'forbidden', async () => {
  const { id } = await helpAsked('approved');
  const reply = await call('post /api/help-prompts/:id/replies', caller(), sampleBodies.HelpReplyBody, { id });
  return call('delete /api/help-replies/:id', world.member.token, undefined, { id: String(reply.json.id) });
});
/** An answer to an approved help prompt, written by the facilitator. */
async function helpReplied() {
  const { id } = await helpAsked('approved');
  // By a member of their own: the facilitator's help answers count toward a rate limit other cases reach.
  const reply = await call('post /api/help-prompts/:id/replies', await memberWithCredits(0), sampleBodies.HelpReplyBody, { id });
  expect(reply.status, JSON.stringify(reply.json)).toBe(201);
  return { id: String(reply.json.id) };
}
on('post /api/help-replies/:id/reports', 'forbidden', async () => call('post /api/help-replies/:id/reports', await stranger(), sampleBodies.ReportBody, await helpReplied()));
on('post /api/help-replies/:id/reports', 'own_answer', async () => {
  const { id } = await helpAsked('approved');
  const author = await memberWithCredits(0);
  const reply = await call('post /api/help-prompts/:id/replies', author, sampleBodies.HelpReplyBody, { id });
  return call('post /api/help-replies/:id/reports', author, sampleBodies.ReportBody, { id: String(reply.json.id) });
});
on('post /api/help-replies/:id/reports', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => call('post /api/help-replies/:id/reports', token, sampleBodies.ReportBody), LIMITS.reports.max);
});
on('post /api/help-replies/:id/moderation/:action', 'forbidden', async () =>
  call('post /api/help-replies/:id/moderation/:action', world.member.token, undefined, await helpReplied()));
on('post /api/help-prompts/:id/replies', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => call('post /api/help-prompts/:id/replies', token, sampleBodies.HelpReplyBody), LIMITS.helpPosts.max);
});
// Steward actions (issue 14). A steward of their own, made directly (the setup case above makes one too).
let stewardToken: string | undefined;
async function steward(): Promise<string> {
  if (!stewardToken) {
    const made = await t.userToken('action-steward@example.org', 'Stella');
    await t.db.update(users).set({ isSteward: true }).where(eq(users.id, made.userId));
    stewardToken = made.token;
  }
  return stewardToken;
}
let communities = 0;
/** A fresh public community with its own facilitator (a stranger) and a series, so no other case is touched. */
async function freshCommunity() {
  const fac = await stranger();
  const slug = `fresh-${++communities}`;
  await createCommunity(t, fac, { slug });
  const series = await createSeries(t, fac, slug, { startDate: '2026-04-01' });
  return { fac, slug, series };
}
/** An offer of the shared community's series to a fresh community, with that community's facilitator. */
async function freshOffer() {
  const target = await freshCommunity();
  const offer = await call('post /api/network/communities/:slug/series-offers', await steward(), { seriesId: world.series.id }, { slug: target.slug });
  expect(offer.status, JSON.stringify(offer.json)).toBe(201);
  return { ...target, id: String(offer.json.id) };
}
on('get /api/network/log', 'not_found', () => call('get /api/network/log', world.facilitator.token));
on('post /api/network/communities/:slug/showcase', 'not_public', async () => call('post /api/network/communities/:slug/showcase', await steward(), undefined, { slug: 'private-circle' }));
on('post /api/network/communities/:slug/series-offers', 'not_public', async () => {
  const hidden = await createSeries(t, world.facilitator.token, 'private-circle', { startDate: '2026-04-01' });
  return call('post /api/network/communities/:slug/series-offers', await steward(), { seriesId: hidden.id });
});
on('post /api/network/communities/:slug/series-offers', 'same_community', async () =>
  call('post /api/network/communities/:slug/series-offers', await steward(), { seriesId: world.series.id }));
on('post /api/network/communities/:slug/series-offers', 'community_archived', async () => {
  const target = await freshCommunity();
  await call('post /api/network/communities/:slug/archive', await steward(), undefined, { slug: target.slug });
  return call('post /api/network/communities/:slug/series-offers', await steward(), { seriesId: world.series.id }, { slug: target.slug });
});
on('post /api/network/communities/:slug/notes', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => call('post /api/network/communities/:slug/notes', token, sampleBodies.StewardNoteBody), LIMITS.stewardNotes.max);
});
on('post /api/network/communities/:slug/series-offers', 'rate_limited', async () => {
  const token = await stranger();
  return untilLimited(() => call('post /api/network/communities/:slug/series-offers', token, sampleBodies.OfferBody), LIMITS.seriesOffers.max);
});
on('get /api/communities/:slug/series-offers', 'forbidden', () => call('get /api/communities/:slug/series-offers', world.member.token));
on('post /api/series-offers/:id/accept', 'forbidden', async () => {
  const offer = await freshOffer();
  return call('post /api/series-offers/:id/accept', world.member.token, sampleBodies.AcceptOfferBody, { id: offer.id });
});
on('post /api/series-offers/:id/accept', 'offer_decided', async () => {
  const offer = await freshOffer();
  await call('post /api/series-offers/:id/decline', offer.fac, undefined, { id: offer.id });
  return call('post /api/series-offers/:id/accept', offer.fac, sampleBodies.AcceptOfferBody, { id: offer.id });
});
on('post /api/series-offers/:id/accept', 'community_archived', async () => {
  const offer = await freshOffer();
  await call('post /api/network/communities/:slug/archive', await steward(), undefined, { slug: offer.slug });
  return call('post /api/series-offers/:id/accept', offer.fac, sampleBodies.AcceptOfferBody, { id: offer.id });
});
on('post /api/series-offers/:id/decline', 'forbidden', async () => {
  const offer = await freshOffer();
  return call('post /api/series-offers/:id/decline', await steward(), undefined, { id: offer.id });
});
on('post /api/series-offers/:id/decline', 'offer_decided', async () => {
  const offer = await freshOffer();
  await call('post /api/series-offers/:id/accept', offer.fac, sampleBodies.AcceptOfferBody, { id: offer.id });
  return call('post /api/series-offers/:id/decline', offer.fac, undefined, { id: offer.id });
});

/**
 * An archived community of its own (a fresh facilitator, a member's answer, then archived by the steward), for
 * the writes an archived community refuses: 409 community_archived.
 */
let archivedWorld: Promise<{ fac: string; slug: string; promptId: number; answerId: number; entryId: number }> | undefined;
const archived = () =>
  (archivedWorld ??= (async () => {
    const fresh = await freshCommunity();
    // Answerable today: the shared clock's day.
    const today = await createSeries(t, fresh.fac, fresh.slug, { startDate: '2026-03-02' });
    const member = await stranger();
    await call('post /api/communities/:slug/join', member, {}, { slug: fresh.slug });
    const answer = await call('post /api/prompts/:id/submissions', member, { level: 'easy', body: 'Before' }, { id: String(today.prompts[0]!.id) });
    expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    const entry = await call('post /api/series/:id/publish', caller(), {});
    await call('post /api/network/communities/:slug/archive', await steward(), undefined, { slug: fresh.slug });
    return { fac: fresh.fac, slug: fresh.slug, promptId: today.prompts[0]!.id, answerId: answer.json.id, entryId: entry.json.id };
  })());
on('post /api/prompts/:id/submissions', 'community_archived', async () => {
  const a = await archived();
  return call('post /api/prompts/:id/submissions', a.fac, { level: 'hard', body: 'After' }, { id: String(a.promptId) });
});
on('post /api/submissions/:id/kudos', 'community_archived', async () => {
  const a = await archived();
  return call('post /api/submissions/:id/kudos', a.fac, sampleBodies.KudosBody, { id: String(a.answerId) });
});
on('post /api/communities/:slug/join', 'community_archived', async () => call('post /api/communities/:slug/join', await stranger(), {}, { slug: (await archived()).slug }));
on('post /api/communities/:slug/series', 'community_archived', async () => {
  const a = await archived();
  return call('post /api/communities/:slug/series', a.fac, sampleBodies.CreateSeriesBody, { slug: a.slug });
});
on('post /api/communities/:slug/series/import', 'community_archived', async () => {
  const a = await archived();
  return importCsv(a.fac, 'day,easy,hard\n1,a,b\n', a.slug);
});
on('post /api/library/:id/copy', 'community_archived', async () => {
  const a = await archived();
  return call('post /api/library/:id/copy', a.fac, { community: a.slug, startDate: '2026-04-01' }, { id: String(a.entryId) });
});

const ajv = new Ajv2020({ strict: false });

function check(r: Route, code: ErrorCode, sent: Sent) {
  const op = doc.paths[openapiPath(r.path)][r.method];
  const documented = Object.entries<any>(op.responses).find(([, res]) =>
    res.content?.['application/json']?.schema?.properties?.error?.properties?.code?.enum?.includes(code),
  );
  expect(documented, `${code} is documented`).toBeTruthy();
  const [status, response] = documented!;
  const where = `${r.method} ${r.path} ${code}: ${JSON.stringify(sent.json).slice(0, 300)}`;
  expect(sent.status, where).toBe(Number(status));
  const validate = ajv.compile({ ...response.content['application/json'].schema, $defs: undefined, components: doc.components });
  expect(validate(sent.json), `${where} ${ajv.errorsText(validate.errors)}`).toBe(true);
  expect(sent.json.error.code, where).toBe(code);
}

describe('every documented error response', () => {
  for (const r of ROUTES) {
    for (const code of errorCodes(r)) {
      it(`${r.method} ${r.path} → ${code}`, async () => {
        const provoke = own[`${r.method} ${r.path}`]?.[code] ?? (generic[code] ? () => generic[code]!(r) : undefined);
        expect(provoke, `a case that provokes ${code}`).toBeTruthy();
        check(r, code, await provoke!());
      });
    }
  }

  it('answers bad input to a page with a page (sign-in and mail links)', async () => {
    const page = async (path: string, init: RequestInit) => {
      const res = await t.app.request(path, init);
      return { status: res.status, type: res.headers.get('Content-Type'), text: await res.text() };
    };
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const cases = [
      ['get /auth/confirm', '400', await page('/auth/confirm', {})],
      ['post /auth/confirm', '400', await page('/auth/confirm', { method: 'POST', headers: form, body: 'token=' })],
      ['post /auth/confirm', '413', await page('/auth/confirm', { method: 'POST', headers: form, body: `token=${'x'.repeat(5000)}` })],
      ['get /mail/unsubscribe/{token}', '404', await page('/mail/unsubscribe/forged-token', {})],
      ['get /mail/answer/{token}', '404', await page('/mail/answer/forged-token', {})],
    ] as const;
    for (const [key, status, res] of cases) {
      const [method, path] = key.split(' ') as [string, string];
      expect(doc.paths[path][method].responses[status].content['text/html'], key).toBeTruthy();
      expect(res, key).toMatchObject({ status: Number(status), type: expect.stringContaining('text/html') });
      expect(res.text).toContain('<!doctype html>');
    }
  });

  it('has a case for every own code, and no case for a code an operation does not document', () => {
    for (const [key, cases] of Object.entries(own)) {
      const r = routeOf(key);
      expect(r, key).toBeTruthy();
      for (const code of Object.keys(cases)) expect(errorCodes(r), key).toContain(code);
    }
  });
});
