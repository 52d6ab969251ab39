/**
 * Featured help prompts (issue 15): a member spends helper credits to ask the community a question of their
 * own; a facilitator approves it (featured, answerable) or declines it (credits refunded); members who answer
 * an approved one earn a credit, once per prompt. Private communities: outsiders get 404 throughout.
 */
import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { creditsLedger, helpReplies, helpRequests, randomPublicId, users } from '../../../db/schema';
import { communityByIdForViewer, communityForViewer, requireFacilitator, requireMember, type ViewerRole } from '../communities/access';
import { isUniqueViolation } from '../constraints';
import { DomainError, notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { creditEntry, spending } from './ledger';
import { CREDIT_RULES, HELP_PROMPT_COST } from './reasons';

/** Featured prompts shown at once, newest first. */
export const FEATURED_SHOWN = 10;
export const REPLIES_SHOWN = 200;
/** Waiting for a decision, oldest decisions matter too: shown to facilitators up to this many. */
export const PENDING_SHOWN = 50;

type HelpRow = typeof helpRequests.$inferSelect;

const view = (r: HelpRow, asker: string, replies: number) => ({
  id: r.id,
  question: r.question,
  status: r.status,
  asker: { id: r.userId, name: asker },
  replies,
  createdAt: new Date(r.createdAt).toISOString(),
});
export type HelpPromptView = ReturnType<typeof view>;

/** Asks the community a question, paying HELP_PROMPT_COST credits in the same batch; 409 credits_insufficient without them. */
export async function askForHelp(db: Db, input: { caller: Caller; slug: string; question: string }, now: Date): Promise<HelpPromptView> {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireMember(role);
  const creditRef = `help:${randomPublicId()}`;
  const [, inserted] = await spending(
    () =>
      db.batch([
        creditEntry(db, { communityId: community.id, userId: input.caller.id, reason: 'help_asked', ref: creditRef }, now),
        db
          .insert(helpRequests)
          .values({ communityId: community.id, userId: input.caller.id, creditRef, question: input.question, status: 'pending', createdAt: now.getTime() })
          .returning(),
      ]),
    HELP_PROMPT_COST,
  );
  return view(inserted[0]!, input.caller.name, 0);
}

/** A help prompt with its community and the caller's role; 404 when unknown or hidden from the caller. */
export async function helpForViewer(db: Db, id: number, caller: Caller | null) {
  const [row] = await db.select().from(helpRequests).where(eq(helpRequests.id, id));
  if (!row) throw notFound('Help prompt');
  const { community, role } = await communityByIdForViewer(db, row.communityId, caller, 'Help prompt');
  // Not approved yet (or declined): for its asker and the facilitators only.
  const own = caller !== null && caller.id === row.userId;
  if (row.status !== 'approved' && !own && role !== 'facilitator') throw notFound('Help prompt');
  return { row, community, role };
}

/**
 * Approves (features) or declines a pending help prompt (facilitators). Declining refunds its credits in the
 * same batch; the refund is written only if the prompt is declined, so two facilitators deciding at once
 * can never both approve and refund. 409 already_decided when someone decided first.
 */
export async function decideHelp(db: Db, input: { caller: Caller; id: number; decision: 'approve' | 'decline' }, now: Date) {
  const { row, role } = await helpForViewer(db, input.id, input.caller);
  requireFacilitator(role);
  const status = input.decision === 'approve' ? 'approved' : 'declined';
  const decide = db
    .update(helpRequests)
    .set({ status, decidedAt: now.getTime(), decidedBy: input.caller.id })
    .where(and(eq(helpRequests.id, row.id), eq(helpRequests.status, 'pending')))
    .returning({ id: helpRequests.id });
  const refund = db.run(sql`INSERT INTO ${creditsLedger} (community_id, user_id, reason, delta, ref, created_at)
    SELECT ${row.communityId}, ${row.userId}, 'help_refunded', ${CREDIT_RULES.help_refunded}, ${row.creditRef}, ${now.getTime()}
    WHERE (SELECT status FROM ${helpRequests} WHERE id = ${row.id}) = 'declined'
    ON CONFLICT DO NOTHING`);
  const [decided] = status === 'declined' ? await db.batch([decide, refund]) : await db.batch([decide]);
  if (decided.length === 0) throw new DomainError('already_decided', 'This help prompt was already decided');
  return { id: row.id, status };
}

/** The featured prompts (approved, newest first); facilitators also get those waiting for a decision. */
export async function listHelp(db: Db, caller: Caller | null, slug: string) {
  const { community, role } = await communityForViewer(db, slug, caller);
  return helpInCommunity(db, community.id, role, caller);
}

/** The same for a community already checked. */
export async function helpInCommunity(db: Db, communityId: number, role: ViewerRole, caller: Caller | null) {
  const [featured, pending] = await Promise.all([
    helpWithStatus(db, communityId, 'approved', FEATURED_SHOWN),
    role === 'facilitator' ? helpWithStatus(db, communityId, 'pending', PENDING_SHOWN) : Promise.resolve([]),
  ]);
  return { featured, pending, canAsk: role !== 'visitor' && caller !== null };
}

/** Help prompts of one status, newest first, with their askers' names and answer counts (hidden answers not counted). */
async function helpWithStatus(db: Db, communityId: number, status: HelpRow['status'], limit: number): Promise<HelpPromptView[]> {
  const rows = await db
    .select({ r: helpRequests, asker: users.name, replies: sql<number>`(select count(*) from ${helpReplies} where ${helpReplies.requestId} = ${helpRequests.id} and ${helpReplies.moderation} = 'visible')` })
    .from(helpRequests)
    .innerJoin(users, eq(users.id, helpRequests.userId))
    .where(and(eq(helpRequests.communityId, communityId), eq(helpRequests.status, status)))
    .orderBy(desc(helpRequests.createdAt), desc(helpRequests.id))
    .limit(limit);
  return rows.map((r) => view(r.r, r.asker, Number(r.replies)));
}

/** One help prompt and its replies (oldest first). */
export async function helpPrompt(db: Db, caller: Caller | null, id: number) {
  const { row, community, role } = await helpForViewer(db, id, caller);
  const [asker] = await db.select({ name: users.name }).from(users).where(eq(users.id, row.userId));
  // A hidden answer (../moderation/help-replies.ts) is read by its author and the facilitators only.
  const readable = role === 'facilitator' ? undefined : or(eq(helpReplies.moderation, 'visible'), eq(helpReplies.userId, caller?.id ?? -1));
  const replies = await db
    .select({ id: helpReplies.id, body: helpReplies.body, author: users.name, authorId: helpReplies.userId, moderation: helpReplies.moderation, createdAt: helpReplies.createdAt })
    .from(helpReplies)
    .innerJoin(users, eq(users.id, helpReplies.userId))
    .where(and(eq(helpReplies.requestId, row.id), readable))
    .orderBy(helpReplies.id)
    .limit(REPLIES_SHOWN);
  return {
    prompt: view(row, asker?.name ?? '', replies.length),
    community: { slug: community.slug, name: community.name },
    replies: replies.map(({ authorId, ...r }) => ({ ...r, own: caller !== null && authorId === caller.id, createdAt: new Date(r.createdAt).toISOString() })),
  };
}

/**
 * Answers an approved help prompt (members), earning the writer a credit in the same batch. Not one's own
 * (422), not one still pending or declined (409), once per member (409 already_answered).
 */
export async function replyToHelp(db: Db, input: { caller: Caller; id: number; body: string }, now: Date) {
  const { row, role } = await helpForViewer(db, input.id, input.caller);
  requireMember(role);
  if (row.userId === input.caller.id) throw new DomainError('own_help_prompt', 'Your own help prompt is for others to answer');
  if (row.status !== 'approved') throw new DomainError('help_not_open', 'This help prompt is not open for answers');
  try {
    const [inserted] = await db.batch([
      db.insert(helpReplies).values({ requestId: row.id, communityId: row.communityId, userId: input.caller.id, body: input.body, createdAt: now.getTime() }).returning({ id: helpReplies.id }),
      creditEntry(db, { communityId: row.communityId, userId: input.caller.id, reason: 'help_answered', ref: `help-reply:${row.id}` }, now),
    ]);
    return { id: inserted[0]!.id, requestId: row.id };
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('already_answered', 'You already answered this help prompt');
    throw err;
  }
}

/**
 * Removes an answer to a help prompt (the community's facilitators: moderation). The credit it earned stays,
 * as points stay with a hidden answer: the ledger is append-only, and a reversal could not be refused later
 * without taking a balance below zero. 404 for a reply the caller may not read.
 */
export async function removeHelpReply(db: Db, input: { caller: Caller; id: number }) {
  const [reply] = await db.select({ id: helpReplies.id, requestId: helpReplies.requestId }).from(helpReplies).where(eq(helpReplies.id, input.id));
  if (!reply) throw notFound('Help answer');
  const { role } = await helpForViewer(db, reply.requestId, input.caller).catch((err: unknown) => {
    throw err instanceof DomainError && err.code === 'not_found' ? notFound('Help answer') : err;
  });
  requireFacilitator(role);
  await db.delete(helpReplies).where(eq(helpReplies.id, reply.id));
  return { id: reply.id };
}
