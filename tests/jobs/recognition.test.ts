/** The background drain after responses: one run at a time per app, and it leaves the queue empty. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badgeGrants, recognitionQueue } from '../../db/schema';
import { drainRecognitionSoon, pauseBeforePass } from '../../src/jobs/recognition';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterEach(() => t.close());

describe('draining after the response', () => {
  it('runs one drain at a time, asks it for another round when more comes meanwhile, and empties the queue', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const others = [];
    for (const name of ['ada', 'bo', 'cy']) {
      const other = await t.userToken(`${name}@example.org`, name);
      await join(t, other.token, community.slug);
      others.push(other);
    }
    const answer = (token: string) =>
      t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token, body: { level: 'easy', body: 'x', visibility: 'community' } });

    let running = 0;
    let mostAtOnce = 0;
    const runs: Promise<unknown>[] = [];
    const deps = {
      db: t.db,
      clock: t.clock.now,
      defer: (work: Promise<unknown>) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        runs.push(work.finally(() => running--));
      },
    };

    await answer(member.token);
    drainRecognitionSoon(deps);
    drainRecognitionSoon(deps); // while the first run is under way: no second run
    expect(runs).toHaveLength(1);
    for (const other of others) {
      await answer(other.token);
      drainRecognitionSoon(deps);
    }
    while (runs.length > 0) await runs.shift();

    expect(mostAtOnce).toBe(1);
    expect(await t.db.select().from(recognitionQueue)).toEqual([]);
    expect(await t.db.select({ userId: badgeGrants.userId }).from(badgeGrants)).toHaveLength(4);
  });

  it('hands the drain to the home when it runs drains elsewhere (Node: their own thread), and runs it here when that is gone', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level: 'easy', body: 'x' } });
    let elsewhere = true;
    let handed = 0;
    const deferred: Promise<unknown>[] = [];
    const deps = {
      db: t.db,
      clock: t.clock.now,
      defer: (work: Promise<unknown>) => void deferred.push(work),
      drainRecognition: () => (handed++, elsewhere),
    };
    drainRecognitionSoon(deps);
    expect({ handed, deferred: deferred.length }).toEqual({ handed: 1, deferred: 0 });
    expect(await t.db.select().from(recognitionQueue)).toHaveLength(1);

    elsewhere = false;
    drainRecognitionSoon(deps);
    expect({ handed, deferred: deferred.length }).toEqual({ handed: 2, deferred: 1 });
    await deferred[0];
    expect(await t.db.select().from(recognitionQueue)).toEqual([]);
  });

  it("gives the tick's share to the home's drain thread when it takes it, and drains it in the tick when not", async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level: 'easy', body: 'x' } });
    let handed = 0;
    const taken = await tick(t.db, t.clock.now(), undefined, { drainRecognition: () => (handed++, true) });
    expect({ handed, recognized: taken.recognized }).toEqual({ handed: 1, recognized: undefined });
    expect(await t.db.select().from(recognitionQueue)).toHaveLength(1);

    const refused = await tick(t.db, t.clock.now(), undefined, { drainRecognition: () => (handed++, false) });
    expect({ handed, recognized: refused.recognized }).toEqual({ handed: 2, recognized: 1 });
    expect(await t.db.select().from(recognitionQueue)).toEqual([]);
  });

  it('does nothing without a way to run after the response (reads drain what they show)', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level: 'easy', body: 'x' } });
    drainRecognitionSoon({ db: t.db, clock: t.clock.now });
    expect(await t.db.select().from(recognitionQueue)).toHaveLength(1);
  });
});

describe('the pace of a drain with a backlog', () => {
  it('waits nine times as long as a full pass took, so it takes at most a tenth of the time', () => {
    expect(pauseBeforePass(true, 8)).toBeCloseTo(72);
    expect(pauseBeforePass(true, 0.5)).toBeCloseTo(4.5);
    const share = (passMs: number) => passMs / (passMs + pauseBeforePass(true, passMs));
    for (const ms of [0.2, 3, 40]) expect(share(ms)).toBeCloseTo(0.1);
  });

  it('takes a quarter again once the longest-waiting change in the pass had waited five seconds', () => {
    expect(pauseBeforePass(true, 8, 4_999)).toBeCloseTo(72);
    expect(pauseBeforePass(true, 8, 5_000)).toBeCloseTo(24);
    expect(pauseBeforePass(true, 8, 60_000)).toBeCloseTo(24);
  });

  it('waits the short gathering delay before a first pass, whatever the last one cost', () => {
    expect(pauseBeforePass(false, 0)).toBe(20);
    expect(pauseBeforePass(false, 30)).toBe(20);
  });
});
