/**
 * Issue 11, the member-facing mail: preferences (API and profile form), the tick's reminders and digests,
 * one-click unsubscribe (RFC 8058) and the signed answer link. Mail is read back from the outbox.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailPreferences, outbox, submissions } from '../../db/schema';
import { storedHeaders } from '../../src/domain/mail/queue';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
afterEach(() => t.close());

type Mail = typeof outbox.$inferSelect;
/** Every reminder and digest queued so far, kept here because the tick forgets outbox rows after a day. */
let queued: Mail[] = [];
const mailsTo = async (email: string) => queued.filter((m) => m.to === email);
const waitingFor = (email: string) => t.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(asc(outbox.id));
async function runTick() {
  const result = await tick(t.db, t.clock.now(), undefined, { publicUrl: 'https://kindling.example' });
  const seen = new Set(queued.map((m) => m.id));
  queued.push(...(await t.db.select().from(outbox).where(inArray(outbox.kind, ['reminder', 'digest']))).filter((m) => !seen.has(m.id)));
  return result;
}
const pathOf = (url: string) => new URL(url).pathname;

/** Monday 2 March 2026, 06:00 UTC: a UTC community whose daily series starts today, a facilitator and a member. */
async function setup() {
  t = await makeTestApp('2026-03-02T06:00:00Z');
  queued = [];
  const fran = await t.userToken('fran@example.org', 'Fran');
  const mo = await t.userToken('mo@example.org', 'Mo');
  await createCommunity(t, fran.token, { slug: 'sketchers', name: 'Sketchers' });
  const series = await createSeries(t, fran.token, 'sketchers', {
    startDate: '2026-03-02',
    prompts: Array.from({ length: 14 }, (_, i) => ({ easy: `Easy ${i + 1}`, hard: `Hard ${i + 1}` })),
  });
  await join(t, mo.token, 'sketchers');
  await runTick(); // opens today's prompt
  return { fran, mo, series };
}

describe('mail preferences', () => {
  beforeEach(async () => {
    await setup();
  });

  it('default to the weekly digest at 08:00, and change per community in one PATCH', async () => {
    const mo = await t.userToken('mo@example.org');
    const before = await t.call('GET', '/api/me/mail-preferences', { token: mo.token });
    expect(before.status).toBe(200);
    expect(before.json).toEqual({
      lang: 'en',
      communities: [{ slug: 'sketchers', name: 'Sketchers', timeZone: 'UTC', mode: 'weekly', hour: 8, pausedUntil: null, steppedDown: false }],
    });
    const after = await t.call('PATCH', '/api/me/mail-preferences', {
      token: mo.token,
      body: { lang: 'fr', communities: [{ slug: 'sketchers', mode: 'daily', hour: 7, pauseWeeks: 2 }] },
    });
    expect(after.status, after.text).toBe(200);
    expect(after.json.lang).toBe('fr');
    expect(after.json.communities[0]).toMatchObject({ mode: 'daily', hour: 7, pausedUntil: '2026-03-16T06:00:00.000Z' });
  });

  it('refuse bad input (400) and a community the member is not in (404), writing nothing', async () => {
    const mo = await t.userToken('mo@example.org');
    const bad = await t.call('PATCH', '/api/me/mail-preferences', { token: mo.token, body: { communities: [{ slug: 'sketchers', hour: 24 }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_input');
    const weeks = await t.call('PATCH', '/api/me/mail-preferences', { token: mo.token, body: { communities: [{ slug: 'sketchers', pauseWeeks: 9 }] } });
    expect(weeks.status).toBe(400);
    const other = await t.call('PATCH', '/api/me/mail-preferences', {
      token: mo.token,
      body: { communities: [{ slug: 'sketchers', mode: 'daily' }, { slug: 'nowhere', mode: 'off' }] },
    });
    expect(other.status).toBe(404);
    expect(await t.db.select().from(mailPreferences)).toEqual([]);
    expect((await t.call('GET', '/api/me/mail-preferences')).status).toBe(401);
  });

  it('are on the profile page, and its form saves them without JavaScript', async () => {
    const { signIn } = await import('../helpers/sign-in');
    const { cookie } = await signIn(t, 'mo@example.org');
    const page = await t.app.request('/me', { headers: { Cookie: cookie } });
    const html = await page.text();
    expect(html).toContain('id="mail-heading"');
    expect(html).toContain('name="mode:sketchers"');
    expect(html).toMatch(/<option selected value="weekly">/);
    expect(html).toMatch(/<option selected value="8">08:00<\/option>/);
    const saved = await t.app.request('/me/mail', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
      body: 'lang=fr&mode%3Asketchers=daily&hour%3Asketchers=18&pause%3Asketchers=',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('Location')).toBe('/me?saved=mail#mail-heading');
    const [row] = await t.db.select().from(mailPreferences);
    expect(row).toMatchObject({ mode: 'daily', hour: 18, pausedUntil: null });
    const again = await (await t.app.request('/me?saved=mail', { headers: { Cookie: cookie } })).text();
    expect(again).toContain('Mail settings saved.');
    expect(again).toMatch(/<option selected value="fr">/);
  });
});

describe('reminders and digests through tick(now)', () => {
  it('send the daily prompt at the chosen local hour, once, with text, HTML and RFC 8058 headers', async () => {
    const { mo } = await setup();
    await t.call('PATCH', '/api/me/mail-preferences', { token: mo.token, body: { communities: [{ slug: 'sketchers', mode: 'daily', hour: 7 }] } });
    t.clock.set('2026-03-02T06:59:00Z');
    await runTick();
    expect(await mailsTo('mo@example.org')).toHaveLength(0);
    t.clock.set('2026-03-02T07:00:00Z');
    expect((await runTick()).mailed).toBe(1);
    await runTick(); // the same minute again
    t.clock.set('2026-03-02T07:30:00Z');
    await runTick();
    const mails = await mailsTo('mo@example.org');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.kind).toBe('reminder');
    expect(mail.subject).toBe('Today in Sketchers: a two-minute prompt');
    expect(mail.text).toContain('Easy: Easy 1');
    expect(mail.html).toContain('<a href="https://kindling.example/mail/answer/');
    const headers = storedHeaders(mail.headers);
    expect(headers['List-Unsubscribe']).toMatch(/^<https:\/\/kindling\.example\/mail\/unsubscribe\/[A-Za-z0-9_.-]+>$/);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['List-Id']).toBe('<sketchers.reminders.kindling.example>');
  });

  it('never send twice when two rounds race in the same minute (the unique key on member and day)', async () => {
    const { mo } = await setup();
    await t.call('PATCH', '/api/me/mail-preferences', { token: mo.token, body: { communities: [{ slug: 'sketchers', mode: 'daily', hour: 7 }] } });
    t.clock.set('2026-03-02T07:00:00Z');
    const { runReminders } = await import('../../src/jobs/reminders');
    const results = await Promise.all([1, 2, 3].map(() => runReminders(t.db, t.clock.now())));
    expect(results.reduce((n, r) => n + r.queued, 0)).toBe(1);
    expect(await waitingFor('mo@example.org')).toHaveLength(1);
  });

  it('send the weekly digest on Monday at 08:00 by default, in the member’s language', async () => {
    const { fran } = await setup();
    await t.call('PATCH', '/api/me/mail-preferences', { token: fran.token, body: { lang: 'fr' } });
    t.clock.set('2026-03-02T08:00:00Z');
    await runTick();
    const [digest, ...more] = await mailsTo('fran@example.org');
    expect(more).toHaveLength(0);
    expect(digest!.kind).toBe('digest');
    expect(digest!.subject).toBe('Votre semaine dans Sketchers');
    expect(digest!.text).toContain('Facile : Easy 1');
    expect(digest!.text).toContain('Ces sept derniers jours, vous avez répondu 0 jour.');
    // Not again on Tuesday, nor the next days.
    for (let day = 3; day <= 8; day++) {
      t.clock.set(`2026-03-0${day}T08:00:00Z`);
      await runTick();
    }
    expect(await mailsTo('fran@example.org')).toHaveLength(1);
  });

  it('put the member’s rhythm, goal and encouragement received in the digest', async () => {
    const { fran, mo } = await setup();
    expect((await t.call('PATCH', '/api/communities/sketchers/rhythm/me', { token: mo.token, body: { goal: 3 } })).status).toBe(200);
    let answerId = 0;
    for (const day of ['03', '04']) {
      t.clock.set(`2026-03-${day}T09:00:00Z`);
      await runTick();
      const today = await t.call('GET', '/api/communities/sketchers/today', { token: mo.token });
      const res = await t.call('POST', `/api/prompts/${today.json.prompts[0].id}/submissions`, { token: mo.token, body: { level: 'easy', body: `Day ${day}` } });
      expect(res.status).toBe(201);
      answerId = res.json.id;
    }
    expect((await t.call('POST', `/api/submissions/${answerId}/kudos`, { token: fran.token, body: { kind: 'applause' } })).status).toBeLessThan(300);
    t.clock.set('2026-03-09T00:00:00Z');
    await runTick();
    t.clock.set('2026-03-09T08:00:00Z');
    await runTick();
    const digest = (await mailsTo('mo@example.org')).at(-1)!;
    expect(digest.kind).toBe('digest');
    expect(digest.text).toContain('In the last seven days you answered on 2 days. Your rhythm goal: 3 days a week.');
    expect(digest.text).toContain('Your answers received 1 encouragement.');
  });

  it('merge several communities into one mail a day, at the earliest chosen hour', async () => {
    const { fran, mo } = await setup();
    await createCommunity(t, fran.token, { slug: 'writers', name: 'Writers', timeZone: 'Europe/Paris' });
    await createSeries(t, fran.token, 'writers', { startDate: '2026-03-02' });
    await join(t, mo.token, 'writers');
    await runTick();
    await t.call('PATCH', '/api/me/mail-preferences', {
      token: mo.token,
      body: { communities: [{ slug: 'sketchers', mode: 'daily', hour: 10 }, { slug: 'writers', mode: 'daily', hour: 9 }] },
    });
    for (let h = 7; h <= 23; h++) {
      t.clock.set(`2026-03-03T${String(h).padStart(2, '0')}:00:00Z`);
      await runTick();
    }
    const mails = await mailsTo('mo@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.createdAt).toBe(Date.parse('2026-03-03T08:00:00Z')); // 09:00 in Paris
    expect(mails[0]!.text).toContain('Today in Sketchers');
    expect(mails[0]!.text).toContain('Today in Writers');
    expect(storedHeaders(mails[0]!.headers)['List-Id']).toBe('<reminders.kindling.example>');
  });

  it('step down to the weekly digest after three silent daily mails, say so, and step back up after an answer', async () => {
    const { mo } = await setup();
    await t.call('PATCH', '/api/me/mail-preferences', { token: mo.token, body: { communities: [{ slug: 'sketchers', mode: 'daily', hour: 7 }] } });
    for (const day of ['03', '04', '05', '06', '07']) {
      t.clock.set(`2026-03-${day}T00:00:00Z`);
      await runTick();
      t.clock.set(`2026-03-${day}T07:00:00Z`);
      await runTick();
    }
    // Tuesday, Wednesday, Thursday: daily mail; Friday: stepped down, nothing until Monday's digest.
    expect((await mailsTo('mo@example.org')).map((m) => m.kind)).toEqual(['reminder', 'reminder', 'reminder']);
    const prefs = await t.call('GET', '/api/me/mail-preferences', { token: mo.token });
    expect(prefs.json.communities[0]).toMatchObject({ mode: 'daily', steppedDown: true });
    t.clock.set('2026-03-09T00:00:00Z');
    await runTick();
    t.clock.set('2026-03-09T07:00:00Z');
    await runTick();
    const digest = (await mailsTo('mo@example.org')).at(-1)!;
    expect(digest.kind).toBe('digest');
    expect(digest.text).toContain('The last three daily mails went unopened and unanswered');
    // An answer steps daily mail back up from the next day.
    const today = await t.call('GET', '/api/communities/sketchers/today', { token: mo.token });
    const answered = await t.call('POST', `/api/prompts/${today.json.prompts[0].id}/submissions`, { token: mo.token, body: { level: 'easy', body: 'A mug' } });
    expect(answered.status).toBe(201);
    t.clock.set('2026-03-10T00:00:00Z');
    await runTick();
    t.clock.set('2026-03-10T07:00:00Z');
    await runTick();
    expect((await mailsTo('mo@example.org')).at(-1)!.kind).toBe('reminder');
    expect((await t.call('GET', '/api/me/mail-preferences', { token: mo.token })).json.communities[0].steppedDown).toBe(false);
  });

  it('count opening the answer link as a sign of life: no step-down while the member opens the mail', async () => {
    const { mo } = await setup();
    await t.call('PATCH', '/api/me/mail-preferences', { token: mo.token, body: { communities: [{ slug: 'sketchers', mode: 'daily', hour: 7 }] } });
    for (const day of ['03', '04', '05', '06', '07']) {
      t.clock.set(`2026-03-${day}T00:00:00Z`);
      await runTick();
      t.clock.set(`2026-03-${day}T07:00:00Z`);
      await runTick();
      const mail = (await mailsTo('mo@example.org')).at(-1)!;
      if (day === '04') continue; // one silent day in between does not count three
      const answer = pathOf(/https:\/\/kindling\.example\/mail\/answer\/\S+/.exec(mail.text)![0]);
      expect((await t.app.request(answer)).status).toBe(200);
    }
    expect((await mailsTo('mo@example.org')).map((m) => m.kind)).toEqual(['reminder', 'reminder', 'reminder', 'reminder', 'reminder']);
    expect((await t.call('GET', '/api/me/mail-preferences', { token: mo.token })).json.communities[0].steppedDown).toBe(false);
  });

  it('honour a pause at once and resume after it', async () => {
    const { mo } = await setup();
    await t.call('PATCH', '/api/me/mail-preferences', { token: mo.token, body: { communities: [{ slug: 'sketchers', mode: 'daily', hour: 7, pauseWeeks: 1 }] } });
    for (let day = 2; day <= 10; day++) {
      t.clock.set(`2026-03-${String(day).padStart(2, '0')}T00:00:00Z`);
      await runTick();
      t.clock.set(`2026-03-${String(day).padStart(2, '0')}T07:00:00Z`);
      await runTick();
    }
    // Paused from 2 March 06:00 for a week: the first mail is on the 9th.
    expect((await mailsTo('mo@example.org')).map((m) => new Date(m.createdAt).toISOString().slice(0, 10))).toEqual(['2026-03-09', '2026-03-10']);
  });
});

describe('mailed links', () => {
  async function mailedTo(email: string) {
    const { mo } = await setup();
    await t.call('PATCH', '/api/me/mail-preferences', { token: mo.token, body: { communities: [{ slug: 'sketchers', mode: 'daily', hour: 7 }] } });
    t.clock.set('2026-03-02T07:00:00Z');
    await runTick();
    const [mail] = await mailsTo(email);
    const unsubscribe = pathOf(/<([^>]+)>/.exec(storedHeaders(mail!.headers)['List-Unsubscribe']!)![1]!);
    const answer = pathOf(/https:\/\/kindling\.example\/mail\/answer\/\S+/.exec(mail!.text)![0]);
    return { mo, unsubscribe, answer };
  }
  const oneClick = (path: string) =>
    t.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  const modeOf = async () => (await t.db.select().from(mailPreferences))[0]?.mode;

  it('one-click unsubscribe: GET changes nothing, a cookieless POST answers 200 without a redirect and stops the mail', async () => {
    const { unsubscribe } = await mailedTo('mo@example.org');
    const page = await t.app.request(unsubscribe);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Stop Kindling mail from Sketchers?');
    expect(await modeOf()).toBe('daily');
    const res = await oneClick(unsubscribe);
    expect(res.status).toBe(200);
    expect(res.headers.get('Location')).toBeNull();
    expect(await res.text()).toContain('no more mail from Sketchers');
    expect(await modeOf()).toBe('off');
    t.clock.set('2026-03-03T07:00:00Z');
    await runTick();
    expect(await mailsTo('mo@example.org')).toHaveLength(1);
  });

  it('drops the member’s mail still waiting in the outbox when they unsubscribe', async () => {
    const { unsubscribe } = await mailedTo('mo@example.org');
    expect((await waitingFor('mo@example.org')).filter((m) => m.sentAt === null)).toHaveLength(1);
    await oneClick(unsubscribe);
    expect(await waitingFor('mo@example.org')).toHaveLength(0);
  });

  it('a forged or mangled token is a 404 page and changes nothing', async () => {
    const { unsubscribe, answer } = await mailedTo('mo@example.org');
    const [payload, signature] = unsubscribe.split('/').at(-1)!.split('.');
    const forged = `/mail/unsubscribe/${payload}.${signature!.slice(0, -2)}AA`;
    for (const path of [forged, '/mail/unsubscribe/nonsense', answer.replace('/mail/answer/', '/mail/unsubscribe/')]) {
      const res = await oneClick(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('This link does not work');
      expect((await t.app.request(path)).status).toBe(404);
    }
    expect(await modeOf()).toBe('daily');
  });

  it('answers through links share the answers limit: the 31st in a minute gets a 429 page and writes nothing', async () => {
    const { mo, answer } = await mailedTo('mo@example.org');
    const post = (text: string) =>
      t.app.request(answer, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `level=easy&body=${text}&visibility=community` });
    // The first answers; the next 29 are refused as repeats, but each still counts, as on the answer form.
    const statuses = [];
    for (let i = 1; i <= 30; i++) statuses.push((await post(`Try+${i}`)).status);
    expect(statuses[0]).toBe(200);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    const limited = await post('Try+31');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Too many requests');
    expect((await t.db.select().from(submissions).where(eq(submissions.userId, mo.userId))).map((r) => r.body)).toEqual(['Try 1']);
    // The same counter as the API's: the member's own answers are limited too until the minute is over.
    const api = await t.call('POST', `/api/prompts/${(await t.db.select().from(submissions))[0]!.promptId}/submissions`, {
      token: mo.token,
      body: { level: 'hard', body: 'Again' },
    });
    expect(api.status).toBe(429);
    t.clock.set(new Date(t.clock.now().getTime() + 60_000).toISOString());
    expect((await post('Later')).status).toBe(400); // a repeat again, no longer limited
  });

  it('the answer link opens that prompt without a session and answers it as the member, until the day ends', async () => {
    const { mo, answer, unsubscribe } = await mailedTo('mo@example.org');
    const page = await t.app.request(answer);
    expect(page.status).toBe(200);
    expect(page.headers.get('Set-Cookie')).toBeNull();
    const html = await page.text();
    expect(html).toContain('Answering as Mo in Sketchers.');
    expect(html).toContain('Easy 1');
    // Opening it is not a sign-in for anything else.
    expect((await t.app.request('/me')).status).toBe(303);
    const posted = await t.app.request(answer, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'level=easy&body=A+wobbly+mug&visibility=community',
    });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('Set-Cookie')).toBeNull();
    expect(await posted.text()).toContain('your answer is posted');
    const rows = await t.db.select().from(submissions).where(and(eq(submissions.userId, mo.userId)));
    expect(rows.map((r) => r.body)).toEqual(['A wobbly mug']);
    // An unsubscribe token is not an answer token.
    expect((await t.app.request(unsubscribe.replace('/mail/unsubscribe/', '/mail/answer/'))).status).toBe(404);
    // The next day the link has expired: a clear page that suggests signing in.
    t.clock.set('2026-03-03T00:00:00Z');
    const expired = await t.app.request(answer);
    expect(expired.status).toBe(404);
    const text = await expired.text();
    expect(text).toContain('This link does not work');
    expect(text).toContain('href="/sign-in"');
  });
});
