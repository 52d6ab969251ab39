/**
 * A change that lands while a drain is refreshing the same member: the drain keeps the queue entry (its
 * revision moved), so the change is refreshed again, and nothing it granted is dated before what it saw.
 * The refresh is wrapped so a test can make the change at an exact point inside it.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { badgeGrants, recognitionQueue } from '../../db/schema';
import { drainRecognition } from '../../src/domain/recognition/drain';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

const hooks: { before?: () => Promise<void>; after?: () => Promise<void> } = {};
vi.mock('../../src/domain/badges/refresh', async (original) => {
  const real = await original<typeof import('../../src/domain/badges/refresh')>();
  return {
    ...real,
    refreshBadgesFor: async (...args: Parameters<typeof real.refreshBadgesFor>) => {
      const before = hooks.before;
      delete hooks.before;
      await before?.();
      const changes = await real.refreshBadgesFor(...args);
      const after = hooks.after;
      delete hooks.after;
      await after?.();
      return changes;
    },
  };
});

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterEach(() => t.close());

const answer = (token: string, promptId: number, level: 'easy' | 'hard') =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, { token, body: { level, body: 'x', visibility: 'community' } });
const granted = async (userId: number) =>
  (await t.db.select().from(badgeGrants).where(eq(badgeGrants.userId, userId)).orderBy(badgeGrants.badgeId)).map((g) => [
    g.badgeId,
    g.grantedAt,
  ]);

describe('a change queued during a drain', () => {
  it('is not lost: the drain leaves it queued, and the next drain refreshes it', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const easyAt = t.clock.now().getTime();
    await answer(member.token, prompt.id, 'easy');
    t.clock.advance(60_000);
    const hardAt = t.clock.now().getTime();
    // After the refresh read the member's answers, before the drain removes the entry.
    hooks.after = async () => void (await answer(member.token, prompt.id, 'hard'));

    expect(await drainRecognition(t.db)).toBe(1);
    expect(await granted(member.userId)).toEqual([['first-answer', easyAt]]);
    expect(await t.db.select().from(recognitionQueue)).toEqual([expect.objectContaining({ queuedAt: hardAt, revision: 1 })]);

    expect(await drainRecognition(t.db)).toBe(1);
    expect(await granted(member.userId)).toEqual([['first-answer', easyAt], ['first-hard-answer', hardAt]]);
    expect(await t.db.select().from(recognitionQueue)).toEqual([]);
  });

  it('never dates a badge before the change that earned it, even when the refresh saw a newer change', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const easyAt = t.clock.now().getTime();
    await answer(member.token, prompt.id, 'easy');
    t.clock.advance(7 * 86_400_000); // next week: a grant dated last week would show at once on a profile
    const hardAt = t.clock.now().getTime();
    // After the drain read the entry (queued at easyAt), before the refresh reads the answers.
    hooks.before = async () => void (await answer(member.token, prompt.id, 'hard'));

    await drainRecognition(t.db);
    expect(await granted(member.userId)).toEqual([['first-answer', hardAt], ['first-hard-answer', hardAt]]);
    expect(easyAt).toBeLessThan(hardAt);
    // Still queued (the answer moved the revision), and the next refresh changes nothing.
    expect(await drainRecognition(t.db)).toBe(1);
    expect(await granted(member.userId)).toEqual([['first-answer', hardAt], ['first-hard-answer', hardAt]]);
  });
});
