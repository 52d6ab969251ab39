/**
 * Everything the badge rules look at for one member in one community, read from the source tables
 * (answers, kudos given, spotlights, series, rhythm) every time, so a deleted answer can never leave a
 * badge standing on ground that is gone.
 */
import { and, asc, count, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, kudos, prompts, series, spotlights, submissions } from '../../../db/schema';
import { localDay, weekOf } from '../time';
import { loadRhythmFacts, type RhythmFacts } from './rhythm-facts';

export interface AnswerFact {
  id: number;
  promptId: number;
  seriesId: number;
  level: 'easy' | 'hard';
  visibility: 'facilitators' | 'community' | 'public';
  anonymous: boolean;
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

export interface Member {
  communityId: number;
  userId: number;
}

export async function loadBadgeFacts(db: Db, m: Member, now: Date): Promise<BadgeFacts> {
  const [community] = await db.select().from(communities).where(eq(communities.id, m.communityId));
  if (!community) throw new Error(`community ${m.communityId} not found`);
  const rows = await db
    .select({
      id: submissions.id,
      promptId: submissions.promptId,
      seriesId: prompts.seriesId,
      level: submissions.level,
      visibility: submissions.visibility,
      anonymous: submissions.anonymous,
      createdAt: submissions.createdAt,
    })
    .from(submissions)
    .innerJoin(prompts, eq(prompts.id, submissions.promptId))
    .where(and(eq(submissions.communityId, m.communityId), eq(submissions.userId, m.userId)))
    .orderBy(asc(submissions.createdAt), asc(submissions.id));
  const answers: AnswerFact[] = rows.map((r) => ({
    ...r,
    weekOf: weekOf(localDay(new Date(r.createdAt), community.timeZone, community.dayStartHour)),
    kudosReceived: 0,
  }));
  let latestAt = Math.max(0, ...answers.map((a) => a.createdAt));
  if (answers[0]) {
    const [k] = await db.select({ n: count(), at: max(kudos.createdAt) }).from(kudos).where(eq(kudos.submissionId, answers[0].id));
    answers[0].kudosReceived = k?.n ?? 0;
    latestAt = Math.max(latestAt, k?.at ?? 0);
  }

  const given = await db
    .select({ submissionId: kudos.submissionId, createdAt: kudos.createdAt })
    .from(kudos)
    .innerJoin(submissions, eq(submissions.id, kudos.submissionId))
    .where(and(eq(kudos.userId, m.userId), eq(submissions.communityId, m.communityId)))
    .orderBy(asc(kudos.createdAt), asc(kudos.submissionId));

  const lit = await db
    .select({ submissionId: spotlights.submissionId, createdAt: spotlights.createdAt })
    .from(spotlights)
    .innerJoin(submissions, eq(submissions.id, spotlights.submissionId))
    .where(and(eq(spotlights.communityId, m.communityId), eq(submissions.userId, m.userId)))
    .orderBy(asc(spotlights.createdAt), asc(spotlights.submissionId));

  for (const r of [...given, ...lit]) latestAt = Math.max(latestAt, r.createdAt);

  return {
    answers,
    kudosGiven: given.map((g) => g.submissionId),
    spotlighted: lit.map((s) => s.submissionId),
    completedSeries: await completedSeries(db, answers),
    rhythm: await loadRhythmFacts(db, m, community, now),
    latestAt,
  };
}

/**
 * Series of which the member answered every prompt, where the series is finished or all its prompts have
 * opened (a running series with prompts still to come is not complete yet). Evidence: the first answer to
 * each prompt; a series is completed when its last missing prompt was answered.
 */
export async function completedSeries(db: Db, answers: AnswerFact[]) {
  const seriesIds = [...new Set(answers.map((a) => a.seriesId))];
  if (seriesIds.length === 0) return [];
  const all = await db
    .select({ id: prompts.id, seriesId: prompts.seriesId, openedAt: prompts.openedAt, status: series.status })
    .from(prompts)
    .innerJoin(series, eq(series.id, prompts.seriesId))
    .where(inArray(prompts.seriesId, seriesIds));
  const firstAnswer = new Map<number, AnswerFact>();
  for (const a of answers) if (!firstAnswer.has(a.promptId)) firstAnswer.set(a.promptId, a);

  const done: { seriesId: number; answers: number[]; at: number }[] = [];
  for (const id of seriesIds) {
    const ps = all.filter((p) => p.seriesId === id);
    const closed = ps[0]?.status === 'finished' || ps.every((p) => p.openedAt !== null);
    const opened = ps.filter((p) => p.openedAt !== null);
    const proof = opened.map((p) => firstAnswer.get(p.id));
    if (!closed || opened.length === 0 || proof.some((a) => a === undefined)) continue;
    const got = proof as AnswerFact[];
    done.push({ seriesId: id, answers: got.map((a) => a.id), at: Math.max(...got.map((a) => a.createdAt)) });
  }
  done.sort((x, y) => x.at - y.at || x.seriesId - y.seriesId);
  return done.map(({ seriesId, answers: ids }) => ({ seriesId, answers: ids.sort((x, y) => x - y) }));
}
