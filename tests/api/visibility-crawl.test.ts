/**
 * One visibility rule (issue 20), checked from the outside: a community holding a public named answer (the
 * control), a members-only one, a facilitators-only one, an anonymous one, a hidden one (with an image) and
 * a removed one; then every route that shows answers, read as a visitor, an outsider, a member, the hidden
 * answer's author and a facilitator. What a viewer may not read never appears in any body, and the
 * anonymous author is never named, except to the community's facilitators.
 */
import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shoutoutRolls, submissions, users } from '../../db/schema';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';
import { png, uploadRaw } from '../helpers/images';

let t: TestApp;
const slug = 'open-circle';
const ids: Record<string, number> = {};
let promptId: number;
let anonPublicId: string;
let hiddenImage: string;
let memberFeed: string;
const tokens: Record<string, string | undefined> = {};
const authors: Record<string, number> = {};

beforeAll(async () => {
  t = await makeTestApp();
  const fran = await t.userToken('fran@example.org', 'Fran');
  await createCommunity(t, fran.token, { slug });
  const series = await createSeries(t, fran.token, slug, { startDate: '2026-03-02' });
  promptId = series.prompts[0]!.id;
  tokens.facilitator = fran.token;
  tokens.visitor = undefined;
  const people: Record<string, { token: string; userId: number }> = {};
  for (const [key, name] of [['ada', 'Ada'], ['bea', 'Bea'], ['cal', 'Cal'], ['zeb', 'Zebulon Quill'], ['mo', 'Mo']] as const) {
    people[key] = await t.userToken(`${key}@example.org`, name);
    await join(t, people[key].token, slug);
    authors[key] = people[key].userId;
    // Everyone allows a public profile, so profiles are crawled too.
    expect((await t.call('PATCH', '/api/me', { token: people[key].token, body: { publicProfile: true } })).status).toBe(200);
  }
  tokens.member = people.mo!.token;
  tokens.author = people.bea!.token;
  tokens.outsider = (await t.userToken('oz@example.org', 'Oz')).token;
  // A steward of the network, who reads every community as its facilitators do.
  const steward = await t.userToken('stella@example.org', 'Stella');
  await t.db.update(users).set({ isSteward: true }).where(eq(users.id, steward.userId));
  tokens.steward = steward.token;
  const post = async (who: string, marker: string, body: Record<string, unknown>) => {
    const res = await t.call('POST', `/api/prompts/${promptId}/submissions`, {
      token: people[who]!.token,
      body: { level: 'easy', body: `${marker} text`, visibility: 'public', anonymous: false, ...body },
    });
    expect(res.status, res.text).toBe(201);
    ids[marker] = res.json.id;
  };
  await post('ada', 'PUBLIC-OK', {});
  await post('ada', 'MEMBERS-ONLY', { level: 'hard', visibility: 'community' });
  await post('bea', 'FACILITATORS-ONLY', { visibility: 'facilitators' });
  hiddenImage = (await uploadRaw(t, png(8, 8), { token: people.bea!.token })).json.id;
  await post('bea', 'HIDDEN-ANSWER', { level: 'hard', imageId: hiddenImage });
  await post('cal', 'REMOVED-ANSWER', {});
  await post('zeb', 'ANON-ANSWER', { anonymous: true });
  anonPublicId = (await t.db.select({ p: submissions.publicId }).from(submissions).where(eq(submissions.id, ids['ANON-ANSWER']!)))[0]!.p!;
  // Encouraged and spotlighted, so the week's roll would celebrate them if it could.
  for (const marker of ['PUBLIC-OK', 'HIDDEN-ANSWER', 'REMOVED-ANSWER']) {
    expect((await t.call('POST', `/api/submissions/${ids[marker]}/kudos`, { token: tokens.member, body: { kind: 'applause' } })).status).toBe(200);
    expect((await t.call('POST', `/api/submissions/${ids[marker]}/spotlight`, { token: fran.token, body: {} })).status).toBe(200);
  }
  expect((await t.call('POST', `/api/submissions/${anonPublicId}/kudos`, { token: tokens.member, body: { kind: 'applause' } })).status).toBe(200);
  const feed = await t.call('POST', `/api/communities/${slug}/feed-token`, { token: tokens.member });
  memberFeed = new URL(feed.json.gallery).pathname;
  // The week ends; its roll is written while the answers are still visible, so it holds them: the roll
  // must check them again when read.
  t.clock.set('2026-03-10T12:00:00Z');
  await tick(t.db, t.clock.now());
  const [roll] = await t.db.select().from(shoutoutRolls);
  expect(roll!.content.spotlights).toEqual(expect.arrayContaining([ids['HIDDEN-ANSWER'], ids['REMOVED-ANSWER']]));
  expect((await t.call('POST', `/api/submissions/${ids['HIDDEN-ANSWER']}/moderation/hide`, { token: fran.token })).status).toBe(200);
  expect((await t.call('POST', `/api/submissions/${ids['REMOVED-ANSWER']}/moderation/remove`, { token: fran.token })).status).toBe(200);
});
afterAll(() => t.close());

type Viewer = 'visitor' | 'outsider' | 'member' | 'author' | 'facilitator' | 'steward';
const VIEWERS = ['visitor', 'outsider', 'member', 'author', 'facilitator', 'steward'] as const;
/** What each viewer must never read. The author (Bea) wrote the facilitators-only and the hidden answers. */
const FORBIDDEN: Record<Viewer, string[]> = {
  visitor: ['MEMBERS-ONLY', 'FACILITATORS-ONLY', 'HIDDEN-ANSWER', 'REMOVED-ANSWER', 'Zebulon', 'Quill'],
  outsider: ['MEMBERS-ONLY', 'FACILITATORS-ONLY', 'HIDDEN-ANSWER', 'REMOVED-ANSWER', 'Zebulon', 'Quill'],
  member: ['FACILITATORS-ONLY', 'HIDDEN-ANSWER', 'REMOVED-ANSWER', 'Zebulon', 'Quill'],
  author: ['REMOVED-ANSWER', 'Zebulon', 'Quill'],
  facilitator: ['REMOVED-ANSWER'],
  steward: ['REMOVED-ANSWER'],
};

const answerRoutes = () => [
  `/api/prompts/${promptId}/gallery`,
  `/api/prompts/${promptId}/gallery?level=hard`,
  `/c/${slug}/p/${promptId}`,
  ...Object.values(ids).map((id) => `/a/${id}`),
  `/a/${anonPublicId}`,
  `/api/communities/${slug}/weeks/2026-W10`,
  `/c/${slug}/week/2026-W10`,
  `/c/${slug}/gallery.atom`,
  `/api/communities/${slug}/leaderboard?period=all`,
  `/api/communities/${slug}/leaderboard?period=week&week=2026-03-02`,
  `/c/${slug}/leaderboard`,
  `/api/communities/${slug}/today`,
  `/c/${slug}`,
  // Profiles of everyone but the anonymous author (whose own profile names him, and is checked below).
  ...['ada', 'bea', 'cal', 'mo'].flatMap((k) => [`/api/users/${authors[k]}/profile`, `/u/${authors[k]}`]),
];

/**
 * The other readable routes that carry answers or what was done to them: the facilitators' queues and exports,
 * analytics, the stewards' network, and each viewer's own notifications, badges, nudges, profile page and data
 * export (the member encouraged the hidden and removed answers: their export must not carry those answers' text).
 */
const moreReadableRoutes = () => [
  ...Object.values(ids).map((id) => `/api/submissions/${id}/share`),
  `/api/communities/${slug}/spotlight-queue`,
  `/c/${slug}/spotlights`,
  `/api/communities/${slug}/moderation`,
  `/c/${slug}/moderation`,
  `/api/communities/${slug}/export`,
  `/api/communities/${slug}/analytics`,
  `/api/communities/${slug}/analytics.csv`,
  `/c/${slug}/analytics`,
  `/api/communities/${slug}/ladder/funnel`,
  `/api/network`,
  `/api/network.csv`,
  `/network`,
  `/api/me/notifications`,
  `/api/me/nudges`,
  `/api/communities/${slug}/badges/me`,
  `/api/me/export`,
  `/me`,
];

/** A response's text; for a ZIP (the data exports), the text of every file in it, so a leak cannot hide there. */
async function readAll(path: string, token: string | undefined) {
  const res = await t.app.request(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const zipped = res.headers.get('content-type')?.startsWith('application/zip') ?? false;
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  const text = zipped ? Object.values(unzipSync(bytes)).map(decode).join('\n') : decode(bytes);
  return { status: res.status, headers: res.headers, text, zipped };
}

describe('every route that shows answers', () => {
  it('includes the queues, exports, analytics, the network and each viewer’s own pages, read by every viewer', async () => {
    const readable = new Set<string>();
    const zips = new Set<string>();
    const texts = new Map<string, string>();
    for (const viewer of VIEWERS) {
      for (const path of moreReadableRoutes()) {
        const res = await readAll(path, tokens[viewer]);
        expect(res.status, `${viewer} ${path}`).toBeLessThan(500);
        // Compressed or binary bodies would hide a leak from this check: every readable body here is text.
        expect(res.headers.get('content-encoding'), `${viewer} ${path}`).toBeNull();
        if (res.status === 200) readable.add(`${viewer} ${path}`);
        if (res.zipped) zips.add(`${viewer} ${path}`);
        texts.set(`${viewer} ${path}`, res.text);
        for (const secret of FORBIDDEN[viewer]) expect(res.text, `${secret} in ${viewer} ${path}`).not.toContain(secret);
      }
    }
    // Not vacuous: the facilitators' and stewards' views, and each member's own data, were read.
    for (const read of [
      `facilitator /api/communities/${slug}/moderation`,
      `facilitator /api/communities/${slug}/export`,
      `facilitator /api/communities/${slug}/spotlight-queue`,
      'steward /api/network',
      'member /api/me/export',
      'author /api/me/export',
      'member /me',
    ]) {
      expect(readable, read).toContain(read);
    }
    // The exports were opened (ZIPs), and each view holds what its reader may read: the hidden answer for
    // the facilitators and its author, the anonymous author's name for the facilitators' spotlight queue.
    expect(zips).toEqual(new Set(['member', 'author', 'facilitator', 'steward', 'outsider'].map((v) => `${v} /api/me/export`).concat(
      [`facilitator /api/communities/${slug}/export`],
    )));
    // The community export holds every answer: its own facilitators only, never a steward who is not one.
    expect(readable).not.toContain(`steward /api/communities/${slug}/export`);
    expect(texts.get(`facilitator /api/communities/${slug}/export`)).toContain('HIDDEN-ANSWER');
    expect(texts.get(`facilitator /api/communities/${slug}/moderation`)).toContain('HIDDEN-ANSWER');
    expect(texts.get('author /api/me/export')).toContain('HIDDEN-ANSWER');
    expect(texts.get(`facilitator /api/communities/${slug}/spotlight-queue`)).toContain('Zebulon');
  });

  for (const viewer of VIEWERS) {
    it(`shows a ${viewer} nothing the visibility rule keeps from them`, async () => {
      for (const path of answerRoutes()) {
        const res = await t.call('GET', path, { token: tokens[viewer] });
        expect(res.status, `${viewer} ${path}`).toBeLessThan(500);
        for (const secret of FORBIDDEN[viewer]) expect(res.text, `${secret} in ${viewer} ${path}`).not.toContain(secret);
      }
      // The anonymous author's profile never lists the anonymous answer.
      for (const path of [`/api/users/${authors.zeb}/profile`, `/u/${authors.zeb}`]) {
        const res = await t.call('GET', path, { token: tokens[viewer] });
        expect(res.status).toBe(200);
        expect(res.text).not.toContain('ANON-ANSWER');
      }
    });
  }

  it('is not vacuous: each viewer reads exactly the answers the rule gives them', async () => {
    const gallery = async (viewer: Viewer) =>
      (await t.call('GET', `/api/prompts/${promptId}/gallery`, { token: tokens[viewer] })).json.items
        .map((i: { body: string; hidden?: true }) => `${i.body.replace(' text', '')}${i.hidden ? ' (hidden)' : ''}`)
        .sort();
    expect(await gallery('visitor')).toEqual(['ANON-ANSWER', 'PUBLIC-OK']);
    expect(await gallery('outsider')).toEqual(['ANON-ANSWER', 'PUBLIC-OK']);
    expect(await gallery('member')).toEqual(['ANON-ANSWER', 'MEMBERS-ONLY', 'PUBLIC-OK']);
    expect(await gallery('author')).toEqual(['ANON-ANSWER', 'FACILITATORS-ONLY', 'HIDDEN-ANSWER (hidden)', 'MEMBERS-ONLY', 'PUBLIC-OK']);
    expect(await gallery('facilitator')).toEqual(['ANON-ANSWER', 'FACILITATORS-ONLY', 'HIDDEN-ANSWER (hidden)', 'MEMBERS-ONLY', 'PUBLIC-OK']);
    // The roll exists and celebrates the control answer only.
    const roll = await t.call('GET', `/api/communities/${slug}/weeks/2026-W10`);
    expect(roll.status, roll.text).toBe(200);
    expect(roll.text).toContain('PUBLIC-OK');
    // The public feed carries the control answer; the member's secret feed adds members-only, nothing more.
    expect((await t.call('GET', `/c/${slug}/gallery.atom`)).text).toContain('PUBLIC-OK');
    const secret = await t.call('GET', memberFeed);
    expect(secret.status).toBe(200);
    expect(secret.text).toContain('MEMBERS-ONLY');
    for (const hidden of ['FACILITATORS-ONLY', 'HIDDEN-ANSWER', 'REMOVED-ANSWER', 'Zebulon']) expect(secret.text).not.toContain(hidden);
    // Profiles list the public named answer, never a hidden one (not even its author's own, as a visitor sees it).
    expect((await t.call('GET', `/api/users/${authors.ada}/profile`)).text).toContain('PUBLIC-OK');
    expect((await t.call('GET', `/api/users/${authors.bea}/profile`, { token: tokens.author })).text).not.toContain('HIDDEN-ANSWER');
    // The anonymous answer: the facilitators alone learn who wrote it.
    expect((await t.call('GET', `/api/prompts/${promptId}/gallery`, { token: tokens.facilitator })).text).toContain('Zebulon Quill');
  });

  it('reads without writing: no route crawled here writes, for any viewer, but the two read-through caches', async () => {
    const writes: string[] = [];
    // Derived figures cached on first read (analytics, the network's): a cache fill, not a change of state.
    // Rate-limit counters count requests, reads included, on purpose.
    const allowed = /^\s*insert into "(community_analytics|network_figures)"|"rate_limit_counters"/i;
    const isWrite = (s: string) => /^\s*(insert|update|delete|replace)\b/i.test(s) && !allowed.test(s);
    const text = (s: unknown) => (typeof s === 'string' ? s : (s as { sql: string }).sql);
    const { execute, batch } = t.client;
    t.client.execute = ((stmt: Parameters<typeof execute>[0], ...rest: unknown[]) => {
      if (isWrite(text(stmt))) writes.push(text(stmt).slice(0, 60));
      return (execute as (...a: unknown[]) => ReturnType<typeof execute>).call(t.client, stmt, ...rest);
    }) as typeof execute;
    t.client.batch = ((stmts: Parameters<typeof batch>[0], ...rest: unknown[]) => {
      for (const s of stmts) if (isWrite(text(s))) writes.push(text(s).slice(0, 60));
      return (batch as (...a: unknown[]) => ReturnType<typeof batch>).call(t.client, stmts, ...rest);
    }) as typeof batch;
    try {
      for (const viewer of VIEWERS) {
        for (const path of [...answerRoutes(), ...moreReadableRoutes()]) {
          const before = writes.length;
          await readAll(path, tokens[viewer]);
          if (writes.length > before) writes.push(`^ by ${viewer} ${path}`);
        }
      }
    } finally {
      t.client.execute = execute;
      t.client.batch = batch;
    }
    expect(writes).toEqual([]);
  });

  it('serves the hidden answer’s image only to its author and the facilitators', async () => {
    const statuses: Record<string, number> = {};
    for (const viewer of ['visitor', 'outsider', 'member', 'author', 'facilitator'] as const) {
      statuses[viewer] = (await t.call('GET', `/api/images/${hiddenImage}`, { token: tokens[viewer] })).status;
    }
    expect(statuses).toEqual({ visitor: 404, outsider: 404, member: 404, author: 200, facilitator: 200 });
  });

  it('answers a hidden or removed answer’s permalink like one that never existed', async () => {
    for (const viewer of ['visitor', 'outsider', 'member'] as const) {
      expect((await t.call('GET', `/a/${ids['HIDDEN-ANSWER']}`, { token: tokens[viewer] })).status).toBe(404);
    }
    for (const viewer of ['visitor', 'outsider', 'member', 'author', 'facilitator'] as const) {
      expect((await t.call('GET', `/a/${ids['REMOVED-ANSWER']}`, { token: tokens[viewer] })).status).toBe(404);
    }
    expect((await t.call('GET', `/a/${ids['HIDDEN-ANSWER']}`, { token: tokens.author })).status).toBe(200);
    expect((await t.call('GET', `/a/${ids['HIDDEN-ANSWER']}`, { token: tokens.facilitator })).status).toBe(200);
  });
});
