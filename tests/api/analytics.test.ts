/**
 * Community analytics through the real app: who may read them (API, CSV, page), what they say about a small
 * community set up through the API, that anonymous answers only ever add to counts, that small groups are
 * not broken down, that the CSV reads back as the JSON, that the page draws each chart with its table, and
 * that the tick refreshes a snapshot once a new local day completes.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communities, communityAnalytics } from '../../db/schema';
import { activityFigures } from '../../src/domain/analytics/activity';
import { computeAnalytics } from '../../src/domain/analytics/compute';
import { analyticsWindow } from '../../src/domain/analytics/window';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterAll(() => t.close());

let seq = 0;
const user = (name: string) => t.userToken(`${name.toLowerCase()}-${++seq}@example.org`, `${name} ${seq}`);
const answer = (token: string, promptId: number, body: Record<string, unknown> = {}) =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, { token, body: { level: 'easy', body: 'Done', visibility: 'community', ...body } });

/** A community with a 5-day series from Monday 2 March and `members` members; the clock is back on Monday noon. */
async function community(visibility: 'public' | 'private', members: number) {
  t.clock.set('2026-03-02T12:00:00Z');
  const fac = await user('Fac');
  const slug = `stats-${++seq}`;
  await createCommunity(t, fac.token, { slug, visibility });
  const prompts = Array.from({ length: 5 }, (_, i) => ({ easy: `Easy ${i}`, hard: `Hard ${i}` }));
  const series = await createSeries(t, fac.token, slug, { startDate: '2026-03-02', prompts });
  const people = [];
  for (let i = 0; i < members; i++) {
    const m = await user('Member');
    const invite = visibility === 'private' ? (await t.call('POST', `/api/communities/${slug}/invites`, { token: fac.token })).json.code : undefined;
    await join(t, m.token, slug, invite);
    people.push(m);
  }
  return { slug, fac, people, prompt: series.prompts.map((p) => p.id) };
}

describe('who may read analytics', () => {
  it('facilitators only: 404 for a private community, 403 for a public one, 401 signed out (API)', async () => {
    for (const visibility of ['private', 'public'] as const) {
      const c = await community(visibility, 1);
      const other = await community('public', 0);
      const outsider = await user('Outsider');
      const hidden = visibility === 'private' ? 404 : 403;
      const callers: [string, string | undefined, number, number][] = [
        ['visitor', undefined, 401, visibility === 'private' ? 404 : 403],
        ['member', c.people[0]!.token, hidden, hidden],
        ['outsider', outsider.token, hidden, hidden],
        ['facilitator of another community', other.fac.token, hidden, hidden],
        ['facilitator', c.fac.token, 200, 200],
      ];
      for (const [who, token, api, page] of callers) {
        const json = await t.call('GET', `/api/communities/${c.slug}/analytics`, { token });
        expect(json.status, `${visibility} ${who} JSON`).toBe(api);
        if (api !== 200) expect(json.json.error.code).toBe({ 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' }[api]);
        expect((await t.call('GET', `/api/communities/${c.slug}/analytics.csv`, { token })).status, `${visibility} ${who} CSV`).toBe(api);
        const html = await t.call('GET', `/c/${c.slug}/analytics`, { token });
        expect(html.status, `${visibility} ${who} page`).toBe(page);
        expect(html.text.includes('analytics-table'), `${visibility} ${who} page shows figures`).toBe(page === 200);
      }
    }
  });
});

describe('what analytics say', () => {
  it('counts a week of answers and kudos; anonymous answers add to totals only; small groups read fewer than 5', async () => {
    const c = await community('public', 6);
    // Monday to Wednesday, named: members 0-4 answer day 1 (easy), 0-2 day 2, member 0 day 3 (hard); member 5 only gives kudos.
    const ids: number[] = [];
    for (const [day, who] of [[0, [0, 1, 2, 3, 4]], [1, [0, 1, 2]], [2, [0]]] as const) {
      t.clock.set(`2026-03-0${2 + day}T12:00:00Z`);
      await tick(t.db, t.clock.now()); // opens the day's prompt
      for (const i of who) {
        const res = await answer(c.people[i]!.token, c.prompt[day]!, { level: day === 0 ? 'easy' : 'hard' });
        expect(res.status, res.text).toBe(201);
        ids.push(res.json.id);
      }
    }
    const kudos = await t.call('POST', `/api/submissions/${ids[0]}/kudos`, { token: c.people[5]!.token, body: { kind: 'applause' } });
    expect(kudos.status).toBe(200);

    t.clock.set('2026-03-05T09:00:00Z'); // Thursday: complete days up to Wednesday.
    const before = (await t.call('GET', `/api/communities/${c.slug}/analytics`, { token: c.fac.token })).json;
    expect(before).toMatchObject({ asOf: '2026-03-04', members: 7, active7: 6, active30: 6, contributors30: 5, contributionRate30: 0.7143 });
    expect(before.mix).toEqual([
      { level: 'easy', answers: 5, members: 5 },
      { level: 'hard', answers: 'withheld', members: 'fewer_than_5' },
    ]);
    expect(before.series.prompts.map((p: any) => p.answers)).toEqual([5, 'withheld', 'withheld']);
    expect(before.series.prompts[0]).toMatchObject({ members: 5, easy: 5, hard: 0 });
    // 5 named answerers, and only 3 prompts open: nobody has missed 3 prompts since their last answer yet.
    expect(before.series.dropOff).toEqual([]);
    expect(before.series.stillAnswering).toBe(5);
    expect(before.series.dropOffDay).toBeNull();
    // Role member only (the facilitator is not in the funnel): 1 observer, 5 sharing with the community.
    expect(before.funnel).toEqual([
      { stage: 'observer', members: 'fewer_than_5' },
      { stage: 'practising', members: 0 },
      { stage: 'sharing_community', members: 'withheld' },
      { stage: 'sharing_public', members: 0 },
      { stage: 'main_space', members: 0 },
    ]);
    expect(before.trend).toHaveLength(12);
    expect(before.trend.at(-1)).toEqual({ weekOf: '2026-03-02', members: 7, active: 6, contributors: 5, contributionRate: 0.7143 });

    // Member 5 answers day 3 anonymously (written on Wednesday), seen on Thursday after a recompute.
    t.clock.set('2026-03-04T15:00:00Z');
    expect((await answer(c.people[5]!.token, c.prompt[2]!, { anonymous: true, visibility: 'public' })).status).toBe(201);
    t.clock.set('2026-03-05T09:00:00Z');
    await t.db.delete(communityAnalytics);
    const after = (await t.call('GET', `/api/communities/${c.slug}/analytics`, { token: c.fac.token })).json;
    expect(after).toMatchObject({ active7: 6, contributors30: 6, contributionRate30: 0.8571 });
    expect(after.mix[0]).toEqual({ level: 'easy', answers: 6, members: 6 });
    expect(after.series.prompts[2]).toMatchObject({ members: 'fewer_than_5' });
    // Per-person breakdowns read named answers only: not moved by the anonymous answer.
    expect(after.funnel).toEqual(before.funnel);
    expect(after.rhythm).toEqual(before.rhythm);
    expect(after.series.dropOff).toEqual(before.series.dropOff);
    expect(after.series.stillAnswering).toEqual(before.series.stillAnswering);

    // Nothing in the answer can name anyone: only these keys, and no member's name or email anywhere.
    const keys = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (keys.add(k), walk(x));
    };
    walk(after);
    expect([...keys].sort()).toEqual(
      ['active', 'active30', 'active7', 'answers', 'asOf', 'bucket', 'community', 'computedAt', 'contributionRate', 'contributionRate30', 'contributors', 'contributors30', 'dropOff', 'dropOffDay', 'easy', 'funnel', 'goodCommunity', 'hard', 'id', 'level', 'members', 'mix', 'name', 'oneRule', 'opensOn', 'position', 'prompts', 'references', 'rhythm', 'series', 'slug', 'stage', 'stillAnswering', 'title', 'trend', 'weekOf'].sort(),
    );
    const text = JSON.stringify(after);
    for (const m of c.people) expect(text).not.toMatch(/Member \d+|@example\.org/);
    expect(after.community).toEqual({ slug: c.slug, name: 'Sketchers' });
  });

  it('breaks nothing down in a community of fewer than 5 people', async () => {
    const c = await community('private', 2);
    t.clock.set('2026-03-02T13:00:00Z');
    await answer(c.people[0]!.token, c.prompt[0]!, { visibility: 'public' });
    t.clock.set('2026-03-03T09:00:00Z');
    const res = await t.call('GET', `/api/communities/${c.slug}/analytics`, { token: c.fac.token });
    expect(res.json).toMatchObject({ members: 3, active7: 1, contributors30: 1 });
    expect(res.json.funnel.every((f: any) => f.members === 'fewer_than_5')).toBe(true);
    expect(res.json.rhythm.every((r: any) => r.members === 'fewer_than_5')).toBe(true);
    expect(res.json.series.prompts[0]).toEqual({ position: 1, opensOn: '2026-03-02', answers: 'withheld', easy: 'withheld', hard: 'withheld', members: 'fewer_than_5' });
    const page = await t.call('GET', `/c/${c.slug}/analytics`, { token: c.fac.token });
    expect(page.text).toContain('fewer than 5');
    expect(page.text).not.toMatch(/Member \d+/);
  });
});

/** RFC 4180 rows (quoted fields with doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"', i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    else field += ch;
  }
  return rows;
}

describe('CSV and page', () => {
  it('the CSV reads back as the JSON, and the page draws every chart with its table and links the CSV', async () => {
    const c = await community('public', 5);
    for (const m of c.people) await answer(m.token, c.prompt[0]!, { visibility: 'public' });
    await t.call('POST', '/api/communities', { token: c.fac.token, body: { slug: `x-${seq}`, name: '=HYPERLINK("x")', timeZone: 'UTC', visibility: 'public' } });
    t.clock.set('2026-03-10T09:00:00Z');
    const json = (await t.call('GET', `/api/communities/${c.slug}/analytics`, { token: c.fac.token })).json;
    const res = await t.call('GET', `/api/communities/${c.slug}/analytics.csv`, { token: c.fac.token });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`${c.slug}-analytics-2026-03-09.csv`);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(['section', 'key', 'metric', 'value']);
    const value = (section: string, key: string, metric: string) => {
      const found = rows.find((r) => r[0] === section && r[1] === key && r[2] === metric);
      expect(found, `${section}/${key}/${metric}`).toBeDefined();
      const v = found![3]!;
      return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v === '' ? null : v;
    };
    expect(value('summary', '', 'members')).toBe(json.members);
    expect(value('summary', '', 'active_7_days')).toBe(json.active7);
    expect(value('summary', '', 'active_30_days')).toBe(json.active30);
    expect(value('summary', '', 'contributors_30_days')).toBe(json.contributors30);
    expect(value('summary', '', 'contribution_rate_30_days')).toBe(json.contributionRate30);
    for (const f of json.funnel) expect(value('ladder_funnel', f.stage, 'members')).toBe(f.members);
    for (const m of json.mix) for (const k of ['answers', 'members']) expect(value('mix_30_days', m.level, k)).toBe(m[k]);
    for (const r of json.rhythm) expect(value('rhythm_current_run_weeks', r.bucket, 'members')).toBe(r.members);
    for (const w of json.trend) for (const k of ['members', 'active', 'contributors']) expect(value('trend_week', w.weekOf, k)).toBe(w[k]);
    for (const w of json.trend) expect(value('trend_week', w.weekOf, 'contribution_rate')).toBe(w.contributionRate);
    for (const p of json.series.prompts) for (const k of ['answers', 'easy', 'hard', 'members']) expect(value('prompt', String(p.position), k)).toBe(p[k]);
    for (const d of json.series.dropOff) expect(value('drop_off_after_day', String(d.position), 'members')).toBe(d.members);
    expect(value('series', String(json.series.id), 'still_answering')).toBe(json.series.stillAnswering);
    expect(value('series', String(json.series.id), 'drop_off_day')).toBe(json.series.dropOffDay);
    expect(rows.slice(1).every((r) => r.length === 4)).toBe(true);
    expect(json.members).toBe(6);
    expect(json.series.prompts[0]).toMatchObject({ answers: 5, members: 5 });

    const page = await t.call('GET', `/c/${c.slug}/analytics`, { token: c.fac.token, headers: { 'Accept-Language': 'fr' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/api/communities/${c.slug}/analytics.csv"`);
    const charts = page.text.match(/<svg class="chart"[^>]*role="img"[^>]*aria-labelledby="([^"]+)"/g) ?? [];
    expect(charts).toHaveLength(6);
    expect(page.text.match(/<table class="analytics-table">/g)).toHaveLength(6);
    for (const id of ['chart-trend', 'chart-funnel', 'chart-mix', 'chart-prompts', 'chart-drop-off', 'chart-rhythm']) {
      expect(page.text).toContain(`<title id="${id}-title">`);
      expect(page.text).toContain(`<desc id="${id}-desc">`);
    }
    expect(page.text).toContain('règle du 1 %');
    expect(page.text).toContain('Statistiques de Sketchers');
    // The facilitator menu links here from the community's other pages.
    const board = await t.call('GET', `/c/${c.slug}/leaderboard`, { token: c.fac.token });
    expect(board.text).toContain(`href="/c/${c.slug}/analytics"`);
    const asMember = await t.call('GET', `/c/${c.slug}/leaderboard`, { token: c.people[0]!.token });
    expect(asMember.text).not.toContain('/analytics"');
  });

  it('a spreadsheet formula in a series title is written as text', async () => {
    const c = await community('public', 0);
    await createSeries(t, c.fac.token, c.slug, { title: '=cmd|x', startDate: '2026-03-02' });
    t.clock.set('2026-03-05T09:00:00Z');
    const csv = (await t.call('GET', `/api/communities/${c.slug}/analytics.csv`, { token: c.fac.token })).text;
    expect(csv).toContain(",title,'=cmd|x\r\n");
  });
});

describe('the rendered page', () => {
  it('is reused while the snapshot stands, and never after it moves on or for another language', async () => {
    const c = await community('public', 1);
    t.clock.set('2026-03-03T09:00:00Z');
    const page = async (lang = 'en') => (await t.call('GET', `/c/${c.slug}/analytics`, { token: c.fac.token, headers: { 'Accept-Language': lang } })).text;
    const first = await page();
    expect(first).toContain('Monday, 2 March 2026');
    expect(await page()).toBe(first);
    expect(await page('fr')).toContain('lundi 2 mars 2026');
    t.clock.set('2026-03-04T09:00:00Z');
    const next = await page();
    expect(next).toContain('Tuesday, 3 March 2026');
    expect(next).not.toContain('Monday, 2 March 2026');
  });
});

describe('the tick', () => {
  it('recomputes a snapshot once the next local day has completed, and leaves fresh ones alone', async () => {
    const c = await community('public', 1);
    t.clock.set('2026-03-03T09:00:00Z');
    expect((await t.call('GET', `/api/communities/${c.slug}/analytics`, { token: c.fac.token })).json.asOf).toBe('2026-03-02');
    const row = async () => (await t.db.select().from(communityAnalytics).where(eq(communityAnalytics.communityId, (await t.call('GET', `/api/communities/${c.slug}`)).json.id)))[0]!;
    expect((await row()).refreshAt).toBe(Date.parse('2026-03-04T00:00:00Z'));
    const first = await row();
    // Snapshots of the other tests' communities may be due too: tick until none is.
    const tickUntilDone = async (at: string) => {
      for (let i = 0; i < 50; i++) if (!(await tick(t.db, new Date(at))).analyzed) return;
    };
    await tickUntilDone('2026-03-03T23:59:00Z');
    expect(await row()).toEqual(first);
    t.clock.set('2026-03-04T00:01:00Z');
    await tickUntilDone('2026-03-04T00:01:00Z');
    expect((await row()).computedAt).toBe(Date.parse('2026-03-04T00:01:00Z'));
    expect((await row()).asOf).toBe('2026-03-03');
  });
});

describe('the computation', () => {
  it('pauses between its parts (the tick lets requests go first there) and gives the same figures as in one go', async () => {
    const c = await community('public', 6);
    const ids = [];
    for (const [i, p] of c.people.entries()) {
      if (i % 2 === 0) ids.push((await answer(p.token, c.prompt[0]!)).json.id as number);
    }
    // Encouragement counts as activity too: from members who did not answer.
    for (const [i, p] of c.people.entries()) {
      if (i % 2 === 1) expect((await t.call('POST', `/api/submissions/${ids[0]}/kudos`, { token: p.token, body: { kind: 'applause' } })).status).toBe(200);
    }
    t.clock.set('2026-03-04T09:00:00Z');
    const [row] = await t.db.select().from(communities).where(eq(communities.slug, c.slug));
    const w = analyticsWindow(row!, t.clock.now());
    let pauses = 0;
    const paced = await computeAnalytics(t.db, row!, w, { pause: async () => void pauses++ });
    // Activity, funnel, series, rhythm: three pauses between four parts (the rhythm's members fit one read).
    expect(pauses).toBe(3);
    expect(paced).toEqual(await computeAnalytics(t.db, row!, w));
    expect(paced.members).toBe(7);
    expect(paced.contributors30).toBe(3);
    expect(paced.active30).toBe(6);
    // Counted two members at a time, the activity figures add up to the same.
    let parts = 0;
    const apart = await activityFigures(t.db, row!.id, w, { membersPerRead: 2, pause: async () => void parts++ });
    expect(apart).toEqual(await activityFigures(t.db, row!.id, w));
    expect(parts).toBe(3); // 7 members, 4 statements
  });
});
