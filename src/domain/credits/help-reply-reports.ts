/**
 * Reporting answers to help prompts (issue 15), as answers to daily prompts are reported: a member who did not
 * write it sends it to the community's facilitators with a reason from the same list; the facilitators find it
 * on their moderation page and remove it (./help-prompts.ts removeHelpReply) or keep it. Who reported is never
 * stored, so no read can show it; the first report's reason stands until a facilitator decides.
 */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { helpReplies, helpRequests, users } from '../../../db/schema';
import type { ReportReason } from '../../schemas/report-reasons';
import { communityForViewer, requireFacilitator, requireMember } from '../communities/access';
import { DomainError, notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { helpForViewer } from './help-prompts';

/** Reported answers shown at once: a community's queue, not its history. */
export const REPORTED_SHOWN = 50;

/** The reply and the caller's role in its community; 404 for a reply the caller may not read. */
async function replyForViewer(db: Db, id: number, caller: Caller) {
  const [reply] = await db.select().from(helpReplies).where(eq(helpReplies.id, id));
  if (!reply) throw notFound('Help answer');
  const { role } = await helpForViewer(db, reply.requestId, caller).catch((err: unknown) => {
    throw err instanceof DomainError && err.code === 'not_found' ? notFound('Help answer') : err;
  });
  return { reply, role };
}

/**
 * Reports an answer to a help prompt (members, not its author: 422 own_answer). Reporting one already reported
 * changes nothing (`created: false`): the first reason stands.
 */
export async function reportHelpReply(db: Db, input: { caller: Caller; id: number; reason: ReportReason; note?: string | undefined }, now: Date) {
  const { reply, role } = await replyForViewer(db, input.id, input.caller);
  requireMember(role);
  if (reply.userId === input.caller.id) throw new DomainError('own_answer', 'You cannot report your own answer');
  const filed = await db
    .update(helpReplies)
    .set({ reportedAt: now.getTime(), reportReason: input.reason, reportNote: input.note ?? null })
    .where(and(eq(helpReplies.id, reply.id), isNull(helpReplies.reportedAt)))
    .returning({ id: helpReplies.id });
  return { created: filed.length > 0, report: { helpAnswerId: reply.id, status: 'open' as const } };
}

/** A facilitator keeps a reported answer: its report is cleared (it may be reported again later). */
export async function keepHelpReply(db: Db, input: { caller: Caller; id: number }) {
  const { reply, role } = await replyForViewer(db, input.id, input.caller);
  requireFacilitator(role);
  await db.update(helpReplies).set({ reportedAt: null, reportReason: null, reportNote: null }).where(eq(helpReplies.id, reply.id));
  return { id: reply.id, reported: false };
}

/** The community's reported help answers, newest report first (facilitators only); never who reported. */
export async function reportedHelpReplies(db: Db, input: { slug: string; caller: Caller }) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireFacilitator(role);
  const rows = await db
    .select({
      id: helpReplies.id,
      helpPromptId: helpReplies.requestId,
      question: helpRequests.question,
      body: helpReplies.body,
      author: users.name,
      reason: helpReplies.reportReason,
      note: helpReplies.reportNote,
      reportedAt: helpReplies.reportedAt,
    })
    .from(helpReplies)
    .innerJoin(helpRequests, eq(helpRequests.id, helpReplies.requestId))
    .innerJoin(users, eq(users.id, helpReplies.userId))
    .where(and(eq(helpReplies.communityId, community.id), isNotNull(helpReplies.reportedAt)))
    .orderBy(desc(helpReplies.reportedAt), desc(helpReplies.id))
    .limit(REPORTED_SHOWN);
  return { helpAnswers: rows.map((r) => ({ ...r, reason: r.reason!, reportedAt: new Date(r.reportedAt!).toISOString() })) };
}
export type ReportedHelpAnswer = Awaited<ReturnType<typeof reportedHelpReplies>>['helpAnswers'][number];
