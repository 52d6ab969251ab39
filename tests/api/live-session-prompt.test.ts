/**
 * A live session's own prompt (issue 15): given when the session is scheduled, open exactly during the session,
 * answered through the one answer path (points, ledger, Idempotency-Key), kept out of the daily lists, and
 * answerable from the today page while the session is on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chatPosts, outbox, pointsLedger, prompts, series, submissions } from '../../db/schema';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
let fac: { token: string; userId: number };
let member: { token: string; userId: number };
let session: { id: number; promptId: number; startsAt: string; endsAt: string };
let daily: Awaited<ReturnType<typeof createSeries>>;

// Lisbon: UTC+0 in March, so local times read as UTC ones.
const sprint = { kind: 'sprint', title: 'Desk sprint', prompt: 'Draw your desk', hardPrompt: 'Draw your desk from above', date: '2026-03-20', time: '14:00', durationMinutes: 10 };

beforeAll(async () => {
  t = await makeTestApp('2026-03-20T09:00:00Z');
  fac = await t.userToken('fran@example.org', 'Fran');
  member = await t.userToken('mo@example.org', 'Mo');
  await createCommunity(t, fac.token, { slug: 'desks', timeZone: 'Europe/Lisbon', visibility: 'public' });
  await join(t, member.token, 'desks');
  daily = await createSeries(t, fac.token, 'desks', { startDate: '2026-03-20' });
  const res = await t.call('POST', '/api/communities/desks/live-sessions', { token: fac.token, body: sprint });
  expect(res.status, res.text).toBe(201);
  session = res.json;
});
afterAll(() => t.close());

const answer = (body: object, headers: Record<string, string> = {}, token = member.token) =>
  t.call('POST', `/api/prompts/${session.promptId}/submissions`, { token, body, headers });

describe('scheduling a session with its prompt', () => {
  it('writes a prompt of its own, in a one-prompt series, opened at the session’s start', async () => {
    expect(session.promptId).toEqual(expect.any(Number));
    const [row] = await t.db.select().from(prompts).where(eq(prompts.id, session.promptId));
    expect(row).toMatchObject({ liveSessionId: session.id, easyText: 'Draw your desk', hardText: 'Draw your desk from above', opensOn: '2026-03-20' });
    expect(row!.openedAt).toBe(Date.parse('2026-03-20T14:00:00Z'));
    const [own] = await t.db.select().from(series).where(eq(series.id, row!.seriesId));
    expect(own).toMatchObject({ liveSessionId: session.id, title: 'Desk sprint' });
  });

  it('takes the easy text as the hard one when no hard text is given; a hard text alone is refused', async () => {
    const easyOnly = await t.call('POST', '/api/communities/desks/live-sessions', { token: fac.token, body: { ...sprint, hardPrompt: undefined, date: '2026-03-21' } });
    const [row] = await t.db.select().from(prompts).where(eq(prompts.id, easyOnly.json.promptId));
    expect(row!.hardText).toBe('Draw your desk');
    const hardOnly = await t.call('POST', '/api/communities/desks/live-sessions', { token: fac.token, body: { ...sprint, prompt: undefined, date: '2026-03-21' } });
    expect(hardOnly.status).toBe(400);
    expect(hardOnly.json.error.issues.map((i: { path: string }) => i.path)).toContain('hardPrompt');
    const none = await t.call('POST', '/api/communities/desks/live-sessions', { token: fac.token, body: { ...sprint, prompt: undefined, hardPrompt: undefined, date: '2026-03-22' } });
    expect(none.json.promptId).toBeNull();
  });

  it('is managed through its session, not as a series: its series and prompt are 404 to the series routes', async () => {
    const [row] = await t.db.select().from(prompts).where(eq(prompts.id, session.promptId));
    expect((await t.call('GET', `/api/series/${row!.seriesId}`, { token: fac.token })).status).toBe(404);
    expect((await t.call('POST', `/api/series/${row!.seriesId}/pause`, { token: fac.token })).status).toBe(404);
    expect((await t.call('PATCH', `/api/prompts/${session.promptId}`, { token: fac.token, body: { easy: 'Changed' } })).status).toBe(404);
    const [after] = await t.db.select().from(prompts).where(eq(prompts.id, session.promptId));
    expect(after!.easyText).toBe('Draw your desk');
  });

  it('cancelling a session that has not started takes its prompt and series with it', async () => {
    const made = await t.call('POST', '/api/communities/desks/live-sessions', { token: fac.token, body: { ...sprint, date: '2026-03-25' } });
    const [row] = await t.db.select().from(prompts).where(eq(prompts.id, made.json.promptId));
    expect((await t.call('DELETE', `/api/live-sessions/${made.json.id}`, { token: fac.token })).status).toBe(200);
    expect(await t.db.select().from(prompts).where(eq(prompts.id, made.json.promptId))).toEqual([]);
    expect(await t.db.select().from(series).where(eq(series.id, row!.seriesId))).toEqual([]);
  });
});

describe('before the session', () => {
  it('stays out of the daily prompts, the prompts feed and the series list, and the tick leaves it alone', async () => {
    await tick(t.db, t.clock.now());
    const today = await t.call('GET', '/api/communities/desks/today', { token: member.token });
    expect(today.status).toBe(200);
    expect(today.json.prompts.map((p: { id: number }) => p.id)).toEqual([daily.prompts[0]!.id]);
    expect(JSON.stringify(today.json)).not.toContain('Draw your desk');
    const feed = await t.call('GET', '/c/desks/prompts.atom');
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('Draw a cup');
    expect(feed.text).not.toContain('Draw your desk');
    const calendar = await t.call('GET', '/c/desks/calendar.ics');
    expect(calendar.status).toBe(200);
    expect(calendar.text).toContain('Draw a cup');
    expect(calendar.text).not.toContain('Draw your desk');
    const editor = await t.app.request('/c/desks/series/new', { headers: { Authorization: `Bearer ${fac.token}` } });
    const listed = await editor.text();
    expect(listed).toContain('Warm-ups');
    expect(listed).not.toContain('Desk sprint');
  });

  it('refuses an answer a millisecond before the start with 409 session_not_live, writing nothing', async () => {
    t.clock.set('2026-03-20T13:59:59.999Z');
    const early = await answer({ level: 'easy', body: 'Too soon' });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('session_not_live');
    expect(await t.db.select().from(submissions).where(eq(submissions.promptId, session.promptId))).toEqual([]);
  });
});

describe('during the session', () => {
  it('takes answers from the start instant through the one answer path: points, ledger, Idempotency-Key', async () => {
    t.clock.set('2026-03-20T14:00:00Z');
    const key = { 'Idempotency-Key': 'desk-1' };
    const first = await answer({ level: 'easy', body: 'My desk' }, key);
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ points: 2, onTime: true });
    const again = await answer({ level: 'easy', body: 'My desk' }, key);
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    const entries = await t.db.select().from(pointsLedger).where(eq(pointsLedger.submissionId, first.json.id));
    expect(entries.map((e) => [e.reason, e.delta])).toEqual([['answer', 2]]);
    const twice = await answer({ level: 'easy', body: 'Once more' });
    expect(twice.json.error.code).toBe('already_answered');
  });

  it('is answerable from the today page, after the day’s own prompt, and the session card links to it', async () => {
    t.clock.set('2026-03-20T14:03:00Z');
    const page = await t.app.request('/c/desks', { headers: { Authorization: `Bearer ${member.token}` } });
    const html = await page.text();
    expect(html.indexOf('Draw a cup')).toBeGreaterThan(-1);
    expect(html.indexOf('Draw your desk from above')).toBeGreaterThan(html.indexOf('Draw a cup'));
    expect(html).toContain(`href="/c/desks?prompt=${session.promptId}#answer"`);
    const form = new FormData();
    for (const [k, v] of Object.entries({ promptId: String(session.promptId), level: 'hard', body: 'Desk from above', visibility: 'community', anonymous: 'false' })) form.set(k, v);
    const posted = await t.app.request('/c/desks/answer', { method: 'POST', body: form, headers: { Authorization: `Bearer ${member.token}` } });
    expect(posted.status).toBe(303);
    const rows = await t.db.select().from(submissions).where(eq(submissions.promptId, session.promptId));
    expect(rows.map((r) => r.body).sort()).toEqual(['Desk from above', 'My desk']);
  });

  it('is no series to complete: answering its one prompt earns no series badge', async () => {
    await t.settleRecognition();
    const badges = await t.call('GET', '/api/communities/desks/badges/me', { token: member.token });
    expect(badges.status).toBe(200);
    const ids = badges.json.badges.map((b: { id: string }) => b.id);
    expect(ids).toContain('first-answer');
    expect(ids).not.toContain('series-completed');
  });
});

describe('after the session', () => {
  it('refuses an answer at the end instant with 409 session_not_live, and the page groups the prompt’s answers', async () => {
    t.clock.set(session.endsAt);
    const late = await answer({ level: 'easy', body: 'Too late' }, {}, fac.token);
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('session_not_live');
    const page = await t.call('GET', `/api/live-sessions/${session.id}`, { token: member.token });
    expect(page.json.session.promptId).toBe(session.promptId);
    expect(page.json.answers.map((a: { body: string }) => a.body).sort()).toEqual(['Desk from above', 'My desk']);
    const html = await (await t.app.request(`/c/desks/live/${session.id}`, { headers: { Authorization: `Bearer ${member.token}` } })).text();
    expect(html).toContain('Desk from above');
    expect(html).not.toContain(`?prompt=${session.promptId}#answer`);
  });
});

describe('the daily reminder', () => {
  it('is never about a session’s prompt: a day with only a session prompt sends no prompt reminder', async () => {
    const d = await makeTestApp('2026-03-02T05:00:00Z');
    try {
      const host = await d.userToken('hana@example.org', 'Hana');
      const reader = await d.userToken('rui@example.org', 'Rui');
      await createCommunity(d, host.token, { slug: 'quiet' });
      await join(d, reader.token, 'quiet');
      const prefs = await d.call('PATCH', '/api/me/mail-preferences', { token: reader.token, body: { communities: [{ slug: 'quiet', mode: 'daily', hour: 7 }] } });
      expect(prefs.status, prefs.text).toBe(200);
      const made = await d.call('POST', '/api/communities/quiet/live-sessions', { token: host.token, body: { kind: 'sprint', title: 'Lunch sprint', prompt: 'Sketch your lunch', date: '2026-03-02', time: '12:00' } });
      expect(made.status, made.text).toBe(201);
      d.clock.set('2026-03-02T07:00:00Z');
      await tick(d.db, d.clock.now(), undefined, { publicUrl: 'https://kindling.example' });
      const mails = await d.db.select().from(outbox).where(eq(outbox.to, 'rui@example.org'));
      expect(mails.filter((m) => m.kind === 'reminder')).toEqual([]);
      expect(mails.map((m) => m.text).join('\n')).not.toContain('Sketch your lunch');
    } finally {
      d.close();
    }
  });
});

describe('erasure', () => {
  it('a host erasing their account cancels their sessions to come with their prompts and series', async () => {
    const hal = await t.userToken('hal@example.org', 'Hal');
    await join(t, hal.token, 'desks');
    const made = await t.call('POST', '/api/communities/desks/live-sessions', { token: fac.token, body: { ...sprint, date: '2026-04-10', hostId: hal.userId } });
    expect(made.status, made.text).toBe(201);
    const [row] = await t.db.select().from(prompts).where(eq(prompts.id, made.json.promptId));
    const erased = await t.call('DELETE', '/api/me', { token: hal.token, body: { confirm: 'delete my account' } });
    expect(erased.status, erased.text).toBe(200);
    expect(await t.db.select().from(prompts).where(eq(prompts.id, made.json.promptId))).toEqual([]);
    expect(await t.db.select().from(series).where(eq(series.id, row!.seriesId))).toEqual([]);
    expect((await t.call('GET', `/api/live-sessions/${made.json.id}`, { token: member.token })).status).toBe(404);
  });
});

describe('chat posts', () => {
  it('announce the day’s prompt, never a session’s', async () => {
    const d = await makeTestApp('2026-03-02T12:00:00Z', { CHAT_WEBHOOKS_ALLOW_LOOPBACK: 'on' });
    try {
      const host = await d.userToken('hana@example.org', 'Hana');
      await createCommunity(d, host.token, { slug: 'chatty' });
      const hook = await d.call('POST', '/api/communities/chatty/webhooks', { token: host.token, body: { url: 'http://127.0.0.1:9/hook', format: 'slack' } });
      expect(hook.status, hook.text).toBe(201);
      const daily = await createSeries(d, host.token, 'chatty', { startDate: '2026-03-02' });
      const made = await d.call('POST', '/api/communities/chatty/live-sessions', { token: host.token, body: { kind: 'sprint', title: 'Soon', prompt: 'Chat me not', date: '2026-03-02', time: '12:30' } });
      expect(made.status, made.text).toBe(201);
      d.clock.set('2026-03-02T12:35:00Z');
      await tick(d.db, d.clock.now(), undefined, { publicUrl: 'https://k.example' });
      const queued = await d.db.select({ promptId: chatPosts.promptId }).from(chatPosts);
      expect(queued.map((q) => q.promptId)).toEqual([daily.prompts[0]!.id]);
    } finally {
      d.close();
    }
  });
});
