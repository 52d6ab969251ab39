/**
 * A live session's own prompt (issue 15). It is an ordinary prompt row, so answers to it take the one answer
 * path (../answers/submissions.ts: points, ledger, Idempotency-Key, visibility, recognition, rate limits), in
 * a one-prompt series of its own marked with the session (series.live_session_id), the prompt marked too
 * (prompts.live_session_id). Its `opened_at` is the session's start, set when it is scheduled, so the daily
 * scheduler never touches it; it takes answers only during [starts_at, ends_at), checked at answer time, so
 * it opens and closes at those exact instants whatever the tick's rhythm. The daily lists (today, mails,
 * feeds, chat posts, series lists, analytics, series badges) leave it out with `notSessionPrompt` /
 * `notSessionSeries`, so "one prompt a day" stays what it was.
 */
import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client';
import { liveSessions, prompts, series } from '../../../db/schema';
import type { Community } from '../communities/access';
import { DomainError } from '../errors';
import { localDay } from '../time';

/** What a session prompt earns: the same defaults as a series' prompts (src/schemas/index.ts promptInput). */
export const SESSION_PROMPT_POINTS = { easy: 1, hard: 3 } as const;

/** Daily prompt queries: leave out sessions' prompts. */
export const notSessionPrompt = () => isNull(prompts.liveSessionId);
/** Series queries: leave out sessions' one-prompt series. */
export const notSessionSeries = () => isNull(series.liveSessionId);

export interface SessionPromptText {
  easy: string;
  hard: string;
}

/**
 * The statements writing session `sessionId` (its row given as `session`), and with `text` its one-prompt
 * series `seriesId` and the prompt, for one batch: all or nothing.
 */
export function sessionWrites(
  db: Db,
  community: Community,
  session: typeof liveSessions.$inferInsert & { id: number; startsAt: number; createdBy: number; createdAt: number },
  text: SessionPromptText | null,
  seriesId: number,
): [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] {
  const writes = [db.insert(liveSessions).values(session)] as const;
  if (!text) return [...writes];
  const day = localDay(new Date(session.startsAt), community.timeZone, community.dayStartHour);
  return [
    ...writes,
    db.insert(series).values({
      id: seriesId,
      communityId: community.id,
      title: session.title,
      startDate: day,
      cadence: 'daily',
      // Running from the start: answers are held to the session's hour by requireSessionLive, not by status.
      status: 'running',
      closesAt: null,
      createdBy: session.createdBy,
      createdAt: session.createdAt,
      liveSessionId: session.id,
    }),
    db.insert(prompts).values({
      seriesId,
      communityId: community.id,
      position: 1,
      easyText: text.easy,
      hardText: text.hard,
      easyPoints: SESSION_PROMPT_POINTS.easy,
      hardPoints: SESSION_PROMPT_POINTS.hard,
      opensOn: day,
      opensAt: session.startsAt,
      openedAt: session.startsAt,
      liveSessionId: session.id,
    }),
  ];
}

/** The statements removing a session that has not started, with its prompt and series (no answers yet). */
export function cancelWrites(db: Db, sessionId: number) {
  return [
    db.delete(prompts).where(eq(prompts.liveSessionId, sessionId)),
    db.delete(series).where(eq(series.liveSessionId, sessionId)),
    db.delete(liveSessions).where(eq(liveSessions.id, sessionId)),
  ] as const;
}

/** 409 session_not_live unless `now` falls in the session's [startsAt, endsAt): its prompt is closed outside. */
export function requireSessionLive(window: { startsAt: number; endsAt: number }, now: Date) {
  const t = now.getTime();
  if (t < window.startsAt) throw new DomainError('session_not_live', 'This live session has not started: its prompt opens when it does');
  if (t >= window.endsAt) throw new DomainError('session_not_live', 'This live session has ended: its prompt is closed');
}

/** The session's prompt (id and texts), or null when it was scheduled without one. */
export async function sessionPromptOf(db: Db, sessionId: number) {
  const [row] = await db
    .select({ id: prompts.id, easy: prompts.easyText, hard: prompts.hardText, easyPoints: prompts.easyPoints, hardPoints: prompts.hardPoints })
    .from(prompts)
    .where(eq(prompts.liveSessionId, sessionId));
  return row ?? null;
}
export type SessionPrompt = NonNullable<Awaited<ReturnType<typeof sessionPromptOf>>>;

/**
 * The prompts of the community's sessions on now, shaped like the today page's prompts (the session's title
 * in place of a series'), so the page answers them with its one form: a session starts few a day, if any.
 */
export async function livePromptsNow(db: Db, community: Community, now: Date) {
  const t = now.getTime();
  const rows = await db
    .select({
      id: prompts.id,
      seriesId: prompts.seriesId,
      seriesTitle: liveSessions.title,
      opensOn: prompts.opensOn,
      easyText: prompts.easyText,
      easyPoints: prompts.easyPoints,
      hardText: prompts.hardText,
      hardPoints: prompts.hardPoints,
    })
    .from(liveSessions)
    .innerJoin(prompts, eq(prompts.liveSessionId, liveSessions.id))
    .where(and(eq(liveSessions.communityId, community.id), lte(liveSessions.startsAt, t), gt(liveSessions.endsAt, t)))
    .orderBy(asc(liveSessions.startsAt), asc(liveSessions.id));
  return rows.map(promptCard);
}

/** A prompt as the today page shows it, daily or a session's: its two options with their points. */
export function promptCard(p: {
  id: number;
  seriesId: number;
  seriesTitle: string;
  opensOn: string;
  easyText: string;
  hardText: string;
  easyPoints: number;
  hardPoints: number;
}) {
  return {
    id: p.id,
    seriesId: p.seriesId,
    seriesTitle: p.seriesTitle,
    opensOn: p.opensOn,
    easy: { text: p.easyText, points: p.easyPoints },
    hard: { text: p.hardText, points: p.hardPoints },
  };
}
