import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prompts, series } from '../../db/schema';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z'); // a Monday
});
afterEach(() => t.close());

const today = (token?: string, slug = 'sketchers') => t.call('GET', `/api/communities/${slug}/today`, { token });

describe('series', () => {
  it('derives each opening day from the start date and cadence, with default points', async () => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token);
    const created = await createSeries(t, fran.token, 'sketchers', { startDate: '2026-03-06', cadence: 'weekdays' });
    expect(created.prompts.map((p) => p.opensOn)).toEqual(['2026-03-06', '2026-03-09', '2026-03-10']);
    expect(created).toMatchObject({ status: 'scheduled', prompts: [{ easy: { points: 1 }, hard: { points: 3 } }, {}, {}] });
    expect((await today()).json).toEqual({ date: '2026-03-02', prompts: [], open: [] });
  });

  it('opens past prompts at once as late ones when the start date is in the past', async () => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token);
    const created = await createSeries(t, fran.token, 'sketchers', {
      startDate: '2026-02-28',
      prompts: [1, 2, 3, 4].map((n) => ({ easy: `e${n}`, hard: `h${n}`, easyPoints: 2, hardPoints: 5 })),
    });
    const res = await today();
    expect(res.json.date).toBe('2026-03-02');
    expect(res.json.prompts.map((p: any) => p.id)).toEqual([created.prompts[2]!.id]);
    expect(res.json.prompts[0]).toEqual({
      id: created.prompts[2]!.id,
      seriesId: created.id,
      seriesTitle: 'Warm-ups',
      opensOn: '2026-03-02',
      easy: { text: 'e3', points: 2 },
      hard: { text: 'h3', points: 5 },
    });
    expect(res.json.open.map((p: any) => p.opensOn)).toEqual(['2026-03-01', '2026-02-28']);
  });

  it('only lets facilitators create, and shows members only opened prompts', async () => {
    const fran = await t.userToken('fran@example.org');
    const mo = await t.userToken('mo@example.org');
    await createCommunity(t, fran.token);
    await join(t, mo.token, 'sketchers');
    const refused = await t.call('POST', '/api/communities/sketchers/series', {
      token: mo.token,
      body: { title: 'x', startDate: '2026-03-02', cadence: 'daily', prompts: [{ easy: 'a', hard: 'b' }] },
    });
    expect(refused.status).toBe(403);
    expect(await t.db.select().from(series)).toEqual([]);

    const created = await createSeries(t, fran.token, 'sketchers');
    const seen = await t.call('GET', `/api/series/${created.id}`, { token: mo.token });
    expect(seen.json.prompts.map((p: any) => p.position)).toEqual([1]);
    const planned = await t.call('GET', `/api/series/${created.id}`, { token: fran.token });
    expect(planned.json.prompts.map((p: any) => p.position)).toEqual([1, 2, 3]);
  });

  it.each([
    [{ title: '', startDate: '2026-03-02', cadence: 'daily', prompts: [{ easy: 'a', hard: 'b' }] }, 'title'],
    [{ title: 'T', startDate: '2026-02-30', cadence: 'daily', prompts: [{ easy: 'a', hard: 'b' }] }, 'startDate'],
    [{ title: 'T', startDate: '2026-03-02', cadence: 'hourly', prompts: [{ easy: 'a', hard: 'b' }] }, 'cadence'],
    [{ title: 'T', startDate: '2026-03-02', cadence: 'daily', prompts: [] }, 'prompts'],
    [{ title: 'T', startDate: '2026-03-02', cadence: 'daily', prompts: [{ easy: '', hard: 'b' }] }, 'prompts.0.easy'],
    [{ title: 'T', startDate: '2026-03-02', cadence: 'daily', prompts: [{ easy: 'a', hard: 'b', hardPoints: -1 }] }, 'prompts.0.hardPoints'],
  ])('refuses a bad series (%#) naming %s, writing nothing', async (body, path) => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token);
    const res = await t.call('POST', '/api/communities/sketchers/series', { token: fran.token, body });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: any) => i.path)).toContain(path);
    expect(await t.db.select().from(prompts)).toEqual([]);
  });

  it('pauses (no prompt opens, no answers) and resumes keeping the cadence from today', async () => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token);
    const created = await createSeries(t, fran.token, 'sketchers'); // 03-02, 03-03, 03-04
    const paused = await t.call('POST', `/api/series/${created.id}/pause`, { token: fran.token });
    expect(paused.json.status).toBe('paused');
    expect((await today()).json.prompts).toEqual([]);

    t.clock.set('2026-03-05T12:00:00Z');
    expect(await tick(t.db, t.clock.now())).toEqual({ opened: 0, finished: 0 });
    const again = await t.call('POST', `/api/series/${created.id}/pause`, { token: fran.token });
    expect(again.status).toBe(409);

    const resumed = await t.call('POST', `/api/series/${created.id}/resume`, { token: fran.token });
    expect(resumed.json.status).toBe('running');
    expect(resumed.json.prompts.map((p: any) => [p.opensOn, p.opened])).toEqual([
      ['2026-03-02', true],
      ['2026-03-05', true],
      ['2026-03-06', false],
    ]);
    expect((await today()).json.prompts.map((p: any) => p.opensOn)).toEqual(['2026-03-05']);
  });
});
