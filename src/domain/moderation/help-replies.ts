/**
 * Reports and moderation of answers to help prompts (issue 15), the same flow as for answers (./reports.ts,
 * ./actions.ts): a member reports one with a reason from the same list and optional words; the report goes to
 * the community's facilitators' queue without its reporter; they hide it (then only they and its author read
 * it), restore it, or dismiss the reports. Removing one stays DELETE /api/help-replies/:id. Every change is
 * logged in moderation_log (help_reply_id) by the same guarded condition as the change, in one batch.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { helpReplies, helpReplyReports, helpRequests, moderationLog, users } from '../../../db/schema';
import { reportReasons, type ReportReason } from '../../schemas/report-reasons';
import { requireFacilitator, requireMember } from '../communities/access';
import { helpForViewer } from '../credits/help-prompts';
import { DomainError, notFound } from '../errors';
import type { Caller } from '../identity/sessions';

export const helpReplyActions = ['hide', 'restore', 'dismiss'] as const;
export type HelpReplyAction = (typeof helpReplyActions)[number];
type State = (typeof helpReplies.$inferSelect)['moderation'];

/** Shown at once in the queue and among hidden ones, newest first. */
const QUEUE_SIZE = 50;

/**
 * The reply with the caller's role in its community; 404 when its help prompt is hidden from the caller, or
 * when it is hidden and the caller is neither its author nor a facilitator.
 */
async function replyForViewer(db: Db, id: number, caller: Caller) {
  const [reply] = await db.select().from(helpReplies).where(eq(helpReplies.id, id));
  if (!reply) throw notFound('Help answer');
  const { role } = await helpForViewer(db, reply.requestId, caller).catch((err: unknown) => {
    throw err instanceof DomainError && err.code === 'not_found' ? notFound('Help answer') : err;
  });
  if (reply.moderation === 'hidden' && role !== 'facilitator' && reply.userId !== caller.id) throw notFound('Help answer');
  return { reply, role };
}

/**
 * Files the caller's report on an answer to a help prompt, or returns their open one (`created: false`), as
 * reportAnswer does. Members only (403 for a visitor); 404 when unreadable; 422 own_answer for one's own.
 */
export async function reportHelpReply(db: Db, input: { helpReplyId: number; caller: Caller; reason: ReportReason; note?: string | undefined }, now: Date) {
  const { reply, role } = await replyForViewer(db, input.helpReplyId, input.caller);
  requireMember(role);
  if (reply.userId === input.caller.id) throw new DomainError('own_answer', 'You cannot report your own answer');
  const shape = { id: helpReplyReports.id, reason: helpReplyReports.reason, createdAt: helpReplyReports.createdAt };
  // The partial unique index (one open report per reporter and reply) turns a racing second insert into nothing.
  const [inserted] = await db
    .insert(helpReplyReports)
    .values({ helpReplyId: reply.id, communityId: reply.communityId, reporterId: input.caller.id, reason: input.reason, note: input.note ?? null, createdAt: now.getTime() })
    .onConflictDoNothing()
    .returning(shape);
  const open = and(eq(helpReplyReports.helpReplyId, reply.id), eq(helpReplyReports.reporterId, input.caller.id), isNull(helpReplyReports.resolvedAt));
  const row = inserted ?? (await db.select(shape).from(helpReplyReports).where(open))[0];
  if (!row) return reportHelpReply(db, input, now);
  return { created: inserted !== undefined, report: { id: row.id, reason: row.reason, status: 'open' as const, createdAt: new Date(row.createdAt).toISOString() } };
}

const MOVES: Record<HelpReplyAction, { from: State; to: State | null }> = {
  hide: { from: 'visible', to: 'hidden' },
  restore: { from: 'hidden', to: 'visible' },
  dismiss: { from: 'visible', to: null },
};

/**
 * Hides, restores, or dismisses the reports of an answer to a help prompt (facilitators). Asking for the
 * state it is already in changes and logs nothing (`changed: false`). Hiding and dismissing answer its open
 * reports; dismissing applies only while there are some (and to a visible answer).
 */
export async function moderateHelpReply(db: Db, input: { helpReplyId: number; caller: Caller; action: HelpReplyAction }, now: Date) {
  const { reply, role } = await replyForViewer(db, input.helpReplyId, input.caller);
  requireFacilitator(role);
  const move = MOVES[input.action];
  const t = now.getTime();
  const openReports = and(eq(helpReplyReports.helpReplyId, reply.id), isNull(helpReplyReports.resolvedAt));
  const applies = and(
    eq(helpReplies.id, reply.id),
    eq(helpReplies.moderation, move.from),
    input.action === 'dismiss' ? sql`exists (select 1 from ${helpReplyReports} where ${openReports})` : undefined,
  );
  const [logged] = await db.batch([
    db
      .insert(moderationLog)
      .select((qb) =>
        qb
          .select({
            id: sql<number>`null`.as('id'),
            communityId: helpReplies.communityId,
            actorId: sql<number>`${input.caller.id}`.as('actor_id'),
            action: sql<HelpReplyAction>`${input.action}`.as('action'),
            submissionId: sql<number | null>`null`.as('submission_id'),
            helpReplyId: helpReplies.id,
            targetUserId: sql<number | null>`null`.as('target_user_id'),
            createdAt: sql<number>`${t}`.as('created_at'),
          })
          .from(helpReplies)
          .where(applies),
      )
      .returning({ id: moderationLog.id }),
    ...(input.action === 'restore'
      ? []
      : [db.update(helpReplyReports).set({ resolvedAt: t }).where(and(openReports, sql`exists (select 1 from ${helpReplies} where ${applies})`))]),
    ...(move.to ? [db.update(helpReplies).set({ moderation: move.to }).where(applies)] : []),
  ]);
  return { id: reply.id, moderation: move.to ?? reply.moderation, changed: logged.length > 0 };
}

/** An answer to a help prompt as facilitators see it in the queue. */
const replyView = (r: { reply: typeof helpReplies.$inferSelect; author: string; question: string }) => ({
  id: r.reply.id,
  helpPromptId: r.reply.requestId,
  question: r.question,
  body: r.reply.body,
  author: { id: r.reply.userId, name: r.author },
  moderation: r.reply.moderation,
  createdAt: new Date(r.reply.createdAt).toISOString(),
});

/**
 * The community's answers to help prompts with open reports (reasons counted, reporters' words without who
 * wrote them) and those hidden, newest first, for its facilitators (the caller has been checked as one).
 */
export async function helpReplyQueue(db: Db, communityId: number) {
  const open = await db
    .select({ helpReplyId: helpReplyReports.helpReplyId, reason: helpReplyReports.reason, note: helpReplyReports.note, createdAt: helpReplyReports.createdAt })
    .from(helpReplyReports)
    .where(and(eq(helpReplyReports.communityId, communityId), isNull(helpReplyReports.resolvedAt)))
    .orderBy(desc(helpReplyReports.createdAt), desc(helpReplyReports.id))
    .limit(QUEUE_SIZE * 10);
  const reported = [...new Set(open.map((r) => r.helpReplyId))].slice(0, QUEUE_SIZE);
  const base = () =>
    db
      .select({ reply: helpReplies, author: users.name, question: helpRequests.question })
      .from(helpReplies)
      .innerJoin(users, eq(users.id, helpReplies.userId))
      .innerJoin(helpRequests, eq(helpRequests.id, helpReplies.requestId));
  const [rows, hidden] = await Promise.all([
    reported.length ? base().where(inArray(helpReplies.id, reported)) : Promise.resolve([]),
    base()
      .where(and(eq(helpReplies.communityId, communityId), eq(helpReplies.moderation, 'hidden')))
      .orderBy(desc(helpReplies.createdAt), desc(helpReplies.id))
      .limit(QUEUE_SIZE),
  ]);
  const byId = new Map(rows.map((r) => [r.reply.id, r]));
  const queue = reported.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const mine = open.filter((r) => r.helpReplyId === id);
    const reasons = Object.fromEntries(reportReasons.map((k) => [k, mine.filter((r) => r.reason === k).length])) as Record<ReportReason, number>;
    const notes = mine.filter((r) => r.note).map((r) => ({ reason: r.reason, note: r.note!, createdAt: new Date(r.createdAt).toISOString() }));
    return [{ reply: replyView(row), reports: { count: mine.length, reasons, notes, latestAt: new Date(mine[0]!.createdAt).toISOString() } }];
  });
  return { queue, hidden: hidden.map(replyView) };
}
