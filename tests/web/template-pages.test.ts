/**
 * Starting a series from a template in the web app: who may (sign in first; private: 404; public: 403), the
 * picker in the page's or the chosen language, and the editor it opens, filled with the template, whose form
 * creates the series through the editor's own route.
 */
import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prompts, series } from '../../db/schema';
import { TEMPLATES } from '../../src/domain/templates';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z'); // Monday 2 March 2026
});
afterEach(() => t.close());

const page = (path: string, token?: string, lang = 'en') => t.call('GET', path, { token, headers: { 'Accept-Language': lang } });

async function setUp() {
  const fran = await t.userToken('fran@example.org', 'Fran');
  const mo = await t.userToken('mo@example.org', 'Mo');
  await createCommunity(t, fran.token, { slug: 'open' });
  await createCommunity(t, fran.token, { slug: 'closed', visibility: 'private' });
  await join(t, mo.token, 'open');
  const invite = await t.call('POST', '/api/communities/closed/invites', { token: fran.token });
  await join(t, mo.token, 'closed', invite.json.code);
  return { fran, mo, stranger: await t.userToken('sam@example.org', 'Sam') };
}

describe('template pages', () => {
  it('send visitors to sign in first, without looking the community up', async () => {
    for (const path of ['/c/open/series/templates', '/c/closed/series/templates/sketch-warm-ups', '/c/nowhere/series/templates']) {
      const res = await page(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('Location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
  });

  it('are 403 to non-facilitators of a public community, 404 for a private one, 404 for no community', async () => {
    const { mo, stranger } = await setUp();
    for (const token of [mo.token, stranger.token]) {
      const list = await page('/c/open/series/templates', token);
      expect(list.status).toBe(403);
      expect(list.text).toContain('Only the facilitators of this community can start a series here.');
      expect(list.text).not.toContain('Two-minute sketch warm-ups');
      expect((await page('/c/open/series/templates/sketch-warm-ups', token)).status).toBe(403);
      // A member of the private one, and a stranger to it, alike.
      expect((await page('/c/closed/series/templates', token)).status).toBe(404);
      expect((await page('/c/closed/series/templates/sketch-warm-ups', token)).status).toBe(404);
    }
    expect((await page('/c/nowhere/series/templates', mo.token)).status).toBe(404);
  });

  it('list the four templates for a facilitator, in the page language or the one chosen', async () => {
    const { fran } = await setUp();
    const en = await page('/c/closed/series/templates', fran.token);
    expect(en.status).toBe(200);
    for (const tpl of TEMPLATES) {
      expect(en.text).toContain(`<h2>${tpl.title.en}</h2>`);
      expect(en.text).toContain(`href="/c/closed/series/templates/${tpl.id}?lang=en"`);
    }
    expect(en.text).toContain('10 prompts · Every day');
    expect(en.text).toContain('href="/c/closed/series/new">Or start from a blank series');

    const fr = await page('/c/closed/series/templates', fran.token, 'fr');
    expect(fr.text).toContain('<h2>Dix tâches pour bien collaborer</h2>');
    expect(fr.text).toContain('10 questions · En semaine');
    // English prompts on a French page: marked as English for screen readers.
    const mixed = await page('/c/closed/series/templates?lang=en', fran.token, 'fr');
    expect(mixed.text).toContain('<h2 lang="en">Ten tasks of effective collaboration</h2>');
    expect(mixed.text).toContain('href="/c/closed/series/templates/collaboration-tasks?lang=en"');
  });

  it('open the series editor filled with the template, starting today, with its calendar preview', async () => {
    const { fran } = await setUp();
    const res = await page('/c/open/series/templates/sketch-warm-ups?lang=fr', fran.token);
    expect(res.status).toBe(200);
    const sketch = TEMPLATES[0]!;
    expect(res.text).toContain(`value="${sketch.title.fr}"`);
    expect(res.text.match(/<legend>Prompt \d+<\/legend>/g)).toHaveLength(10);
    for (const p of sketch.prompts) {
      expect(res.text).toContain(`>${p.easy.fr}</textarea>`);
      expect(res.text).toContain(`>${p.hard.fr}</textarea>`);
    }
    expect(res.text).toContain('value="2026-03-02"');
    expect(res.text).toMatch(/id="series-cadence-daily" checked/);
    expect(res.text).toContain('action="/c/open/series/new"');
    // The preview: ten days from today, the first opening at once.
    expect(res.text).toMatch(/Mon 2 Mar<\/strong> · Prompt 1: Dessinez votre bureau.*Wed 11 Mar<\/strong> · Prompt 10/s);
    expect((await page('/c/open/series/templates/no-such-one', fran.token)).status).toBe(404);
  });

  it('create, through the editor form, the series the template holds, with the edits made', async () => {
    const { fran } = await setUp();
    const tpl = TEMPLATES.find((x) => x.id === 'collaboration-tasks')!;
    // What the browser sends from the filled editor, after changing the start date and the first easy text.
    const fields: [string, string][] = [
      ['title', tpl.title.en],
      ['description', tpl.description.en],
      ['cadence', tpl.cadence],
      ['startDate', '2026-03-06'],
      ...tpl.prompts.flatMap((p, i): [string, string][] => [
        ['easy', i === 0 ? 'How ready is your team?' : p.easy.en],
        ['easyPoints', '1'],
        ['hard', p.hard.en],
        ['hardPoints', '3'],
      ]),
      ['op', 'create'],
    ];
    const res = await t.app.request('/c/open/series/new', {
      method: 'POST',
      headers: { Authorization: `Bearer ${fran.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    expect(res.status).toBe(303);
    const [created] = await t.db.select().from(series);
    expect(created).toMatchObject({ title: tpl.title.en, description: tpl.description.en, cadence: 'weekdays', startDate: '2026-03-06' });
    const rows = await t.db.select().from(prompts).orderBy(asc(prompts.position));
    expect(rows.map((r) => r.easyText)).toEqual(['How ready is your team?', ...tpl.prompts.slice(1).map((p) => p.easy.en)]);
    expect(rows.map((r) => r.opensOn)).toEqual([
      '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19',
    ]);
  });
});
