/**
 * What a community's facilitators read to moderate (GET /api/communities/:slug/moderation, /c/:slug/moderation):
 * answers with open reports, answers currently hidden, and the log of every action with who and when.
 * Reporters are never named, here or anywhere: a facilitator may be the reported answer's author. Authors of
 * anonymous answers are named to the community's own facilitators only, as in the gallery.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { moderationLog, reports, submissions, users } from '../../../db/schema';
import { reportReasons, type ReportReason } from '../../schemas/report-reasons';
import { communityForViewer, requireFacilitator } from '../communities/access';
import { isOwnFacilitator } from '../answers/gallery';
import type { Caller } from '../identity/sessions';
import { canSee } from '../answers/visibility';
import { helpReplyQueue } from './help-replies';

/** The queue is for acting on, the log for looking back: both bounded, newest first. */
const QUEUE_SIZE = 50;
const HIDDEN_SIZE = 50;
const LOG_SIZE = 100;

type Answer = typeof submissions.$inferSelect;

/** An answer as facilitators see it here: its permalink reference is the public id for an anonymous one. */
function answerView(a: Answer, name: string, reveals: boolean) {
  const ref = a.anonymous && a.publicId ? a.publicId : a.id;
  return {
    id: a.id,
    ref,
    promptId: a.promptId,
    level: a.level,
    body: a.body,
    visibility: a.visibility,
    moderation: a.moderation,
    author: !a.anonymous || reveals ? { id: a.userId, name } : null,
    anonymous: a.anonymous,
    createdAt: new Date(a.createdAt).toISOString(),
  };
}

/** The moderation page's content; 404 for a private community's outsider, 403 for anyone else but facilitators. */
export async function moderationView(db: Db, input: { slug: string; caller: Caller }) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireFacilitator(role);
  const reveals = await isOwnFacilitator(db, community.id, input.caller);
  // A steward outside the community manages it but reads only what the one visibility rule lets them.
  const readable = (a: typeof submissions.$inferSelect) => canSee({ role, callerId: input.caller.id }, a, community.visibility);

  const open = await db
    .select({ submissionId: reports.submissionId, reason: reports.reason, note: reports.note, createdAt: reports.createdAt })
    .from(reports)
    .where(and(eq(reports.communityId, community.id), isNull(reports.resolvedAt)))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(QUEUE_SIZE * 10);
  const reported = [...new Set(open.map((r) => r.submissionId))].slice(0, QUEUE_SIZE);
  const reportedRows = reported.length
    ? await db.select({ a: submissions, name: users.name }).from(submissions).innerJoin(users, eq(users.id, submissions.userId)).where(inArray(submissions.id, reported))
    : [];
  const byId = new Map(reportedRows.map((r) => [r.a.id, r]));
  const queue = reported.flatMap((id) => {
    const row = byId.get(id);
    if (!row || !readable(row.a)) return [];
    const mine = open.filter((r) => r.submissionId === id);
    const reasons = Object.fromEntries(reportReasons.map((k) => [k, mine.filter((r) => r.reason === k).length])) as Record<ReportReason, number>;
    return [
      {
        answer: answerView(row.a, row.name, reveals),
        reports: {
          count: mine.length,
          reasons,
          // What reporters wrote, without who wrote it.
          notes: mine.filter((r) => r.note).map((r) => ({ reason: r.reason, note: r.note!, createdAt: new Date(r.createdAt).toISOString() })),
          latestAt: new Date(mine[0]!.createdAt).toISOString(),
        },
      },
    ];
  });

  const hidden = await db
    .select({ a: submissions, name: users.name })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .where(and(eq(submissions.communityId, community.id), eq(submissions.moderation, 'hidden')))
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(HIDDEN_SIZE);

  const actor = alias(users, 'actor');
  const target = alias(users, 'target');
  const log = await db
    .select({ entry: moderationLog, actor: actor.name, target: target.name })
    .from(moderationLog)
    .innerJoin(actor, eq(actor.id, moderationLog.actorId))
    .leftJoin(target, eq(target.id, moderationLog.targetUserId))
    .where(eq(moderationLog.communityId, community.id))
    .orderBy(desc(moderationLog.createdAt), desc(moderationLog.id))
    .limit(LOG_SIZE);

  return {
    community: { slug: community.slug, name: community.name },
    queue,
    // Answers to help prompts (issue 15): reported ones and hidden ones, in the same queue's terms.
    helpReplies: await helpReplyQueue(db, community.id),
    hidden: hidden.filter((r) => readable(r.a)).map((r) => answerView(r.a, r.name, reveals)),
    log: log.map((r) => ({
      id: r.entry.id,
      action: r.entry.action,
      actor: { name: r.actor },
      submissionId: r.entry.submissionId,
      helpReplyId: r.entry.helpReplyId,
      member: r.target === null ? null : { id: r.entry.targetUserId!, name: r.target },
      at: new Date(r.entry.createdAt).toISOString(),
    })),
  };
}
