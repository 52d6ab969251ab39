/**
 * Issue 21: a start date at the edge of the calendar once sent the scheduler into an endless loop (a
 * year-10000 day string that never advanced). Dates are bounded at the door, and every walk over days
 * is bounded behind it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prompts, series } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterEach(() => t.close());

const twoPrompts = [
  { easy: 'a', hard: 'b' },
  { easy: 'c', hard: 'd' },
];

describe('dates at the edge of the calendar', () => {
  it.each([
    ['9999-12-31', 'weekdays'],
    ['9999-12-31', 'daily'],
    ['2101-01-01', 'daily'],
    ['1999-12-31', 'daily'],
    ['0000-01-01', 'daily'],
  ])('refuses a series starting %s (%s) with 400 naming startDate, writing nothing', async (startDate, cadence) => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token);
    const res = await t.call('POST', '/api/communities/sketchers/series', {
      token: fran.token,
      body: { title: 'T', startDate, cadence, prompts: twoPrompts },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_input');
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain('startDate');
    expect(await t.db.select().from(series)).toEqual([]);
    expect(await t.db.select().from(prompts)).toEqual([]);
    // The server still answers.
    expect((await t.call('GET', '/healthz')).status).toBe(200);
  });

  it('refuses a series whose last prompt would open past 2100-12-31, and takes one that ends on it', async () => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token);
    const past = await t.call('POST', '/api/communities/sketchers/series', {
      token: fran.token,
      body: { title: 'T', startDate: '2100-12-31', cadence: 'daily', prompts: twoPrompts },
    });
    expect(past.status).toBe(400);
    expect(past.json.error.issues.map((i: { path: string }) => i.path)).toContain('startDate');
    expect(await t.db.select().from(prompts)).toEqual([]);

    const edge = await t.call('POST', '/api/communities/sketchers/series', {
      token: fran.token,
      body: { title: 'T', startDate: '2100-12-30', cadence: 'daily', prompts: twoPrompts },
    });
    expect(edge.status).toBe(201);
    expect(edge.json.prompts.map((p: { opensOn: string }) => p.opensOn)).toEqual(['2100-12-30', '2100-12-31']);
  });

  it('refuses rest weeks outside the calendar it supports', async () => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token);
    const res = await t.call('POST', '/api/communities/sketchers/rhythm/rest-weeks', {
      token: fran.token,
      body: { weekOf: '9999-12-31' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain('weekOf');
  });

  it('answers a week roll of year 9999 with 400 or 404, never a 500', async () => {
    const fran = await t.userToken('fran@example.org');
    await createCommunity(t, fran.token);
    const res = await t.call('GET', '/api/communities/sketchers/weeks/9999-W52', { token: fran.token });
    expect([400, 404]).toContain(res.status);
    expect(res.json.error.code).toMatch(/invalid_input|not_found/);
  });
});
