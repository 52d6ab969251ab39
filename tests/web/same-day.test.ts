/**
 * Every date on every page agrees with the today page, in the community's time, in both languages. Two
 * communities far from UTC, Pacific/Kiritimati (UTC+14) and America/Vancouver (UTC-8 in December), each live a
 * local Monday 7 December 2026 whose events fall on another UTC day (Sunday 6 or Tuesday 8 December).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-12-01T00:00:00Z');
});
afterEach(() => t.close());

const ZONES = [
  // Local Monday 00:30 is Sunday 10:30 UTC; the evening is still Monday morning UTC.
  { timeZone: 'Pacific/Kiritimati', joinAt: '2026-12-06T10:30:00Z', answerAt: '2026-12-06T11:00:00Z', viewAt: '2026-12-07T08:00:00Z' },
  // Local Monday 00:30 is Monday 08:30 UTC; the evening (20:00, 22:00) is Tuesday UTC.
  { timeZone: 'America/Vancouver', joinAt: '2026-12-07T08:30:00Z', answerAt: '2026-12-08T04:00:00Z', viewAt: '2026-12-08T06:00:00Z' },
];

/** Weekday names, long and short, followed by a day number: a shown date starts so, whatever its style or order. */
const WEEKDAY = {
  en: /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun),? (\d|[A-Z][a-z]+ \d)[^<]{0,20}/g,
  fr: /\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun\.|mar\.|mer\.|jeu\.|ven\.|sam\.|dim\.) \d[^<]{0,20}/g,
};

/** The dates a page shows to people: weekday name and what follows, in the visible text (not in scripts). */
function shownDates(html: string, lang: 'en' | 'fr' = 'en'): string[] {
  const visible = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, '<');
  return [...visible.matchAll(WEEKDAY[lang])].map((m) => m[0]);
}

async function page(path: string, lang: string, token?: string) {
  const headers: Record<string, string> = { 'Accept-Language': lang };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await t.app.request(path, { headers });
  expect(res.status, path).toBe(200);
  return res.text();
}

/** One community in `timeZone` whose member joins, answers and earns a badge on the local Monday. */
async function mondayIn(zone: (typeof ZONES)[number], slug: string) {
  t.clock.set(zone.joinAt);
  const fran = await t.userToken(`fran-${slug}@example.org`, 'Fran');
  const mo = await t.userToken(`mo-${slug}@example.org`, 'Mo');
  await createCommunity(t, fran.token, { slug, name: slug, timeZone: zone.timeZone, dayStartHour: 0 });
  const series = await createSeries(t, fran.token, slug, { startDate: '2026-12-07' });
  await tick(t.db, t.clock.now());
  await join(t, mo.token, slug);
  await t.call('PATCH', '/api/me', { token: mo.token, body: { publicProfile: true } });

  t.clock.set(zone.answerAt);
  const prompt = series.prompts[0]!;
  const answered = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
    token: mo.token,
    body: { level: 'easy', body: 'A cup', visibility: 'public', anonymous: false },
  });
  expect(answered.status, answered.text).toBe(201);
  t.clock.set(zone.viewAt);
  return { fran, mo, promptId: prompt.id, answerId: answered.json.id as number };
}

describe('every date on every page shows the today page’s day', () => {
  for (const zone of ZONES) {
    for (const lang of ['en', 'fr'] as const) {
      it(`in ${zone.timeZone}, in ${lang}`, async () => {
        const slug = 'far';
        const { fran, mo, promptId, answerId } = await mondayIn(zone, slug);
        const today = await page(`/c/${slug}`, lang, mo.token);
        const [todayLine] = shownDates(today, lang);
        expect(todayLine).toMatch(lang === 'en' ? /^Monday 7 December/ : /^lundi 7 décembre/);

        const pages: [string, string | undefined][] = [
          [`/c/${slug}`, mo.token],
          [`/c/${slug}/p/${promptId}`, mo.token],
          [`/a/${answerId}`, undefined],
          ['/me', mo.token],
          [`/u/${mo.userId}`, undefined],
          [`/c/${slug}/series/new`, fran.token],
          [`/c/${slug}/leaderboard`, mo.token],
        ];
        const seen: string[] = [];
        for (const [path, token] of pages) {
          for (const shown of shownDates(await page(path, lang, token), lang)) {
            seen.push(path);
            // Same weekday, same day of the month, in the viewer's language and one day-month order.
            expect(shown, `${path} shows "${shown}"`).toMatch(
              lang === 'en' ? /^(Monday|Mon) 7 Dec/ : /^(lundi|lun\.) 7 déc/,
            );
          }
        }
        // The pages that carry dates did show one: badges (own and public profile), the ladder, the series preview.
        for (const path of [`/c/${slug}`, '/me', `/u/${mo.userId}`, `/c/${slug}/series/new`]) expect(seen).toContain(path);
      });
    }
  }

  it('the week roll is of the community week that ended before the today page’s day', async () => {
    for (const [i, zone] of ZONES.entries()) {
      const slug = `roll-${i}`;
      // Answer on the local Sunday before, then look on the local Monday, once the scheduler wrote the roll.
      t.clock.set(new Date(Date.parse(zone.answerAt) - 24 * 3600_000));
      const fran = await t.userToken(`fran-${slug}@example.org`, 'Fran');
      await createCommunity(t, fran.token, { slug, name: slug, timeZone: zone.timeZone, dayStartHour: 0 });
      const series = await createSeries(t, fran.token, slug, { startDate: '2026-12-06' });
      await tick(t.db, t.clock.now());
      const res = await t.call('POST', `/api/prompts/${series.prompts[0]!.id}/submissions`, {
        token: fran.token,
        body: { level: 'easy', body: 'A cup', visibility: 'community', anonymous: false },
      });
      expect(res.status, res.text).toBe(201);
      t.clock.set(zone.viewAt);
      await tick(t.db, t.clock.now());
      expect(shownDates(await page(`/c/${slug}`, 'en', fran.token))[0]).toMatch(/^Monday 7 December/);
      const roll = shownDates(await page(`/c/${slug}/week/2026-W49`, 'en'));
      expect(roll[0]).toMatch(/^Monday 30 November/);
    }
  });
});
