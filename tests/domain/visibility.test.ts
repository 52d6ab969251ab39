/**
 * The two forms of the one visibility rule (src/domain/answers/visibility.ts) agree on every combination of
 * viewer role, authorship, answer visibility and moderation state, with the viewer given as values (most
 * queries) or as SQL expressions (the gallery's viewer row), evaluated by SQLite itself.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasColumns, answerVisibleSql, canSee, sqlViewerIn, type AnswerFacts, type Viewer } from '../../src/domain/answers/visibility';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

const AUTHOR = 7;
const answers: AnswerFacts[] = (['facilitators', 'community', 'public'] as const).flatMap((visibility) =>
  (['visible', 'hidden', 'removed'] as const).map((moderation) => ({ visibility, moderation, userId: AUTHOR })),
);
const viewers: Viewer[] = (['visitor', 'member', 'facilitator', 'steward'] as const).flatMap((role) =>
  [null, 8, AUTHOR].map((callerId) => ({ role, callerId })),
);

/** Which of `answers` SQLite keeps under `condition` over the alias `s`. */
async function kept(condition: (s: ReturnType<typeof aliasColumns>) => ReturnType<typeof sql>) {
  const rows = answers.map((a, i) => sql`select ${i} as i, ${a.visibility} as visibility, ${a.moderation} as moderation, ${a.userId} as user_id`);
  const result = await t.db.all<{ i: number }>(
    sql`select s.i from (${sql.join(rows, sql` union all `)}) s where ${condition(aliasColumns('s'))} order by s.i`,
  );
  return result.map((r) => Number(r.i));
}

describe('the visibility rule', () => {
  it('reads the same in TypeScript and in SQL, for every viewer and answer', async () => {
    for (const viewer of viewers) {
      // The SQL form cannot see the community: for a steward it is the private case (sqlViewerIn turns a
      // steward outside a public community into a visitor, checked below).
      const expected = answers.flatMap((a, i) => (canSee(viewer, a, viewer.role === 'steward' ? 'private' : 'public') ? [i] : []));
      expect(await kept((s) => answerVisibleSql(viewer, s)), JSON.stringify(viewer)).toEqual(expected);
      const asSql = { role: sql`${viewer.role}`, callerId: sql`${viewer.callerId}` };
      expect(await kept((s) => answerVisibleSql(asSql, s)), `as SQL ${JSON.stringify(viewer)}`).toEqual(expected);
    }
  });

  it('says who reads what', () => {
    const who = (a: AnswerFacts) =>
      viewers.filter((v) => v.role !== 'steward' && canSee(v, a, 'public')).map((v) => `${v.role}${v.callerId === AUTHOR ? '(author)' : ''}`);
    const unique = (xs: string[]) => [...new Set(xs)];
    expect(unique(who({ visibility: 'public', moderation: 'visible', userId: AUTHOR }))).toEqual(['visitor', 'visitor(author)', 'member', 'member(author)', 'facilitator', 'facilitator(author)']);
    expect(unique(who({ visibility: 'community', userId: AUTHOR }))).toEqual(['visitor(author)', 'member', 'member(author)', 'facilitator', 'facilitator(author)']);
    expect(unique(who({ visibility: 'public', moderation: 'hidden', userId: AUTHOR }))).toEqual(['visitor(author)', 'member(author)', 'facilitator', 'facilitator(author)']);
    expect(who({ visibility: 'public', moderation: 'removed', userId: AUTHOR })).toEqual([]);
    // A private community's visitors read nothing, their own answers included (they are no longer members).
    expect(canSee({ role: 'visitor', callerId: AUTHOR }, { visibility: 'public', userId: AUTHOR }, 'private')).toBe(false);
  });

  it('lets a steward outside a community read its numbers elsewhere but no answer text, their own aside', async () => {
    const all = (communityVisibility: 'public' | 'private', callerId: number | null) =>
      answers.filter((a) => canSee({ role: 'steward', callerId }, a, communityVisibility));
    // A private community: not a word of anyone else's answer, whatever its visibility.
    expect(all('private', 8)).toEqual([]);
    expect(all('private', AUTHOR).map((a) => a.moderation)).toEqual(['visible', 'hidden', 'visible', 'hidden', 'visible', 'hidden']);
    // A public community: what any visitor reads, no more (nothing for facilitators, nothing hidden).
    expect(all('public', 8)).toEqual(answers.filter((a) => canSee({ role: 'visitor', callerId: null }, a, 'public')));
    // The SQL form agrees once sqlViewerIn has placed the steward in the community.
    for (const communityVisibility of ['public', 'private'] as const) {
      const viewer = sqlViewerIn({ role: 'steward', callerId: 8 }, communityVisibility);
      const expected = answers.flatMap((a, i) => (canSee({ role: 'steward', callerId: 8 }, a, communityVisibility) ? [i] : []));
      expect(await kept((s) => answerVisibleSql(viewer, s)), communityVisibility).toEqual(expected);
    }
  });
});
