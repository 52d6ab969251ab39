/**
 * The helper-credits ledger (issue 15): entries are only ever added (triggers refuse edits), a balance is the
 * sum of a member's entries in one community, and the database itself refuses an entry that would take a
 * balance below zero (migration 0025's credits_never_negative), so concurrent spends cannot double-spend.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { creditsLedger } from '../../../db/schema';
import { communityForViewer } from '../communities/access';
import { isCreditsInsufficient } from '../constraints';
import { DomainError } from '../errors';
import type { Caller } from '../identity/sessions';
import { CREDIT_RULES, type CreditReason } from './reasons';

/** Entries shown with a balance: the latest few, a time bank's statement rather than an archive. */
export const ENTRIES_SHOWN = 50;

export interface CreditMove {
  communityId: number;
  userId: number;
  reason: CreditReason;
  /** What the entry is for (`session:12`, a help prompt's credit ref): one entry per member, reason and ref. */
  ref: string;
}

/**
 * The INSERT of one ledger entry, its amount taken from CREDIT_RULES, for a caller's batch. Writing the
 * same move twice adds nothing (ON CONFLICT DO NOTHING), so retries and repeated ticks are harmless.
 */
export function creditEntry(db: Db, move: CreditMove, now: Date) {
  return db
    .insert(creditsLedger)
    .values({ ...move, delta: CREDIT_RULES[move.reason], createdAt: now.getTime() })
    .onConflictDoNothing();
}

/** A member's balance in one community: the sum of their entries. */
export async function creditBalance(db: Db, communityId: number, userId: number): Promise<number> {
  const [row] = await db
    .select({ balance: sql<number>`coalesce(sum(${creditsLedger.delta}), 0)` })
    .from(creditsLedger)
    .where(and(eq(creditsLedger.communityId, communityId), eq(creditsLedger.userId, userId)));
  return Number(row?.balance ?? 0);
}

/** Runs a batch that spends credits; the trigger's refusal becomes 409 credits_insufficient. */
export async function spending<T>(write: () => Promise<T>, cost: number): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isCreditsInsufficient(err)) throw new DomainError('credits_insufficient', `This needs ${cost} helper credits`);
    throw err;
  }
}

/** The caller's balance and latest entries in a community they may read. */
export async function myCredits(db: Db, caller: Caller, slug: string) {
  const { community } = await communityForViewer(db, slug, caller);
  const entries = await db
    .select({ reason: creditsLedger.reason, delta: creditsLedger.delta, createdAt: creditsLedger.createdAt })
    .from(creditsLedger)
    .where(and(eq(creditsLedger.communityId, community.id), eq(creditsLedger.userId, caller.id)))
    .orderBy(desc(creditsLedger.id))
    .limit(ENTRIES_SHOWN);
  return {
    balance: await creditBalance(db, community.id, caller.id),
    entries: entries.map((e) => ({ ...e, createdAt: new Date(e.createdAt).toISOString() })),
  };
}
