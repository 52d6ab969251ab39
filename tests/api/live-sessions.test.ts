/** Live sessions (issue 15): scheduling at a local time, who reads what, answers grouped, .ics, host credits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { creditsLedger, liveSessions, outbox } from '../../db/schema';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
let fac: { token: string; userId: number };
let member: { token: string; userId: number };
let outsider: { token: string; userId: number };

const office = { kind: 'office_hour', title: 'Ask Ana; anything, really', date: '2026-03-29', time: '10:00', callUrl: 'https://meet.example.org/ana' };

beforeAll(async () => {
  t = await makeTestApp('2026-03-20T12:00:00Z');
  fac = await t.userToken('fran@example.org', 'Fran');
  member = await t.userToken('mo@example.org', 'Mo');
  outsider = await t.userToken('oz@example.org', 'Oz');
  await createCommunity(t, fac.token, { slug: 'paris', timeZone: 'Europe/Paris', visibility: 'public' });
  await join(t, member.token, 'paris');
  await createCommunity(t, fac.token, { slug: 'hush', timeZone: 'UTC', visibility: 'private' });
});
afterAll(() => t.close());

const schedule = (body: unknown, token = fac.token, slug = 'paris') => t.call('POST', `/api/communities/${slug}/live-sessions`, { token, body });

describe('scheduling', () => {
  it('stores the instant of the local time, DST-correct (Paris changes clocks on 2026-03-29)', async () => {
    const before = await schedule({ ...office, date: '2026-03-28' });
    const after = await schedule(office);
    expect(before.status, before.text).toBe(201);
    expect(before.json.startsAt).toBe('2026-03-28T09:00:00.000Z');
    expect(after.json.startsAt).toBe('2026-03-29T08:00:00.000Z');
    expect(after.json.endsAt).toBe('2026-03-29T09:00:00.000Z');
    expect(after.json.local).toMatchObject({ timeZone: 'Europe/Paris', day: '2026-03-29', time: '10:00', endTime: '11:00' });
    expect(after.json.state).toBe('upcoming');
    expect(after.json.host).toEqual({ id: fac.userId, name: 'Fran' });
    const [row] = await t.db.select().from(liveSessions).where(eq(liveSessions.id, after.json.id));
    expect(row!.startsAt).toBe(Date.parse('2026-03-29T08:00:00Z'));
  });

  it('refuses a time the clocks skip, a past time, a host from elsewhere, a non-https call link, and bad input', async () => {
    const cases: [unknown, string][] = [
      [{ ...office, time: '02:30' }, 'time'],
      [{ ...office, date: '2026-03-19' }, 'time'],
      [{ ...office, hostId: outsider.userId }, 'hostId'],
      [{ ...office, callUrl: 'http://meet.example.org/x' }, 'callUrl'],
      [{ ...office, kind: 'party' }, 'kind'],
      [{ ...office, time: '25:00' }, 'time'],
      [{ ...office, title: '' }, 'title'],
      [{ ...office, durationMinutes: 1000 }, 'durationMinutes'],
    ];
    for (const [body, path] of cases) {
      const res = await schedule(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('invalid_input');
      expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await t.db.select().from(liveSessions).where(eq(liveSessions.title, 'party'))).length).toBe(0);
  });

  it('is for facilitators: a member gets 403, an outsider of a private community 404, nobody signed in 401', async () => {
    expect((await schedule(office, member.token)).json.error.code).toBe('forbidden');
    expect((await schedule(office, outsider.token, 'hush')).status).toBe(404);
    expect((await t.call('POST', '/api/communities/paris/live-sessions', { body: office })).status).toBe(401);
  });
});

describe('reading', () => {
  it('lists upcoming sessions with seconds left; visitors do not get the call link', async () => {
    const asMember = await t.call('GET', '/api/communities/paris/live-sessions', { token: member.token });
    expect(asMember.status).toBe(200);
    const first = asMember.json.upcoming[0];
    expect(first.callUrl).toBe('https://meet.example.org/ana');
    expect(first.secondsLeft).toBe((Date.parse(first.startsAt) - t.clock.now().getTime()) / 1000);
    const asVisitor = await t.call('GET', '/api/communities/paris/live-sessions');
    expect(asVisitor.json.upcoming.every((s: { callUrl: unknown }) => s.callUrl === null)).toBe(true);
  });

  it('hides a private community’s sessions from outsiders, as if they did not exist', async () => {
    const made = await schedule({ ...office, date: '2026-03-30' }, fac.token, 'hush');
    expect(made.status).toBe(201);
    const hidden = await t.call('GET', `/api/live-sessions/${made.json.id}`, { token: outsider.token });
    const unknown = await t.call('GET', '/api/live-sessions/987654', { token: outsider.token });
    expect(hidden.status).toBe(404);
    expect(hidden.text).toBe(unknown.text);
    expect((await t.call('GET', `/c/hush/live/${made.json.id}/session.ics`)).status).toBe(404);
    expect((await t.call('GET', '/c/hush/live.ics')).status).toBe(404);
  });
});

describe('during and after a session', () => {
  it('groups the answers to its prompt, marks the host’s named ones, and never names an anonymous author', async () => {
    const series = await createSeries(t, fac.token, 'paris', { startDate: '2026-03-20' });
    const sprint = await schedule({ kind: 'sprint', title: 'Sprint', prompt: 'Draw your desk', date: '2026-03-20', time: '14:00', durationMinutes: 10 });
    expect(sprint.status, sprint.text).toBe(201);
    const answer = (token: string, body: object) => t.call('POST', `/api/prompts/${sprint.json.promptId}/submissions`, { token, body });
    const before = await answer(member.token, { level: 'easy', body: 'Before it' });
    expect(before.status).toBe(409);
    expect(before.json.error.code).toBe('session_not_live');
    t.clock.set('2026-03-20T13:02:00Z'); // 14:02 in Paris
    const live = await t.call('GET', `/api/live-sessions/${sprint.json.id}`, { token: member.token });
    expect(live.json.session.state).toBe('live');
    expect(live.json.session.secondsLeft).toBe(8 * 60);
    expect((await answer(fac.token, { level: 'easy', body: 'Host here', visibility: 'community' })).status).toBe(201);
    expect((await answer(fac.token, { level: 'hard', body: 'Host, unnamed', anonymous: true })).status).toBe(201);
    expect((await answer(member.token, { level: 'hard', body: 'Only facilitators', visibility: 'facilitators' })).status).toBe(201);
    // The day's own prompt, answered during the session, is not the session's.
    const daily = await t.call('POST', `/api/prompts/${series.prompts[0]!.id}/submissions`, { token: member.token, body: { level: 'easy', body: 'Daily, meanwhile' } });
    expect(daily.status).toBe(201);
    t.clock.set('2026-03-20T13:30:00Z');
    const after = await t.call('GET', `/api/live-sessions/${sprint.json.id}`, { token: outsider.token });
    expect(after.json.session.state).toBe('ended');
    const bodies = after.json.answers.map((a: { body: string }) => a.body);
    // An outsider of a public community reads public answers only: none were public.
    expect(bodies).toEqual([]);
    const asMember = await t.call('GET', `/api/live-sessions/${sprint.json.id}`, { token: member.token });
    const byBody = Object.fromEntries(asMember.json.answers.map((a: { body: string }) => [a.body, a]));
    expect(Object.keys(byBody).sort()).toEqual(['Host here', 'Host, unnamed', 'Only facilitators']);
    expect(byBody['Host here']).toMatchObject({ author: 'Fran', byHost: true });
    expect(byBody['Host, unnamed']).toMatchObject({ author: null, byHost: false, createdAt: '2026-03-20T13:00:00.000Z' });
    expect(byBody['Host, unnamed'].id).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(asMember.json.answers)).not.toContain('Daily, meanwhile');
  });

  it('credits the host once the session has ended, once, in the ledger', async () => {
    const before = await t.db.select().from(creditsLedger).where(eq(creditsLedger.userId, fac.userId));
    await tick(t.db, t.clock.now());
    await tick(t.db, t.clock.now());
    const after = await t.db.select().from(creditsLedger).where(eq(creditsLedger.userId, fac.userId));
    const hosted = after.filter((e) => e.reason === 'session_hosted');
    expect(hosted.length - before.length).toBe(1);
    expect(hosted[0]!.delta).toBe(2);
    const mine = await t.call('GET', '/api/communities/paris/credits/me', { token: fac.token });
    expect(mine.json.balance).toBe(2);
  });

  it('cancels only what has not started', async () => {
    const { json: list } = await t.call('GET', '/api/communities/paris/live-sessions', { token: fac.token });
    const upcoming = list.upcoming[0];
    expect((await t.call('DELETE', `/api/live-sessions/${upcoming.id}`, { token: member.token })).status).toBe(403);
    expect((await t.call('DELETE', `/api/live-sessions/${upcoming.id}`, { token: fac.token })).status).toBe(200);
    const ended = list.past[0];
    const refused = await t.call('DELETE', `/api/live-sessions/${ended.id}`, { token: fac.token });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('session_started');
  });
});

describe('calendar', () => {
  it('gives one event in UTC with its text escaped, and a feed of upcoming sessions for a public community', async () => {
    const { json } = await schedule({ ...office, date: '2026-04-02', title: 'Ask Ana; a, b\\c' });
    const res = await t.call('GET', `/c/paris/live/${json.id}/session.ics`, { token: member.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/calendar/);
    expect(res.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(res.text).toContain('DTSTART:20260402T080000Z\r\n');
    expect(res.text).toContain('DTEND:20260402T090000Z\r\n');
    expect(res.text).toContain('SUMMARY:Ask Ana\\; a\\, b\\\\c\r\n');
    expect(res.text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const feed = await t.call('GET', '/c/paris/live.ics');
    expect(feed.status).toBe(200);
    expect(feed.text).toContain(`UID:live-session-${json.id}@`);
    expect(feed.text).not.toContain('meet.example.org');
  });
});

describe('the weekly digest', () => {
  it('announces the coming week’s sessions at their local time, with their page', async () => {
    const d = await makeTestApp('2026-03-27T12:00:00Z'); // a Friday
    try {
      const host = await d.userToken('hana@example.org', 'Hana');
      const reader = await d.userToken('rui@example.org', 'Rui');
      await createCommunity(d, host.token, { slug: 'lyon', timeZone: 'Europe/Paris' });
      await join(d, reader.token, 'lyon');
      const soon = await d.call('POST', '/api/communities/lyon/live-sessions', {
        token: host.token,
        body: { kind: 'office_hour', title: 'Ask Hana', date: '2026-04-01', time: '18:30' },
      });
      const later = await d.call('POST', '/api/communities/lyon/live-sessions', {
        token: host.token,
        body: { kind: 'sprint', title: 'Too far ahead', date: '2026-04-20', time: '09:00' },
      });
      expect([soon.status, later.status]).toEqual([201, 201]);
      // Monday 30 March, 08:00 in Paris (summer time since Sunday): the default digest slot.
      d.clock.set('2026-03-30T06:00:00Z');
      await tick(d.db, d.clock.now(), undefined, { publicUrl: 'https://kindling.example' });
      const [digest] = await d.db.select().from(outbox).where(and(eq(outbox.to, 'rui@example.org'), eq(outbox.kind, 'digest')));
      expect(digest, 'a digest was queued').toBeTruthy();
      expect(digest!.text).toContain('Live sessions this week');
      expect(digest!.text).toContain(`- 2026-04-01 18:30 (Europe/Paris): Ask Hana https://kindling.example/c/lyon/live/${soon.json.id}`);
      expect(digest!.html).toContain(`<a href="https://kindling.example/c/lyon/live/${soon.json.id}">Ask Hana</a>`);
      expect(digest!.text).not.toContain('Too far ahead');
    } finally {
      d.close();
    }
  });
});

describe('the daily reminder', () => {
  it('announces the sessions of the coming day under the day’s prompt', async () => {
    const d = await makeTestApp('2026-03-02T05:00:00Z');
    try {
      const host = await d.userToken('hana@example.org', 'Hana');
      const reader = await d.userToken('rui@example.org', 'Rui');
      await createCommunity(d, host.token, { slug: 'daily' });
      await createSeries(d, host.token, 'daily', { startDate: '2026-03-02' });
      await join(d, reader.token, 'daily');
      const prefs = await d.call('PATCH', '/api/me/mail-preferences', { token: reader.token, body: { communities: [{ slug: 'daily', mode: 'daily', hour: 7 }] } });
      expect(prefs.status, prefs.text).toBe(200);
      const schedule = (title: string, date: string, time: string, prompt?: string) =>
        d.call('POST', '/api/communities/daily/live-sessions', { token: host.token, body: { kind: 'sprint', title, date, time, prompt } });
      // With a prompt of its own: that prompt is the session's, never the day's prompt in the reminder.
      const today = await schedule('Lunch sprint', '2026-03-02', '12:00', 'Sketch your lunch');
      expect((await schedule('Next week', '2026-03-09', '12:00')).status).toBe(201);
      d.clock.set('2026-03-02T07:00:00Z');
      await tick(d.db, d.clock.now(), undefined, { publicUrl: 'https://kindling.example' });
      const [reminder] = await d.db.select().from(outbox).where(and(eq(outbox.to, 'rui@example.org'), eq(outbox.kind, 'reminder')));
      expect(reminder, 'a reminder was queued').toBeTruthy();
      expect(reminder!.text).toContain('Live sessions in the coming day');
      expect(reminder!.text).toContain(`- 2026-03-02 12:00 (UTC): Lunch sprint https://kindling.example/c/daily/live/${today.json.id}`);
      expect(reminder!.text).not.toContain('Next week');
      expect(reminder!.text).toContain('Draw a cup');
      expect(reminder!.text).not.toContain('Sketch your lunch');
    } finally {
      d.close();
    }
  });
});
