import { eq, isNotNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prompts, series } from '../../db/schema';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries } from '../helpers/fixtures';

let t: TestApp;
afterEach(() => t.close());

const todayOf = async (slug: string) => (await t.call('GET', `/api/communities/${slug}/today`)).json;
const openedCount = async () => (await t.db.select().from(prompts).where(isNotNull(prompts.openedAt))).length;

describe('the scheduler', () => {
  beforeEach(async () => {
    t = await makeTestApp('2026-03-01T00:00:00Z');
  });

  it('opens each community at its own local midnight: Tokyo first, Vancouver 17 hours later', async () => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token, { slug: 'tokyo', timeZone: 'Asia/Tokyo' });
    await createCommunity(t, fran.token, { slug: 'vancouver', timeZone: 'America/Vancouver' });
    await createSeries(t, fran.token, 'tokyo', { startDate: '2026-03-03' });
    await createSeries(t, fran.token, 'vancouver', { startDate: '2026-03-03' });

    t.clock.set('2026-03-02T14:59:00Z'); // 23:59 in Tokyo
    expect(await tick(t.db, t.clock.now())).toEqual({ opened: 0, finished: 0 });
    t.clock.set('2026-03-02T15:00:00Z'); // midnight in Tokyo, 07:00 the day before in Vancouver
    expect(await tick(t.db, t.clock.now())).toEqual({ opened: 1, finished: 0 });
    expect((await todayOf('tokyo')).prompts.map((p: any) => p.opensOn)).toEqual(['2026-03-03']);
    expect(await todayOf('vancouver')).toMatchObject({ date: '2026-03-02', prompts: [] });

    t.clock.set('2026-03-03T07:59:00Z');
    expect((await tick(t.db, t.clock.now())).opened).toBe(0);
    t.clock.set('2026-03-03T08:00:00Z'); // midnight PST
    expect((await tick(t.db, t.clock.now())).opened).toBe(1);
    expect(await todayOf('vancouver')).toMatchObject({ date: '2026-03-03', prompts: [{ opensOn: '2026-03-03' }] });
  });

  it('honours the day-start hour across the spring DST change (02:00 does not exist that day)', async () => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token, { slug: 'van', timeZone: 'America/Vancouver', dayStartHour: 2 });
    t.clock.set('2026-03-07T20:00:00Z');
    await createSeries(t, fran.token, 'van', { startDate: '2026-03-07' }); // 03-07, 03-08 (DST), 03-09
    expect(await openedCount()).toBe(1);

    t.clock.set('2026-03-08T09:59:00Z'); // 01:59 PST
    expect((await tick(t.db, t.clock.now())).opened).toBe(0);
    t.clock.set('2026-03-08T10:00:00Z'); // the clock jumps to 03:00 PDT
    expect((await tick(t.db, t.clock.now())).opened).toBe(1);
    t.clock.set('2026-03-09T08:59:00Z'); // 01:59 PDT
    expect((await tick(t.db, t.clock.now())).opened).toBe(0);
    t.clock.set('2026-03-09T09:00:00Z'); // 02:00 PDT
    expect((await tick(t.db, t.clock.now())).opened).toBe(1);
  });

  it('is safe to run twice and catches up when run late', async () => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token, { slug: 'paris', timeZone: 'Europe/Paris', dayStartHour: 6 });
    const created = await createSeries(t, fran.token, 'paris', { startDate: '2026-03-02' });
    expect(await openedCount()).toBe(0);

    t.clock.set('2026-03-03T09:30:00Z'); // missed the whole of 03-02 and the start of 03-03
    const [first, second] = [await tick(t.db, t.clock.now()), await tick(t.db, t.clock.now())];
    expect(first).toEqual({ opened: 2, finished: 0 });
    expect(second).toEqual({ opened: 0, finished: 0 });
    const rows = await t.db.select().from(prompts).where(eq(prompts.seriesId, created.id));
    expect(rows.map((r) => r.openedAt !== null)).toEqual([true, true, false]);
    const [s] = await t.db.select().from(series).where(eq(series.id, created.id));
    expect(s!.status).toBe('running');
    const today = await todayOf('paris');
    expect(today.prompts.map((p: any) => p.opensOn)).toEqual(['2026-03-03']);
    expect(today.open.map((p: any) => p.opensOn)).toEqual(['2026-03-02']);
  });

  it('finishes a series once its late window after the last prompt has passed', async () => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token, { slug: 'tokyo', timeZone: 'Asia/Tokyo' });
    await createSeries(t, fran.token, 'tokyo', { startDate: '2026-03-02' }); // last prompt 03-04
    t.clock.set('2026-03-11T14:59:00Z'); // 03-11 23:59 Tokyo: the seventh late day
    expect((await tick(t.db, t.clock.now())).finished).toBe(0);
    expect((await todayOf('tokyo')).open).toHaveLength(3);
    t.clock.set('2026-03-11T15:00:00Z');
    expect(await tick(t.db, t.clock.now())).toEqual({ opened: 0, finished: 1 });
    expect(await tick(t.db, t.clock.now())).toEqual({ opened: 0, finished: 0 });
    expect(await todayOf('tokyo')).toMatchObject({ prompts: [], open: [] });
  });
});
