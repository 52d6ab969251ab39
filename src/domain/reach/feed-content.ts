/** What a community's feeds list: its opened prompts, the answers a reader may see, and its prompt calendar. */
import { and, desc, eq, gte, inArray, isNotNull, or, asc, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prompts, series, submissions, users } from '../../../db/schema';
import type { Community } from '../communities/access';
import { answerVisibleSql } from '../answers/visibility';
import { hourOf } from '../answers/hour';
import type { FeedReader } from './feed-tokens';
import { notSessionPrompt } from '../live/session-prompt';

/** Feed readers poll often; the newest entries are what they need, and the answer stays small. */
export const FEED_ENTRIES = 50;
/** A calendar keeps recent prompts for context and every scheduled one ahead, within a bound. */
const CALENDAR_PAST_DAYS = 60;
const CALENDAR_EVENTS = 500;
const DAY = 86_400_000;

export interface FeedPrompt {
  id: number;
  seriesTitle: string;
  position: number;
  easyText: string;
  hardText: string;
  opensOn: string;
  opensAt: number;
  /** Used as the calendar's DTSTAMP: a stable instant, so an unchanged calendar keeps its ETag. */
  seriesCreatedAt: number;
}

const promptColumns = {
  id: prompts.id,
  seriesTitle: series.title,
  position: prompts.position,
  easyText: prompts.easyText,
  hardText: prompts.hardText,
  opensOn: prompts.opensOn,
  opensAt: prompts.opensAt,
  seriesCreatedAt: series.createdAt,
};

/** The community's opened prompts, newest first; prompts not yet opened never appear. */
export async function openedPrompts(db: Db, community: Community): Promise<FeedPrompt[]> {
  return db
    .select(promptColumns)
    .from(prompts)
    .innerJoin(series, eq(series.id, prompts.seriesId))
    .where(and(eq(prompts.communityId, community.id), isNotNull(prompts.openedAt), notSessionPrompt()))
    .orderBy(desc(prompts.opensAt), desc(prompts.id))
    .limit(FEED_ENTRIES);
}

/**
 * The calendar's prompts, oldest first: those opened in the last CALENDAR_PAST_DAYS days, and those ahead in
 * series that will run (scheduled or running; a paused series' days move when it resumes, so they wait).
 */
export async function calendarPrompts(db: Db, community: Community, now: Date): Promise<FeedPrompt[]> {
  return db
    .select(promptColumns)
    .from(prompts)
    .innerJoin(series, eq(series.id, prompts.seriesId))
    .where(
      and(
        eq(prompts.communityId, community.id),
        gte(prompts.opensAt, now.getTime() - CALENDAR_PAST_DAYS * DAY),
        or(isNotNull(prompts.openedAt), inArray(series.status, ['scheduled', 'running'])),
        notSessionPrompt(),
      ),
    )
    .orderBy(asc(prompts.opensAt), asc(prompts.id))
    .limit(CALENDAR_EVENTS);
}

export interface FeedAnswer {
  /** `submission:<id>` for a named answer; `anonymous:<hmac>` for an anonymous one, never its sequential id. */
  key: string;
  promptId: number;
  promptText: string;
  level: 'easy' | 'hard';
  body: string;
  hasImage: boolean;
  /** null for every anonymous answer, whoever reads the feed. */
  author: string | null;
  /** Epoch ms: exact for a named answer, the hour for an anonymous one. */
  at: number;
}

/**
 * The newest answers the reader may see: anyone sees public answers; a member's secret feed adds answers
 * shared with the community. Answers for facilitators only never reach a feed, even a facilitator's: a feed
 * URL is a bearer secret that ends up in third-party readers. Ordered by the time shown, so an anonymous
 * answer's place among the others says no more than its hour.
 */
export async function visibleAnswers(db: Db, community: Community, reader: FeedReader): Promise<FeedAnswer[]> {
  const rows = await db
    .select({
      id: submissions.id,
      publicId: submissions.publicId,
      promptId: submissions.promptId,
      easyText: prompts.easyText,
      hardText: prompts.hardText,
      level: submissions.level,
      body: submissions.body,
      hasImage: sql<number>`${submissions.imageId} IS NOT NULL`,
      anonymous: submissions.anonymous,
      name: users.name,
      createdAt: submissions.createdAt,
    })
    .from(submissions)
    .innerJoin(prompts, eq(prompts.id, submissions.promptId))
    .innerJoin(users, eq(users.id, submissions.userId))
    // As a member (or a visitor) who wrote none of them: callerId null, so not even the reader's own
    // facilitators-only or hidden answers reach a URL that ends up in third-party readers.
    .where(and(eq(submissions.communityId, community.id), answerVisibleSql({ role: reader.kind === 'member' ? 'member' : 'visitor', callerId: null })))
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(FEED_ENTRIES);
  const answers = rows.map(
    (r): FeedAnswer => ({
      // An anonymous answer by its random public id, as everywhere else others read it (never its sequence number).
      key: r.anonymous ? `anonymous:${r.publicId}` : `submission:${r.id}`,
      promptId: r.promptId,
      promptText: r.level === 'easy' ? r.easyText : r.hardText,
      level: r.level,
      body: r.body,
      hasImage: Boolean(r.hasImage),
      author: r.anonymous ? null : r.name,
      at: r.anonymous ? hourOf(r.createdAt) : r.createdAt,
    }),
  );
  return answers.sort((a, b) => b.at - a.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
