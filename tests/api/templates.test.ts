/**
 * Series templates: the four shipped, complete in English and French, within the series limits, and a series
 * started from one gets exactly the template's prompts on the days its cadence gives.
 */
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prompts } from '../../db/schema';
import { TEMPLATES } from '../../src/domain/templates';
import { createSeriesBody } from '../../src/schemas';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z'); // a Monday
});
afterEach(() => t.close());

const IDS = ['sketch-warm-ups', 'collaboration-tasks', 'changed-my-practice', 'you-are-the-expert'];

describe('series templates as data', () => {
  it('ships the four templates, each prompt with an easy and a hard text in English and French', () => {
    expect(TEMPLATES.map((tpl) => tpl.id)).toEqual(IDS);
    for (const tpl of TEMPLATES) {
      expect(tpl.prompts.length, tpl.id).toBeGreaterThanOrEqual(5);
      for (const text of [tpl.title, tpl.description, ...tpl.prompts.flatMap((p) => [p.easy, p.hard])]) {
        expect(text.en.trim(), tpl.id).not.toBe('');
        expect(text.fr.trim(), tpl.id).not.toBe('');
        expect(text.fr, `${tpl.id}: "${text.en}" is not translated`).not.toBe(text.en);
      }
      // A hard option asks for more than its easy one: never the same words.
      for (const p of tpl.prompts) expect(p.hard.en).not.toBe(p.easy.en);
    }
    expect(TEMPLATES.find((tpl) => tpl.id === 'sketch-warm-ups')!.prompts).toHaveLength(10);
    expect(TEMPLATES.find((tpl) => tpl.id === 'collaboration-tasks')!.prompts).toHaveLength(10);
  });

  it('fits the series schema in both languages (title, description, 500-character prompts)', () => {
    for (const tpl of TEMPLATES) {
      for (const lang of ['en', 'fr'] as const) {
        const body = {
          title: tpl.title[lang],
          description: tpl.description[lang],
          startDate: '2026-03-02',
          cadence: tpl.cadence,
          prompts: tpl.prompts.map((p) => ({ easy: p.easy[lang], hard: p.hard[lang] })),
        };
        const parsed = createSeriesBody.safeParse(body);
        expect(parsed.success, `${tpl.id} (${lang}): ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        // Trimming changes nothing: what the facilitator sees is what is stored.
        expect(parsed.data).toMatchObject(body);
      }
    }
  });
});

describe('GET /api/templates', () => {
  it('lists the four in the language asked for, else the request language, else English', async () => {
    const en = await t.call('GET', '/api/templates');
    expect(en.status).toBe(200);
    expect(en.json.templates.map((x: { id: string }) => x.id)).toEqual(IDS);
    expect(en.json.templates[0]).toMatchObject({ id: 'sketch-warm-ups', lang: 'en', title: 'Two-minute sketch warm-ups', promptCount: 10, cadence: 'daily' });

    const fr = await t.call('GET', '/api/templates?lang=fr');
    expect(fr.json.templates[1]).toMatchObject({ lang: 'fr', title: 'Dix tâches pour bien collaborer' });
    const accepted = await t.call('GET', '/api/templates', { headers: { 'Accept-Language': 'fr-CA,fr;q=0.9' } });
    expect(accepted.json.templates[0].lang).toBe('fr');
    const asked = await t.call('GET', '/api/templates?lang=en', { headers: { 'Accept-Language': 'fr' } });
    expect(asked.json.templates[0].lang).toBe('en');
  });

  it('gives one template with its prompts and points; 404 for an unknown id; 400 for an unknown language', async () => {
    const res = await t.call('GET', '/api/templates/collaboration-tasks?lang=fr');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: 'collaboration-tasks', lang: 'fr', cadence: 'weekdays', promptCount: 10 });
    expect(res.json.prompts).toHaveLength(10);
    expect(res.json.prompts[0]).toEqual({ easy: expect.stringContaining('collaborer'), hard: expect.any(String), easyPoints: 1, hardPoints: 3 });

    const missing = await t.call('GET', '/api/templates/no-such-template');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
    const badLang = await t.call('GET', '/api/templates/sketch-warm-ups?lang=de');
    expect(badLang.status).toBe(400);
    expect(badLang.json.error.issues).toEqual([expect.objectContaining({ path: 'lang' })]);
    expect((await t.call('GET', '/api/templates/Bad_Id')).status).toBe(400);
  });
});

describe('starting a series from a template', () => {
  it('through the API: the template body as is gives its prompts, in order, on the days of its cadence', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fran.token, { slug: 'team', timeZone: 'Europe/Paris' });
    const tpl = (await t.call('GET', '/api/templates/collaboration-tasks?lang=en')).json;
    const body = { title: tpl.title, description: tpl.description, startDate: '2026-03-05', cadence: tpl.cadence, prompts: tpl.prompts };
    const res = await t.call('POST', '/api/communities/team/series', { token: fran.token, body });
    expect(res.status, res.text).toBe(201);
    // Weekdays from Thursday 5 March: Thu, Fri, then Mon 9 … Fri 13, Mon 16 … Wed 18.
    expect(res.json.prompts.map((p: { opensOn: string }) => p.opensOn)).toEqual([
      '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-16', '2026-03-17', '2026-03-18',
    ]);
    const rows = await t.db.select().from(prompts).where(eq(prompts.seriesId, res.json.id)).orderBy(asc(prompts.position));
    const source = TEMPLATES.find((x) => x.id === 'collaboration-tasks')!;
    expect(rows.map((r) => [r.easyText, r.hardText, r.easyPoints, r.hardPoints])).toEqual(
      source.prompts.map((p) => [p.easy.en, p.hard.en, 1, 3]),
    );
  });

  it('is refused to a member who does not facilitate, like any series (403 public, 404 private)', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const mo = await t.userToken('mo@example.org', 'Mo');
    await createCommunity(t, fran.token, { slug: 'open' });
    await createCommunity(t, fran.token, { slug: 'closed', visibility: 'private' });
    await t.call('POST', '/api/communities/open/join', { token: mo.token, body: {} });
    const tpl = (await t.call('GET', '/api/templates/sketch-warm-ups')).json;
    const body = { title: tpl.title, startDate: '2026-03-02', cadence: tpl.cadence, prompts: tpl.prompts };
    expect((await t.call('POST', '/api/communities/open/series', { token: mo.token, body })).status).toBe(403);
    expect((await t.call('POST', '/api/communities/closed/series', { token: mo.token, body })).status).toBe(404);
    expect(await t.db.select().from(prompts)).toEqual([]);
  });
});
