/**
 * Answering a prompt and taking an answer back, and the answer a caller may see (for kudos and spotlights),
 * by the one visibility rule in ./visibility.ts.
 */
import { and, eq, notExists, sql } from 'drizzle-orm';
import { alias, type SelectedFields } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { prepared, type Placeholders } from '../../../db/prepared';
import { communities, images, kudos, liveSessions, memberships, pointsLedger, prompts, randomPublicId, series, submissions } from '../../../db/schema';
import type { ImageStore } from '../../storage';
import { membershipOf, requireMember, roleOf } from '../communities/access';
import { reverseAnswerPoints } from './points-reversal';
import { canSee } from './visibility';
import { isNotNullViolation, isUniqueViolation } from '../constraints';
import { DomainError, notFound } from '../errors';
import { requireOpen } from '../archive';
import { insertReceipt, jsonWith, keyTakenMeanwhile, type Receipt } from './idempotency-receipt';
import { insertAnswerWithImage, markAttached, requireAttachable, unavailable } from '../images/images';
import { answerSteps } from '../recognition/ladder';
import { queueEncouragersOf, recognizeChange, recognizeNewAnswer } from '../recognition/effects';
import type { Caller } from '../identity/sessions';
import { localDay, weekOf } from '../time';
import { requireSessionLive } from '../live/session-prompt';

/** The ledger again, for a reversal already written. */
const reversal = alias(pointsLedger, 'reversal');

/** Answering on the prompt's own local day earns this much on top of the level's points. */
export const ON_TIME_BONUS = 1;

type Visibility = (typeof submissions.$inferSelect)['visibility'];

/**
 * The prompt with its series status, community and the caller's role, in one query; 404 when unknown or
 * private to the caller. With `level`, also the id of the caller's answer at that level (null if none).
 */
export async function promptForViewer(db: Db, promptId: number, caller: Caller | null, level?: Level) {
  return viewable(await promptForViewerQuery.run(db, viewerValues(promptId, caller, level)), caller);
}

/** promptForViewer with only what answering reads of the prompt and its community (the hottest read). */
async function promptToAnswer(db: Db, promptId: number, caller: Caller, level: Level) {
  return viewable(await promptToAnswerQuery.run(db, viewerValues(promptId, caller, level)), caller);
}

type Level = (typeof submissions.$inferSelect)['level'];
type ViewerValues = { promptId: number; callerId: number; level: Level | null };
const viewerValues = (promptId: number, caller: Caller | null, level?: Level): ViewerValues => ({ promptId, callerId: caller?.id ?? -1, level: level ?? null });

function viewable<R extends { membershipRole: 'member' | 'facilitator' | null; community: { visibility: string } }>(rows: R[], caller: Caller | null) {
  const [row] = rows;
  if (!row) throw notFound('Prompt');
  const { membershipRole, ...found } = row;
  const role = roleOf(membershipRole, caller);
  if (row.community.visibility === 'private' && role === 'visitor') throw notFound('Prompt');
  return { ...found, role };
}

/** The prompt row `fields` name, with what every reader of a prompt needs beside it, in one query. */
function promptWith<F extends SelectedFields>(db: Db, p: Placeholders<ViewerValues>, fields: F) {
  return db
    .select({
      ...fields,
      seriesStatus: series.status,
      membershipRole: memberships.role,
      // A live session's prompt takes answers only during the session (../live/session-prompt.ts).
      sessionStartsAt: liveSessions.startsAt,
      sessionEndsAt: liveSessions.endsAt,
      existingId: sql<number | null>`(select ${submissions.id} from ${submissions} where ${submissions.promptId} = ${prompts.id}
        and ${submissions.userId} = ${p.callerId} and ${submissions.level} = ${p.level})`,
    })
    .from(prompts)
    .innerJoin(series, eq(series.id, prompts.seriesId))
    .innerJoin(communities, eq(communities.id, prompts.communityId))
    .leftJoin(memberships, membershipOf(prompts.communityId, p.callerId))
    .leftJoin(liveSessions, eq(liveSessions.id, prompts.liveSessionId))
    .where(eq(prompts.id, p.promptId));
}

const promptForViewerQuery = prepared((db, p: Placeholders<ViewerValues>) => promptWith(db, p, { prompt: prompts, community: communities }));

const promptToAnswerQuery = prepared((db, p: Placeholders<ViewerValues>) =>
  promptWith(db, p, {
    prompt: {
      id: prompts.id,
      opensOn: prompts.opensOn,
      openedAt: prompts.openedAt,
      easyPoints: prompts.easyPoints,
      hardPoints: prompts.hardPoints,
      liveSessionId: prompts.liveSessionId,
    },
    community: {
      id: communities.id,
      visibility: communities.visibility,
      archivedAt: communities.archivedAt,
      timeZone: communities.timeZone,
      dayStartHour: communities.dayStartHour,
    },
  }),
);

/**
 * An answer the caller may see, with the caller's role in its community (one query); 404 (existence
 * unconfirmed) otherwise.
 */
export async function visibleAnswer(db: Db, submissionId: number, caller: Caller) {
  const [row] = await visibleAnswerQuery.run(db, { submissionId, callerId: caller.id });
  if (!row) throw notFound('Answer');
  const { membershipRole, ...answer } = row;
  const role = roleOf(membershipRole, caller);
  if (!canSee({ role, callerId: caller.id }, answer, answer.communityVisibility)) throw notFound('Answer');
  return { answer, role };
}

// Read by every kudos: built once (db/prepared.ts).
const visibleAnswerQuery = prepared((db, p: Placeholders<{ submissionId: number; callerId: number }>) =>
  db
    .select({
      id: submissions.id,
      userId: submissions.userId,
      visibility: submissions.visibility,
      moderation: submissions.moderation,
      communityId: submissions.communityId,
      communityVisibility: communities.visibility,
      archivedAt: communities.archivedAt,
      timeZone: communities.timeZone,
      dayStartHour: communities.dayStartHour,
      membershipRole: memberships.role,
    })
    .from(submissions)
    .innerJoin(communities, eq(communities.id, submissions.communityId))
    .leftJoin(memberships, membershipOf(submissions.communityId, p.callerId))
    .where(eq(submissions.id, p.submissionId)),
);

export interface AnswerInput {
  promptId: number;
  caller: Caller;
  level: 'easy' | 'hard';
  /** Absent for a sketch or photo alone (the schema asks for text or an image); stored as ''. */
  body?: string | undefined;
  link?: string | undefined;
  visibility: Visibility;
  anonymous: boolean;
  /** An image the caller uploaded and has not attached yet. */
  imageId?: string | undefined;
}

const alreadyAnswered = (existingId: number) =>
  new DomainError('already_answered', 'You already answered this level of the prompt', { existingId });

/**
 * Records an answer in one batch: the answer, the membership when it joins a public community, its points, the ladder steps it reaches, the nudge it may
 * bring, the queue entry that has the member's badges recomputed after the response (../recognition/drain.ts),
 * and with `receipt` the stored response for its Idempotency-Key. The batch commits only with this
 * request's answer: a second answer to the same level fails it (409 with the first one's id), as does an
 * image taken meanwhile (422).
 */
export async function submitAnswer(db: Db, input: AnswerInput, now: Date, receipt?: Receipt) {
  const mine = { promptId: input.promptId, userId: input.caller.id, level: input.level };
  const { prompt, seriesStatus, community, role, existingId, sessionStartsAt, sessionEndsAt } = await promptToAnswer(
    db,
    input.promptId,
    input.caller,
    input.level,
  );
  // A public community is joined with the first answer: one step less for a newcomer, in the same batch.
  const joins = role === 'visitor' && community.visibility === 'public';
  if (!joins) requireMember(role);
  requireOpen(community);
  if (prompt.openedAt === null) throw new DomainError('prompt_not_open', 'This prompt has not opened yet');
  // A session prompt whose session is gone (its host erased their account before it) is closed for good.
  if (prompt.liveSessionId !== null) requireSessionLive({ startsAt: sessionStartsAt ?? 0, endsAt: sessionEndsAt ?? 0 }, now);
  if (seriesStatus !== 'running') throw new DomainError('series_not_running', 'This series is not taking answers');
  if (existingId !== null) throw alreadyAnswered(existingId);
  if (input.imageId !== undefined) await requireAttachable(db, input.imageId, input.caller);

  const today = localDay(now, community.timeZone, community.dayStartHour);
  const onTime = today === prompt.opensOn;
  const points = (input.level === 'easy' ? prompt.easyPoints : prompt.hardPoints) + (onTime ? ON_TIME_BONUS : 0);
  const result = (id: number) => ({ id, points, onTime });
  const t = now.getTime();
  const member = { communityId: community.id, userId: input.caller.id };
  const values: AnswerValues = {
    promptId: prompt.id,
    ...member,
    level: input.level,
    body: input.body ?? '',
    link: input.link ?? null,
    visibility: input.visibility,
    anonymous: input.anonymous,
    points,
    onTime,
    createdAt: t,
    publicId: randomPublicId(),
  };
  const imageId = input.imageId;

  try {
    const [inserted] = await db.batch([
      // A plain INSERT: a concurrent answer to the same level fails the batch, so nothing below can commit
      // for an answer that is not this request's.
      imageId === undefined ? insertAnswerQuery.bind(db, values) : insertAnswerWithImage(db, values, imageId),
      ...(joins ? [joinQuery.bind(db, { ...member, joinedAt: t })] : []),
      answerLedgerQuery.bind(db, { ...mine, weekOf: weekOf(today), createdAt: t }),
      ...answerSteps(db, member, input, today, now),
      ...recognizeNewAnswer(db, member, community, now),
      ...(imageId === undefined ? [] : [markAttached(db, imageId, community.id)]),
      ...(receipt ? [answerReceiptQuery.bind(db, { ...receipt, ...mine, response: JSON.stringify(result(0)) })] : []),
    ]);
    return result(inserted[0]!.id);
  } catch (err) {
    if (!isUniqueViolation(err) && !isNotNullViolation(err)) throw err;
    // Lost a race: with a concurrent answer to the same level (report the winner), or for the image.
    const [winner] = await db.select({ id: submissions.id }).from(submissions).where(isAnswer(mine));
    if (winner) throw alreadyAnswered(winner.id);
    if (imageId !== undefined) throw unavailable('was attached to another answer or expired meanwhile');
    // Else it can only be the receipt: another request with this Idempotency-Key got there first.
    if (receipt) throw keyTakenMeanwhile();
    throw err;
  }
}

type AnswerValues = Omit<typeof submissions.$inferSelect, 'id' | 'imageId' | 'moderation' | 'encouragedAt'>;
/** A member's answer at one level of a prompt: there is at most one. */
type AnswerKey = Pick<AnswerValues, 'promptId' | 'userId' | 'level'>;

const isAnswer = (k: AnswerKey | Placeholders<AnswerKey>) =>
  and(eq(submissions.promptId, k.promptId), eq(submissions.userId, k.userId), eq(submissions.level, k.level));

// The answer's statements, built once (db/prepared.ts): answering is the hottest write.
const insertAnswerQuery = prepared((db, p: Placeholders<AnswerValues>) =>
  db
    .insert(submissions)
    .values({
      promptId: p.promptId,
      communityId: p.communityId,
      userId: p.userId,
      level: p.level,
      body: p.body,
      link: p.link,
      visibility: p.visibility,
      anonymous: p.anonymous,
      points: p.points,
      onTime: p.onTime,
      createdAt: p.createdAt,
      // Given, never left to the column's default: a prepared statement would compute that once for all.
      publicId: p.publicId,
    })
    .returning({ id: submissions.id }),
);

/** Joining a public community with a first answer; a concurrent join makes it a no-op. */
const joinQuery = prepared((db, p: Placeholders<{ communityId: number; userId: number; joinedAt: number }>) =>
  db
    .insert(memberships)
    .values({ communityId: p.communityId, userId: p.userId, role: 'member', joinedAt: p.joinedAt })
    .onConflictDoNothing(),
);

/**
 * The answer's ledger entry, copied from the row just written; the unique (submission_id, reason) index
 * makes it once-only all the same.
 */
const answerLedgerQuery = prepared((db, p: Placeholders<AnswerKey & { weekOf: string; createdAt: number }>) =>
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
          weekOf: sql<string>`${p.weekOf}`.as('week_of'),
          createdAt: sql<number>`${p.createdAt}`.as('created_at'),
        })
        .from(submissions)
        .where(isAnswer(p)),
    )
    .onConflictDoNothing(),
);

/**
 * The stored response: `response` with the new answer's id, which exists only inside the batch. Keys are
 * scoped to the caller, so the receipt's user is the answer's author.
 */
const answerReceiptQuery = prepared((db, p: Placeholders<Receipt & AnswerKey & { response: string }>) =>
  insertReceipt(db, p, jsonWith(p.response, { '$.id': sql`(select ${submissions.id} from ${submissions} where ${isAnswer(p)})` })),
);

/**
 * Deletes the caller's answer, its kudos and its image (row in the batch, then the stored bytes), and reverses
 * its points with a new ledger entry in the original entry's week and listing, so both the week's and the
 * all-time scores are corrected. The author and those who encouraged the answer are queued for recognition.
 * Someone else's answer is 404: existence is not confirmed.
 */
export async function deleteAnswer(db: Db, input: { submissionId: number; caller: Caller }, now: Date, store: ImageStore) {
  const [answer] = await db
    .select({
      id: submissions.id,
      userId: submissions.userId,
      imageId: submissions.imageId,
      communityId: submissions.communityId,
      timeZone: communities.timeZone,
      dayStartHour: communities.dayStartHour,
    })
    .from(submissions)
    .innerJoin(communities, eq(communities.id, submissions.communityId))
    .where(eq(submissions.id, input.submissionId));
  if (!answer || answer.userId !== input.caller.id) throw notFound('Answer');
  const author = { communityId: answer.communityId, userId: answer.userId };

  await db.batch([
    // A removed answer's points were already reversed by its facilitators (../moderation/); a concurrent second
    // delete finds the reversal already there and adds nothing.
    reverseAnswerPoints(
      db,
      answer.id,
      'answer_deleted',
      now.getTime(),
      notExists(db.select({ one: sql`1` }).from(reversal).where(and(eq(reversal.submissionId, answer.id), eq(reversal.reason, 'answer_removed')))),
    ),
    // Before its kudos go: who gave them is known only until then.
    queueEncouragersOf(db, answer, now),
    db.delete(kudos).where(eq(kudos.submissionId, answer.id)),
    db.delete(submissions).where(eq(submissions.id, answer.id)),
    ...(answer.imageId ? [db.delete(images).where(eq(images.id, answer.imageId))] : []),
    ...recognizeChange(db, author, answer, now),
  ]);
  // The bytes go only once no row points at them; if this fails the answer is still gone, and the
  // error surfaces (and is logged) rather than being hidden.
  if (answer.imageId) await store.delete(answer.imageId);
  return { ok: true as const };
}
