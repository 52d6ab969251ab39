/**
 * The scheduler: opens prompts whose local day has begun and finishes series whose late window has passed.
 * Safe to run twice (every write is conditional) and late (it opens everything due, however overdue).
 * Its cost follows the due work: both lookups use partial or leading indexes on the due instant.
 */
import { and, eq, exists, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { idempotencyKeys, prompts, series, signInLinks } from '../../db/schema';
import { queueChatPosts } from '../domain/chat/posts';
import { purgeEndedWindows } from '../domain/limits/store';
import { refreshDueAnalytics } from '../domain/analytics';
import { ensureFacilitatorsCircle } from '../domain/circle/ensure';
import { refreshDueNetwork } from '../domain/stewards';
import type { ImageStore } from '../storage';
import { chatPostHousekeeping } from './chat-posts';
import { cleanStoredImages } from './image-metadata';
import { sweepImages } from './images';
import { outboxHousekeeping } from './outbox';
import { runReminders, type ReminderJobOptions } from './reminders';
import { drainRecognitionForTick } from './recognition';
import type { Deps } from '../deps';
import { rollShoutouts } from './shoutouts';
import { creditEndedSessions } from '../domain/credits/host-credits';
import { yieldToRequests } from '../yield-to-requests';

/** How long a stored Idempotency-Key response is replayed before the key may be reused. */
const KEY_LIFETIME_MS = 24 * 3_600_000;

/** D1 binds at most 100 parameters per statement. */
const IDS_PER_STATEMENT = 90;

export interface TickResult {
  opened: number;
  finished: number;
  /** Unattached uploads removed; only when the home passed its image store. */
  swept?: number;
  /** Images stored before metadata stripping that this run cleaned; only present when there were any. */
  cleaned?: number;
  /** Chat posts queued for prompts opened lately; only present when there were any. */
  chatPosts?: number;
  /** Weekly shout-out rolls written; only present when a community's week ended with answers. */
  rolled?: number;
  /**
   * Members whose queued recognition this run refreshed; only present when there were any, and never when the
   * home took the share to its drain's thread (`TickOptions.drainRecognition`).
   */
  recognized?: number;
  /** Reminders and digests queued (issue 11); only present when there were any. */
  mailed?: number;
  /** Community analytics snapshots recomputed because a new local day completed; only present when any. */
  analyzed?: number;
  /** Network dashboard rows recomputed (src/domain/stewards/snapshot.ts). */
  networked?: number;
  /** Live sessions whose hosts were credited (issue 15); only present when there were any. */
  hosted?: number;
  /** Facilitators who joined the facilitators' circle by the backfill (issue 14). */
  circleJoined?: number;
}

/**
 * PUBLIC_URL, for the links in chat posts and in mail; and how many members one run may mail.
 * `facilitatorsCircle`: keep the facilitators' circle (issue 14). The homes turn it on; tests about other
 * things leave it off, so the circle's own community and weekly prompts do not change what they count.
 */
export type TickOptions = ReminderJobOptions & { facilitatorsCircle?: boolean } & Pick<Deps, 'drainRecognition'>;

/**
 * `images`: the home's image store, so abandoned uploads are swept with the rest of the housekeeping.
 * Prompts opened within the last day (here or when their series was created) are queued for the
 * community's chat webhooks (src/domain/chat/posts.ts); reminders and digests due now are queued for mail.
 */
export async function tick(db: Db, now: Date, images?: ImageStore, options: TickOptions = {}): Promise<TickResult> {
  const t = now.getTime();
  const due = await db
    .select({ id: prompts.id, seriesId: prompts.seriesId })
    .from(prompts)
    // A correlated EXISTS (not a join) keeps SQLite on the prompts_due index, so the cost follows the due
    // prompts rather than the number of running series.
    .where(
      and(
        isNull(prompts.openedAt),
        lte(prompts.opensAt, t),
        exists(
          db
            .select({ one: sql`1` })
            .from(series)
            .where(and(eq(series.id, prompts.seriesId), inArray(series.status, ['scheduled', 'running']))),
        ),
      ),
    );

  const writes = [];
  for (let i = 0; i < due.length; i += IDS_PER_STATEMENT) {
    const ids = due.slice(i, i + IDS_PER_STATEMENT).map((p) => p.id);
    writes.push(db.update(prompts).set({ openedAt: t }).where(and(inArray(prompts.id, ids), isNull(prompts.openedAt))));
  }
  const started = [...new Set(due.map((p) => p.seriesId))];
  for (let i = 0; i < started.length; i += IDS_PER_STATEMENT) {
    const ids = started.slice(i, i + IDS_PER_STATEMENT);
    writes.push(db.update(series).set({ status: 'running' }).where(and(inArray(series.id, ids), eq(series.status, 'scheduled'))));
  }
  const [finished] = await db.batch([
    db
      .update(series)
      .set({ status: 'finished' })
      .where(and(eq(series.status, 'running'), lte(series.closesAt, t)))
      .returning({ id: series.id }),
    ...writes,
    db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, t - KEY_LIFETIME_MS)),
    db.delete(signInLinks).where(lt(signInLinks.expiresAt, t)),
    purgeEndedWindows(db, now),
    ...outboxHousekeeping(db, now),
    chatPostHousekeeping(db, now),
  ]);
  const result: TickResult = { opened: due.length, finished: finished.length };
  const posts = await queueChatPosts(db, now, options.publicUrl);
  if (posts > 0) result.chatPosts = posts;
  const rolled = await rollShoutouts(db, now);
  if (rolled > 0) result.rolled = rolled;
  // After the prompts opened and the week's roll was written, so a mail shows both.
  const { queued } = await runReminders(db, now, options);
  if (queued > 0) result.mailed = queued;
  // A few stale snapshots per run, so facilitators mostly read a fresh one; a view computes a missing one.
  const analyzed = await refreshDueAnalytics(db, now, { pause: yieldToRequests });
  if (analyzed > 0) result.analyzed = analyzed;
  // The stewards' dashboard rows, after analytics: a row reuses the community's fresh analytics snapshot.
  // The facilitators' circle (issue 14): its community, every facilitator in it, its weekly series. New
  // facilitators join as they become one; this is the backfill, so every ten minutes is plenty.
  if (options.facilitatorsCircle && now.getUTCMinutes() % 10 === 0) {
    const circle = await ensureFacilitatorsCircle(db, now);
    if (circle.joined > 0) result.circleJoined = circle.joined;
  }
  const networked = await refreshDueNetwork(db, now, { pause: yieldToRequests });
  if (networked > 0) result.networked = networked;
  const hosted = await creditEndedSessions(db, now);
  if (hosted > 0) result.hosted = hosted;
  if (images) {
    result.swept = await sweepImages(db, images, now);
    const { cleaned } = await cleanStoredImages(db, images, { markMissing: true });
    if (cleaned > 0) result.cleaned = cleaned;
  }
  // Last: a member whose refresh fails must not keep the rest of the housekeeping from running. A home that drains
  // in a thread of its own (Node) takes the share there, where it drains the whole queue without holding requests.
  if (options.drainRecognition?.()) return result;
  const recognized = await drainRecognitionForTick(db);
  if (recognized > 0) result.recognized = recognized;
  return result;
}

