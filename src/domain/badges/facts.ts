/**
 * Everything the badge rules look at for one member in one community, read from the source tables
 * (answers, kudos given, spotlights, series, rhythm) every time, so a deleted answer can never leave a
 * badge standing on ground that is gone.
 */
import { and, asc, count, eq, inArray, max, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { kudos, prompts, spotlights, submissions } from '../../../db/schema';
import { groupBy } from '../group-by';
import { localDay, weekOf } from '../time';
import { loadRhythmFactsFor, type RhythmFacts } from './rhythm-facts';
import { isClosed, seriesShapes, type SeriesShape } from './series-shapes';
import type { Community } from '../communities/access';

export interface AnswerFact {
  id: number;
  promptId: number;
  seriesId: number;
  level: 'easy' | 'hard';
  visibility: 'facilitators' | 'community' | 'public';
  /** Removed answers are not read at all (their points were reversed); hidden ones still count. */
  moderation: 'visible' | 'hidden' | 'removed';
  createdAt: number;
  /** The community-local Monday of the week the answer was given in. */
  weekOf: string;
  /** Kudos received; only counted for the first answer (the welcome badge looks at nothing else). */
  kudosReceived: number;
}

export interface BadgeFacts {
  /** Oldest first. */
  answers: AnswerFact[];
  /** The answers encouraged, one entry per kudos given, oldest kudos first. */
  kudosGiven: number[];
  /** The member's spotlighted answers, earliest spotlight first. */
  spotlighted: number[];
  /** Series the member completed, earliest completion first, with one answer per prompt. */
  completedSeries: { seriesId: number; answers: number[] }[];
  rhythm: RhythmFacts;
  /** When the newest answer, kudos or spotlight read here was made (0: none). */
  latestAt: number;
}

/** One answer as the facts' read returns it. */
type AnswerRow = [
  userId: number,
  id: number,
  promptId: number,
  seriesId: number,
  level: AnswerFact['level'],
  visibility: AnswerFact['visibility'],
  moderation: AnswerFact['moderation'],
  createdAt: number,
];

export interface Member {
  communityId: number;
  userId: number;
}

/**
 * What to read: everything (the member's own badges), or named answers only (badges as others see them:
 * as if the member's anonymous answers, and kudos given to anonymous answers, belonged to no one).
 */
export interface FactsScope {
  namedOnly?: boolean;
}

/** One member's facts in `community` (its row, which every caller has already read). */
export async function loadBadgeFacts(db: Db, community: Community, userId: number, now: Date, scope: FactsScope = {}): Promise<BadgeFacts> {
  return (await loadBadgeFactsFor(db, community, [{ userId, now }], scope)).get(userId)!;
}

/**
 * The facts of several members of one community, each as of its own `now`, in the same few statements as
 * one member's: a background drain refreshes many members at once (src/domain/recognition/drain.ts).
 */
export async function loadBadgeFactsFor(
  db: Db,
  community: Community,
  members: { userId: number; now: Date }[],
  { namedOnly = false }: FactsScope = {},
): Promise<Map<number, BadgeFacts>> {
  const named = namedOnly ? eq(submissions.anonymous, false) : undefined;
  const userIds = members.map((m) => m.userId);
  const communityId = community.id;
  const [read] = await db
    // One row: the answers as a JSON array of arrays. A member's whole history is hundreds of answers, and each
    // row handed to JavaScript through the driver cost more than SQLite's work on it (two members' 300 answers:
    // ~1 ms as rows, ~0.3 ms as one JSON text; tests/bench/README.md, "ninth pass").
    .select({
      answers: sql<string>`json_group_array(json_array(${submissions.userId}, ${submissions.id}, ${submissions.promptId}, ${prompts.seriesId},
        ${submissions.level}, ${submissions.visibility}, ${submissions.moderation}, ${submissions.createdAt}))`,
    })
    .from(submissions)
    .innerJoin(prompts, eq(prompts.id, submissions.promptId))
    // SQLite seeks submissions_member (community, member, created_at) for each member.
    .where(and(eq(submissions.communityId, communityId), inArray(submissions.userId, userIds), ne(submissions.moderation, 'removed'), named));
  const rows = (JSON.parse(read!.answers) as AnswerRow[])
    .map(([userId, id, promptId, seriesId, level, visibility, moderation, createdAt]) => ({
      userId,
      id,
      promptId,
      seriesId,
      level,
      visibility,
      moderation,
      createdAt,
    }))
    // Each member's answers oldest first, as the rules read them: an aggregate's input order is SQLite's to choose.
    // Sorted here, not by ORDER BY: ordered by time, SQLite walked the community's whole timeline by
    // submissions_community_time to skip a sort (68 ms for 4 members of the bench's 300,000-answer community).
    .sort((a, b) => a.userId - b.userId || a.createdAt - b.createdAt || a.id - b.id);
  const answersOf = groupBy(
    rows,
    (r) => r.userId,
    ({ userId: _, ...r }): AnswerFact => ({
      ...r,
      weekOf: weekOf(localDay(new Date(r.createdAt), community.timeZone, community.dayStartHour)),
      kudosReceived: 0,
    }),
  );

  // Kudos on each member's first answer (the welcome badge looks at nothing else).
  const firsts = [...answersOf.values()].map((list) => list[0]!);
  const welcome = firsts.length
    ? await db
        .select({ submissionId: kudos.submissionId, n: count(), at: max(kudos.createdAt) })
        .from(kudos)
        .where(inArray(kudos.submissionId, firsts.map((a) => a.id)))
        .groupBy(kudos.submissionId)
    : [];
  const welcomeOf = new Map(welcome.map((w) => [w.submissionId, w]));

  const byMember = (r: { userId: number }) => r.userId;
  const given = groupBy(
    await db
      .select({ userId: kudos.userId, submissionId: kudos.submissionId, createdAt: kudos.createdAt })
      .from(kudos)
      .innerJoin(submissions, eq(submissions.id, kudos.submissionId))
      .where(and(inArray(kudos.userId, userIds), eq(submissions.communityId, communityId), named))
      .orderBy(asc(kudos.createdAt), asc(kudos.submissionId)),
    byMember,
  );
  const lit = groupBy(
    await db
      .select({ userId: submissions.userId, submissionId: spotlights.submissionId, createdAt: spotlights.createdAt })
      .from(spotlights)
      .innerJoin(submissions, eq(submissions.id, spotlights.submissionId))
      .where(and(eq(spotlights.communityId, communityId), inArray(submissions.userId, userIds), named))
      .orderBy(asc(spotlights.createdAt), asc(spotlights.submissionId)),
    byMember,
  );
  const shapes = await seriesShapes(db, [...new Set(rows.map((r) => r.seriesId))]);
  const rhythm = await loadRhythmFactsFor(db, community, members, groupBy(rows, (r) => r.userId, (r) => r.createdAt));

  const facts = new Map<number, BadgeFacts>();
  for (const { userId } of members) {
    const answers = answersOf.get(userId) ?? [];
    const first = answers[0] && welcomeOf.get(answers[0].id);
    if (first) answers[0]!.kudosReceived = first.n;
    const g = given.get(userId) ?? [];
    const l = lit.get(userId) ?? [];
    const latestAt = Math.max(0, first?.at ?? 0, ...answers.map((a) => a.createdAt), ...g.map((r) => r.createdAt), ...l.map((r) => r.createdAt));
    facts.set(userId, {
      answers,
      kudosGiven: g.map((r) => r.submissionId),
      spotlighted: l.map((r) => r.submissionId),
      completedSeries: completedFrom(shapes, answers),
      rhythm: rhythm.get(userId)!,
      latestAt,
    });
  }
  return facts;
}

/**
 * Series of which the member answered every prompt, where the series is finished or all its prompts have
 * opened (a running series with prompts still to come is not complete yet). Evidence: the first answer to
 * each prompt; a series is completed when its last missing prompt was answered.
 */
function completedFrom(shapes: Map<number, SeriesShape>, answers: AnswerFact[]) {
  const seriesIds = [...new Set(answers.map((a) => a.seriesId))];
  if (seriesIds.length === 0) return [];
  const firstAnswer = new Map<number, AnswerFact>();
  for (const a of answers) if (!firstAnswer.has(a.promptId)) firstAnswer.set(a.promptId, a);

  const done: { seriesId: number; answers: number[]; at: number }[] = [];
  for (const id of seriesIds) {
    const shape = shapes.get(id);
    if (!shape || !isClosed(shape) || shape.opened.length === 0) continue;
    const proof = shape.opened.map((promptId) => firstAnswer.get(promptId));
    if (proof.some((a) => a === undefined)) continue;
    const got = proof as AnswerFact[];
    done.push({ seriesId: id, answers: got.map((a) => a.id), at: Math.max(...got.map((a) => a.createdAt)) });
  }
  done.sort((x, y) => x.at - y.at || x.seriesId - y.seriesId);
  return done.map(({ seriesId, answers: ids }) => ({ seriesId, answers: ids.sort((x, y) => x - y) }));
}
