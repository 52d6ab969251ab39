/** The leaderboard is cached per community, and every change a board shows invalidates it at once. */
import type { InStatement } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibsql } from '../../db/libsql';
import { communities, memberships } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const board = async () => (await t.call('GET', '/api/communities/sketchers/leaderboard?period=all')).json.entries;
const version = async () => (await t.db.select().from(communities).where(eq(communities.slug, 'sketchers')))[0]!.boardVersion;

describe('the cached leaderboard', () => {
  it('is never behind: answers, renames, opting out and leaving all show on the next read', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    expect(await board()).toEqual([]);
    expect(await board()).toEqual([]); // served from the cache

    const before = await version();
    await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level: 'easy', body: 'hi' } });
    expect(await version()).toBeGreaterThan(before);
    expect(await board()).toEqual([{ rank: 1, name: 'Mo', points: 2 }]);

    await t.call('PATCH', '/api/me', { token: member.token, body: { name: 'Maureen' } });
    expect(await board()).toEqual([{ rank: 1, name: 'Maureen', points: 2 }]);

    await t.call('PATCH', '/api/me', { token: member.token, body: { showOnLeaderboards: false } });
    expect(await board()).toEqual([]);
    await t.call('PATCH', '/api/me', { token: member.token, body: { showOnLeaderboards: true } });
    expect(await board()).toEqual([{ rank: 1, name: 'Maureen', points: 2 }]);

    // Removed from the community (a facilitator's moderation): off the board at once.
    await t.db.delete(memberships).where(eq(memberships.userId, member.userId));
    expect(await board()).toEqual([]);
    expect(community.slug).toBe('sketchers');
  });

  it("serves a visitor's repeated read without asking the database, and still sees other processes' writes", async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level: 'easy', body: 'hi' } });
    expect(await board()).toEqual([{ rank: 1, name: 'Mo', points: 2 }]);

    const executed: string[] = [];
    const execute = t.client.execute.bind(t.client);
    t.client.execute = ((stmt: InStatement) => {
      executed.push(typeof stmt === 'string' ? stmt : stmt.sql);
      return execute(stmt);
    }) as typeof t.client.execute;
    expect(await board()).toEqual([{ rank: 1, name: 'Mo', points: 2 }]);
    expect(executed).toEqual([]);

    // Another process on the same file (the CLI, say) renames the member: the next read shows it.
    const other = await openLibsql({ url: `file:${t.file}` });
    await other.client.execute({ sql: "UPDATE users SET name = 'Maureen' WHERE id = ?", args: [member.userId] });
    other.client.close();
    expect(await board()).toEqual([{ rank: 1, name: 'Maureen', points: 2 }]);
    expect(executed.length).toBeGreaterThan(0);
  });
});
