/**
 * A member's own data from issue 15, for the data export and for account erasure (../data-rights/): their
 * helper-credit entries, the help prompts they asked, their answers to others' prompts, and the live sessions
 * they host.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, creditsLedger, helpReplies, helpReplyReports, helpRequests, liveSessions, prompts, series } from '../../../db/schema';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What the member export holds of helping: every entry and text, with community slugs. */
export async function helpingExport(db: Db, userId: number) {
  const slug = { community: communities.slug };
  const [ledger, asked, replies, hosted] = await db.batch([
    db
      .select({ ...slug, reason: creditsLedger.reason, delta: creditsLedger.delta, createdAt: creditsLedger.createdAt })
      .from(creditsLedger)
      .innerJoin(communities, eq(communities.id, creditsLedger.communityId))
      .where(eq(creditsLedger.userId, userId))
      .orderBy(asc(creditsLedger.id)),
    db
      .select({ ...slug, id: helpRequests.id, question: helpRequests.question, status: helpRequests.status, createdAt: helpRequests.createdAt })
      .from(helpRequests)
      .innerJoin(communities, eq(communities.id, helpRequests.communityId))
      .where(eq(helpRequests.userId, userId))
      .orderBy(asc(helpRequests.id)),
    db
      .select({ ...slug, helpPromptId: helpReplies.requestId, body: helpReplies.body, createdAt: helpReplies.createdAt })
      .from(helpReplies)
      .innerJoin(communities, eq(communities.id, helpReplies.communityId))
      .where(eq(helpReplies.userId, userId))
      .orderBy(asc(helpReplies.id)),
    db
      .select({ ...slug, id: liveSessions.id, kind: liveSessions.kind, title: liveSessions.title, startsAt: liveSessions.startsAt, endsAt: liveSessions.endsAt })
      .from(liveSessions)
      .innerJoin(communities, eq(communities.id, liveSessions.communityId))
      .where(eq(liveSessions.hostId, userId))
      .orderBy(asc(liveSessions.startsAt)),
  ]);
  return {
    creditsLedger: ledger.map((e) => ({ ...e, createdAt: iso(e.createdAt) })),
    helpPromptsAsked: asked.map((h) => ({ ...h, createdAt: iso(h.createdAt) })),
    helpAnswers: replies.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
    liveSessionsHosted: hosted.map((s) => ({ ...s, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) })),
  };
}

/**
 * The statements account erasure adds to its one batch, after the tombstone update (the ledger's trigger lets
 * an erased member's entries go): their credit entries, answers and help prompts (others' answers to those go
 * with them) go; sessions they would host later are cancelled (past ones stay as the community's history,
 * their host shown with no name); decisions they made keep no trace of who made them.
 */
/** The sessions `userId` would host after `now`, as a subquery. */
const futureHosted = (db: Db, userId: number, now: Date) =>
  db.select({ id: liveSessions.id }).from(liveSessions).where(and(eq(liveSessions.hostId, userId), gt(liveSessions.startsAt, now.getTime())));

export function eraseHelping(db: Db, userId: number, now: Date) {
  return [
    db.delete(creditsLedger).where(eq(creditsLedger.userId, userId)),
    // Their reports on others' answers to help prompts, as their reports on answers (reports on their own go with them).
    db.delete(helpReplyReports).where(eq(helpReplyReports.reporterId, userId)),
    db.delete(helpReplies).where(eq(helpReplies.userId, userId)),
    db.delete(helpRequests).where(eq(helpRequests.userId, userId)),
    db.update(helpRequests).set({ decidedBy: null }).where(eq(helpRequests.decidedBy, userId)),
    // A cancelled session's own prompt and series go with it (no answers yet: it has not started).
    db.delete(prompts).where(inArray(prompts.liveSessionId, futureHosted(db, userId, now))),
    db.delete(series).where(inArray(series.liveSessionId, futureHosted(db, userId, now))),
    db.delete(liveSessions).where(and(eq(liveSessions.hostId, userId), gt(liveSessions.startsAt, now.getTime()))),
  ] as const;
}
