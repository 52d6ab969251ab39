/**
 * The series editor without JavaScript: facilitators only (404 for everyone else); add, remove and move are
 * form posts the server applies; errors appear next to their fields; creating redirects to a confirmation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // Monday 2 March 2026, 12:00 UTC
});
afterEach(() => t.close());

/** Posts the editor form; prompt fields repeat once per prompt, as the browser sends them. */
async function post(token: string, slug: string, fields: [string, string][]) {
  const res = await t.app.request(`/c/${slug}/series/new`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text(), location: res.headers.get('Location') };
}

const prompt = (easy: string, hard: string, easyPoints = '1', hardPoints = '3'): [string, string][] => [
  ['easy', easy],
  ['easyPoints', easyPoints],
  ['hard', hard],
  ['hardPoints', hardPoints],
];

const base: [string, string][] = [
  ['title', 'Spring sketches'],
  ['description', ''],
  ['cadence', 'weekdays'],
  ['startDate', '2026-03-06'],
];

describe('series editor page', () => {
  it('is 404 for members, visitors and strangers; a form with a preview for facilitators', async () => {
    const { facilitator, member, community } = await communityWithOpenPrompt(t);
    const stranger = await t.userToken('sam@example.org', 'Sam');
    for (const token of [undefined, member.token, stranger.token]) {
      expect((await t.call('GET', `/c/${community.slug}/series/new`, { token })).status).toBe(404);
    }
    expect((await post(member.token, community.slug, [...base, ...prompt('a', 'b')])).status).toBe(404);
    expect((await t.call('GET', '/c/nowhere/series/new', { token: facilitator.token })).status).toBe(404);

    const res = await t.call('GET', `/c/${community.slug}/series/new`, { token: facilitator.token });
    expect(res.status).toBe(200);
    for (const label of ['Title', 'Description (optional)', 'Start date', 'Easy option', 'Hard option', 'Easy points']) {
      expect(res.text).toContain(`>${label}</label>`);
    }
    expect(res.text).toContain('<label for="series-title">');
    expect(res.text).toContain('value="2026-03-02"'); // today, in the community's time zone
    expect(res.text).toContain('When each prompt opens');
    expect(res.text).toContain('Mon 2 Mar</strong> · Prompt 1<span class="muted"> (opens at once)');
  });

  it('adds, moves and removes prompts with form posts, keeping what was typed', async () => {
    const { facilitator, community } = await communityWithOpenPrompt(t);
    const two = [...base, ...prompt('First easy', 'First hard'), ...prompt('Second easy', 'Second hard', '2', '5')];
    const added = await post(facilitator.token, community.slug, [...two, ['op', 'add']]);
    expect(added.status).toBe(200);
    expect(added.html.match(/<legend>Prompt \d<\/legend>/g)).toEqual(['<legend>Prompt 1</legend>', '<legend>Prompt 2</legend>', '<legend>Prompt 3</legend>']);
    expect(added.html).toContain('value="Spring sketches"');
    // Weekdays from Friday 6 March: Fri 6, Mon 9, Tue 10.
    expect(added.html).toMatch(/Fri 6 Mar.*Mon 9 Mar.*Tue 10 Mar/s);

    const moved = await post(facilitator.token, community.slug, [...two, ['op', 'up:1']]);
    expect(moved.html.indexOf('Second easy')).toBeLessThan(moved.html.indexOf('First easy'));
    expect(moved.html).toMatch(/id="prompt-0-easyPoints" name="easyPoints" value="2"/);

    const removed = await post(facilitator.token, community.slug, [...two, ['op', 'remove:0']]);
    expect(removed.html).not.toContain('First easy');
    expect(removed.html).toContain('Second easy');
    expect(removed.html.match(/<legend>Prompt \d<\/legend>/g)).toHaveLength(1);
  });

  it('shows each field error next to its field, in the viewer\'s language', async () => {
    const { facilitator, community } = await communityWithOpenPrompt(t);
    const fields: [string, string][] = [
      ['title', ''],
      ['cadence', 'daily'],
      ['startDate', '2026-02-30'],
      ...prompt('Fine', ''),
      ...prompt('Also fine', 'Fine too', '500'),
      ['op', 'create'],
    ];
    const res = await post(facilitator.token, community.slug, fields);
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/id="series-title"[^>]*aria-invalid="true"[^>]*aria-describedby="series-title-error"/);
    expect(res.html).toContain('<p class="field-error" id="series-title-error">Give the series a title (120 characters at most).</p>');
    expect(res.html).toContain('id="series-start-error">Pick a real date between 2000 and 2100.</p>');
    expect(res.html).toContain('id="prompt-0-hard-error">Write this option (500 characters at most).</p>');
    expect(res.html).toContain('id="prompt-1-easyPoints-error">Points are a whole number from 0 to 100.</p>');
    expect(res.html).not.toContain('prompt-0-easy-error');
    expect(res.html).toContain('>Also fine</textarea>');

    const fr = await t.app.request(`/c/${community.slug}/series/new`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${facilitator.token}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'fr' },
      body: new URLSearchParams(fields).toString(),
    });
    const html = await fr.text();
    expect(html).toContain('Donnez un titre à la série');
    expect(html).toContain('Nouvelle série');
  });

  it('creates the series and redirects to a confirmation, so a reload never creates twice', async () => {
    const { facilitator, community } = await communityWithOpenPrompt(t);
    const res = await post(facilitator.token, community.slug, [...base, ...prompt('Draw a leaf', 'Draw it twice'), ['op', 'create']]);
    expect(res.status).toBe(303);
    const id = Number(/created=(\d+)$/.exec(res.location ?? '')?.[1]);
    const series = await t.call('GET', `/api/series/${id}`, { token: facilitator.token });
    expect(series.json).toMatchObject({ title: 'Spring sketches', cadence: 'weekdays', prompts: [{ opensOn: '2026-03-06', easy: { text: 'Draw a leaf', points: 1 } }] });

    const done = await t.call('GET', res.location!, { token: facilitator.token });
    expect(done.text).toContain('The series is scheduled.');
    expect(done.text).toContain('The first prompt opens on Friday, 6 March 2026.');
  });

  it('previews and refuses a start date past the calendar without hanging (issue 21)', async () => {
    const { facilitator, community } = await communityWithOpenPrompt(t);
    const far: [string, string][] = [['title', 'Far'], ['description', ''], ['cadence', 'weekdays'], ['startDate', '9999-12-31']];
    const two = [...far, ...prompt('a', 'b'), ...prompt('c', 'd')];
    const added = await post(facilitator.token, community.slug, [...two, ['op', 'add']]);
    expect(added.status).toBe(200);
    expect(added.html).toContain('Pick a start date to see when each prompt opens.');
    expect(added.html).toMatch(/id="series-start"[^>]*min="2000-01-01"[^>]*max="2100-12-31"/);
    for (const startDate of ['9999-12-31', '2100-12-31']) {
      const fields = two.map(([k, v]): [string, string] => [k, k === 'startDate' ? startDate : v]);
      const res = await post(facilitator.token, community.slug, [...fields, ['op', 'create']]);
      expect(res.status).toBe(400);
      expect(res.html).toContain('id="series-start-error">Pick a real date between 2000 and 2100.</p>');
    }
  });
});
