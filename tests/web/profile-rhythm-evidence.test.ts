/**
 * The profile's rhythm heat map (the last 12 weeks, a column a week, shades by answers that day, days to come
 * drawn empty) and badges with their evidence: links to the answers a badge rests on, the member's own
 * anonymous answers included on their own profile; on the public profile only the public answers it lists.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { weekGrid } from '../../src/domain/heatmap/answer-weeks';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  // A Wednesday.
  t = await makeTestApp('2026-03-04T12:00:00Z');
});
afterEach(() => t.close());

const cells = (html: string) => [...html.matchAll(/<span class="heat (heat-[\w]+)"( title="([^"]*)")?/g)].map((m) => ({ shade: m[1]!, title: m[3] }));

async function post(token: string, promptId: number, body: Record<string, unknown>) {
  const res = await t.call('POST', `/api/prompts/${promptId}/submissions`, { token, body: { level: 'easy', body: 'A cup', visibility: 'community', anonymous: false, ...body } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as number;
}

describe('weekGrid', () => {
  it('ends with the week of today, Monday first, counts answers per day and leaves the days to come empty', () => {
    const grid = weekGrid(['2026-03-02', '2026-03-02', '2026-03-04', '2025-12-08', '2026-02-23'], '2026-03-04', 12);
    expect(grid).toHaveLength(12);
    expect(grid[0]!.monday).toBe('2025-12-15');
    expect(grid[11]!.monday).toBe('2026-03-02');
    expect(grid[11]!.days.map((d) => d.count)).toEqual([2, 0, 1, 0, 0, 0, 0]);
    expect(grid[11]!.days.map((d) => d.future ?? false)).toEqual([false, false, false, true, true, true, true]);
    expect(grid[10]!.days[0]).toEqual({ date: '2026-02-23', count: 1 });
    // Before the first week: not shown.
    expect(grid.flatMap((w) => w.days).reduce((n, d) => n + d.count, 0)).toBe(4);
  });
});

describe('the profile heat map', () => {
  it('shades the days I answered, in the community’s day, with one sentence for screen readers', async () => {
    const { member, series } = await communityWithOpenPrompt(t);
    // The series opened on Wednesday 4 March; two answers today, to two prompts of the week.
    await post(member.token, series.prompts[0]!.id, { level: 'easy' });
    await post(member.token, series.prompts[0]!.id, { level: 'hard', anonymous: true });
    const html = (await t.call('GET', '/me', { token: member.token })).text;
    expect(html).toContain('role="img" aria-label="Answered on 1 day in the last 12 weeks"');
    const grid = cells(html.slice(html.indexOf('heatmap-grid'), html.indexOf('heatmap-caption')));
    expect(grid).toHaveLength(84);
    // Column by column: the last column is this week, Wednesday the third day; Thursday on are still to come.
    const thisWeek = grid.slice(77);
    expect(thisWeek.map((c) => c.shade)).toEqual(['heat-0', 'heat-0', 'heat-2', 'heat-future', 'heat-future', 'heat-future', 'heat-future']);
    expect(thisWeek[2]!.title).toBe('Wednesday 4 March: 2 answers');
    expect(grid.slice(0, 77).every((c) => c.shade === 'heat-0')).toBe(true);

    const fr = (await t.call('GET', '/me', { token: member.token, headers: { 'Accept-Language': 'fr' } })).text;
    expect(fr).toContain('aria-label="1 jour avec réponse sur les 12 dernières semaines"');
  });
});

describe('badges with their evidence', () => {
  it('links my own answers behind a badge, anonymous ones too, on my profile only', async () => {
    const { member, prompt, facilitator } = await communityWithOpenPrompt(t);
    const hard = await post(member.token, prompt.id, { level: 'hard', anonymous: true });
    await t.settleRecognition(); // badges are granted after the response, not by the read
    const mine = (await t.call('GET', '/me', { token: member.token })).text;
    // "First answer" and "Took the hard one" both rest on that answer, dated by its day.
    const evidence = [...mine.matchAll(/<span class="badge-evidence">Earned with: <a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)];
    expect(evidence.length).toBeGreaterThanOrEqual(2);
    for (const e of evidence) {
      expect(e[1]).toBe(`/a/${hard}`);
      expect(e[2]).toBe('Wed 4 Mar');
    }
    // The link works for its author.
    expect((await t.call('GET', `/a/${hard}`, { token: member.token })).status).toBe(200);

    // Others see no badge earned by an anonymous answer, and no link to it.
    await t.call('PATCH', '/api/me', { token: member.token, body: { publicProfile: true } });
    const visited = (await t.call('GET', `/u/${member.userId}`, { token: facilitator.token })).text;
    expect(visited).not.toContain(`/a/${hard}`);

    // (A community-only answer is not linked there either: tests/web/member-profile-page.test.ts.)
    const named = await post(member.token, prompt.id, { level: 'easy', visibility: 'public' });
    const after = (await t.call('GET', `/u/${member.userId}`, { token: facilitator.token })).text;
    expect(after).toMatch(new RegExp(`<span class="badge-evidence">Earned with: <a href="/a/${named}"`));
    expect(after).not.toContain(`/a/${hard}"`);
  });
});
