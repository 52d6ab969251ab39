/**
 * The feeds over HTTP only, written once and run against every home (tests/api/loop-scenarios.test.ts on Node,
 * tests/worker/worker.test.ts in workerd): Web Crypto's HMAC, Intl's time zones and the ETag middleware must
 * all work where the Worker runs.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { community, signIn } from './loop.scenario';
import { addDays, client, uniq, type ScenarioTarget } from './target';

export function feedScenarios(target: () => ScenarioTarget) {
  describe('feeds', () => {
    it('serves Atom feeds and a calendar that real parsers read, and secret feed URLs that rotate', async () => {
      const t = target();
      const id = uniq();
      const fran = await signIn(t, `fran-${id}@example.org`, 'Fran');
      const mo = await signIn(t, `mo-${id}@example.org`, 'Mo');
      const { slug, day } = await community(fran);
      const created = await fran.call('POST', `/api/communities/${slug}/series`, {
        title: 'Warm-ups', startDate: day, cadence: 'daily',
        prompts: [{ easy: 'Draw a mug', hard: 'Draw a chair' }, { easy: 'Tomorrow', hard: 'Tomorrow, harder' }],
      });
      expect(created.status, created.text).toBe(201);
      const [today] = created.json.prompts;
      const post = (body: Record<string, unknown>) =>
        mo.call('POST', `/api/prompts/${today.id}/submissions`, { visibility: 'public', anonymous: false, ...body });
      expect((await post({ level: 'easy', body: 'Quick mug' })).status).toBe(201);
      expect((await post({ level: 'hard', body: 'A quiet chair', anonymous: true })).status).toBe(201);
      const visitor = client(t);

      const prompts = await visitor('GET', `/c/${slug}/prompts.atom`);
      expect(prompts.status).toBe(200);
      expect(prompts.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
      expect(parseFeed(prompts.text).items.map((i) => i.title)).toEqual(['Warm-ups #1: Draw a mug']);
      const etag = prompts.headers.get('ETag')!;
      expect((await visitor('GET', `/c/${slug}/prompts.atom`, undefined, { 'If-None-Match': etag })).status).toBe(304);

      const gallery = await visitor('GET', `/c/${slug}/gallery.atom`);
      const items = parseFeed(gallery.text).items;
      expect(items.map((i) => i.content).sort()).toEqual(['A quiet chair', 'Quick mug']);
      expect(items.find((i) => i.content === 'A quiet chair')!.id).toMatch(/:anonymous:[0-9a-f]{32}$/);

      const calendar = await visitor('GET', `/c/${slug}/calendar.ics`);
      expect(calendar.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
      const parsed = new ICAL.Component(ICAL.parse(calendar.text));
      for (const zone of parsed.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
      const events = parsed.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
      const localDay = (e: ICAL.Event) => e.startDate.toString().slice(0, 10);
      expect(events.map(localDay)).toEqual([day, addDays(day, 1)]);
      expect(events.map((e) => e.startDate.hour)).toEqual([0, 0]);

      const first = await mo.call('POST', `/api/communities/${slug}/feed-token`);
      expect(first.status, first.text).toBe(201);
      expect((await visitor('GET', new URL(first.json.calendar).pathname)).status).toBe(200);
      const second = await mo.call('POST', `/api/communities/${slug}/feed-token`);
      expect((await visitor('GET', new URL(first.json.calendar).pathname)).status).toBe(404);
      expect((await visitor('GET', new URL(second.json.gallery).pathname)).status).toBe(200);
    });
  });
}
