/**
 * Answering a prompt and taking an answer back, plus the one rule for who may see an answer
 * (used by the gallery and by kudos so the two can never disagree).
 */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communities, images, kudos, pointsLedger, prompts, series, submissions } from '../../db/schema';
import type { ImageStore } from '../storage';
import { requireMember, roleIn, type ViewerRole } from './access';
import { DomainError, notFound } from './errors';
import { insertAnswerWithImage, markAttached, requireAttachable, unavailable } from './images';
import { refreshRecognition } from './recognition';
import type { Caller } from './sessions';
import { localDay, weekOf } from './time';

/** Answering on the prompt's own local day earns this much on top of the level's points. */
export const ON_TIME_BONUS = 1;

type Visibility = (typeof submissions.$inferSelect)['visibility'];

/** The prompt with its series status, community and the caller's role; 404 when unknown or private to the caller. */
export async function promptForViewer(db: Db, promptId: number, caller: Caller | null) {
  const [row] = await db
    .select({ prompt: prompts, seriesStatus: series.status, community: communities })
    .from(prompts)
    .innerJoin(series, eq(series.id, prompts.seriesId))
    .innerJoin(communities, eq(communities.id, prompts.communityId))
    .where(eq(prompts.id, promptId));
  if (!row) throw notFound('Prompt');
  const role = await roleIn(db, row.community.id, caller);
  if (row.community.visibility === 'private' && role === 'visitor') throw notFound('Prompt');
  return { ...row, role };
}

/** Visitors see public answers, members community ones too, facilitators all; authors always see their own. */
export function canSee(
  role: ViewerRole,
  callerId: number | null,
  answer: { visibility: Visibility; userId: number },
  communityVisibility: 'public' | 'private',
): boolean {
  if (role === 'visitor' && communityVisibility === 'private') return false;
  if (role === 'facilitator' || answer.userId === callerId) return true;
  return answer.visibility === 'public' || (role === 'member' && answer.visibility === 'community');
}

/** The same rule as `canSee`, as a WHERE clause over `submissions` (undefined: no filter). */
export function visibleTo(role: ViewerRole, callerId: number | null): SQL | undefined {
  if (role === 'facilitator') return undefined;
  const shown = inArray(submissions.visibility, role === 'member' ? ['community', 'public'] : ['public']);
  return callerId === null ? shown : or(shown, eq(submissions.userId, callerId));
}

/** An answer the caller may see, with the caller's role in its community; 404 (existence unconfirmed) otherwise. */
export async function visibleAnswer(db: Db, submissionId: number, caller: Caller) {
  const [answer] = await db
    .select({
      id: submissions.id,
      userId: submissions.userId,
      visibility: submissions.visibility,
      communityId: submissions.communityId,
      communityVisibility: communities.visibility,
    })
    .from(submissions)
    .innerJoin(communities, eq(communities.id, submissions.communityId))
    .where(eq(submissions.id, submissionId));
  if (!answer) throw notFound('Answer');
  const role = await roleIn(db, answer.communityId, caller);
  if (!canSee(role, caller.id, answer, answer.communityVisibility)) throw notFound('Answer');
  return { answer, role };
}

export interface AnswerInput {
  promptId: number;
  caller: Caller;
  level: 'easy' | 'hard';
  body: string;
  link?: string | undefined;
  visibility: Visibility;
  anonymous: boolean;
  /** An image the caller uploaded and has not attached yet. */
  imageId?: string | undefined;
}

const alreadyAnswered = (existingId: number) =>
  new DomainError('already_answered', 'You already answered this level of the prompt', { existingId });

/** Records an answer and its points in one batch; a second answer to the same level is 409 with its id. */
export async function submitAnswer(db: Db, input: AnswerInput, now: Date) {
  const { prompt, seriesStatus, community, role } = await promptForViewer(db, input.promptId, input.caller);
  requireMember(role);
  if (prompt.openedAt === null) throw new DomainError('prompt_not_open', 'This prompt has not opened yet');
  if (seriesStatus !== 'running') throw new DomainError('series_not_running', 'This series is not taking answers');

  const mine = and(
    eq(submissions.promptId, prompt.id),
    eq(submissions.userId, input.caller.id),
    eq(submissions.level, input.level),
  );
  const [existing] = await db.select({ id: submissions.id }).from(submissions).where(mine);
  if (existing) throw alreadyAnswered(existing.id);
  if (input.imageId !== undefined) await requireAttachable(db, input.imageId, input.caller);

  const today = localDay(now, community.timeZone, community.dayStartHour);
  const onTime = today === prompt.opensOn;
  const points = (input.level === 'easy' ? prompt.easyPoints : prompt.hardPoints) + (onTime ? ON_TIME_BONUS : 0);
  const t = now.getTime();
  const values = {
    promptId: prompt.id,
    communityId: community.id,
    userId: input.caller.id,
    level: input.level,
    body: input.body,
    link: input.link ?? null,
    visibility: input.visibility,
    anonymous: input.anonymous,
    points,
    onTime,
    createdAt: t,
  };
  const imageId = input.imageId;

  const [inserted] = await db.batch([
    imageId === undefined
      ? db.insert(submissions).values(values).onConflictDoNothing().returning({ id: submissions.id })
      : insertAnswerWithImage(db, values, imageId),
    // The ledger entry is copied from whichever row holds this (prompt, user, level), and the unique
    // (submission_id, reason) index makes it once-only: a racing duplicate can never count twice.
    db
      .insert(pointsLedger)
      .select((qb) =>
        qb
          .select({
            id: sql<number>`null`.as('id'),
            communityId: submissions.communityId,
            userId: submissions.userId,
            submissionId: submissions.id,
            reason: sql<'answer'>`'answer'`.as('reason'),
            delta: submissions.points,
            // Anonymous points count for the member but never reach a public board.
            listed: sql<boolean>`not ${submissions.anonymous}`.as('listed'),
            weekOf: sql<string>`${weekOf(today)}`.as('week_of'),
            createdAt: sql<number>`${t}`.as('created_at'),
          })
          .from(submissions)
          .where(mine),
      )
      .onConflictDoNothing(),
    ...(imageId === undefined ? [] : [markAttached(db, imageId, community.id)]),
  ]);
  const row = inserted[0];
  if (!row) {
    // Lost a race: with a concurrent answer to the same level (report the winner), or for the image.
    const [winner] = await db.select({ id: submissions.id }).from(submissions).where(mine);
    if (winner) throw alreadyAnswered(winner.id);
    throw unavailable('was attached to another answer or expired meanwhile');
  }
  await refreshRecognition(db, { communityId: community.id, userId: input.caller.id }, now);
  return { id: row.id, points, onTime };
}

/**
 * Deletes the caller's answer, its kudos and its image (row in the batch, then the stored bytes), and reverses its points with a new ledger entry in the
 * original entry's week and listing, so both the week's and the all-time scores are corrected.
 * Someone else's answer is 404: existence is not confirmed.
 */
export async function deleteAnswer(db: Db, input: { submissionId: number; caller: Caller }, now: Date, store: ImageStore) {
  const [answer] = await db
    .select({ id: submissions.id, userId: submissions.userId, imageId: submissions.imageId, communityId: submissions.communityId })
    .from(submissions)
    .where(eq(submissions.id, input.submissionId));
  if (!answer || answer.userId !== input.caller.id) throw notFound('Answer');

  await db.batch([
    db
      .insert(pointsLedger)
      .select((qb) =>
        qb
          .select({
            id: sql<number>`null`.as('id'),
            communityId: pointsLedger.communityId,
            userId: pointsLedger.userId,
            submissionId: pointsLedger.submissionId,
            reason: sql<'answer_deleted'>`'answer_deleted'`.as('reason'),
            delta: sql<number>`-${pointsLedger.delta}`.as('delta'),
            listed: pointsLedger.listed,
            weekOf: pointsLedger.weekOf,
            createdAt: sql<number>`${now.getTime()}`.as('created_at'),
          })
          .from(pointsLedger)
          .where(and(eq(pointsLedger.submissionId, answer.id), eq(pointsLedger.reason, 'answer'))),
      )
      // A concurrent second delete finds the reversal already there and adds nothing.
      .onConflictDoNothing(),
    db.delete(kudos).where(eq(kudos.submissionId, answer.id)),
    db.delete(submissions).where(eq(submissions.id, answer.id)),
    ...(answer.imageId ? [db.delete(images).where(eq(images.id, answer.imageId))] : []),
  ]);
  // The bytes go only once no row points at them; if this fails the answer is still gone, and the
  // error surfaces (and is logged) rather than being hidden.
  if (answer.imageId) await store.delete(answer.imageId);
  await refreshRecognition(db, { communityId: answer.communityId, userId: answer.userId }, now);
  return { ok: true as const };
}
