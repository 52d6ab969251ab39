/** Encouragement: a few positive kinds, once per kind per member, never on one's own answer. */
import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prepared, type Placeholders } from '../../../db/prepared';
import { kudos } from '../../../db/schema';
import type { kudosKinds } from '../../schemas';
import { requireMember } from '../communities/access';
import { DomainError } from '../errors';
import { isUniqueViolation } from '../constraints';
import { requireOpen } from '../archive';
import { insertReceipt, jsonWith, keyTakenMeanwhile, type Receipt } from './idempotency-receipt';
import { recognizeChange } from '../recognition/effects';
import type { Caller } from '../identity/sessions';
import { visibleAnswer } from './submissions';

export type KudosKind = (typeof kudosKinds)[number];
export type KudosCounts = Record<KudosKind, number>;

const zero = (): KudosCounts => ({ applause: 0, learned: 0, relate: 0 });

/** Counts per answer and kind of the answers `which` selects, as a statement (a batch runs it after its insert). */
const countsQuery = (db: Db, which: SQL | undefined) =>
  db
    .select({ submissionId: kudos.submissionId, kind: kudos.kind, n: count() })
    .from(kudos)
    .where(which)
    .groupBy(kudos.submissionId, kudos.kind);

function countsFrom(submissionIds: number[], rows: { submissionId: number; kind: string; n: number }[]) {
  const counts = new Map(submissionIds.map((id) => [id, zero()]));
  for (const r of rows) {
    const c = counts.get(r.submissionId);
    // Kinds retired from the set stay in the table but are no longer shown.
    if (c && Object.hasOwn(c, r.kind)) c[r.kind as KudosKind] = r.n;
  }
  return counts;
}

/** Counts per kind for many answers in one grouped query; every asked id gets an entry. */
export async function kudosCounts(db: Db, submissionIds: number[]): Promise<Map<number, KudosCounts>> {
  if (submissionIds.length === 0) return new Map();
  return countsFrom(submissionIds, await countsQuery(db, inArray(kudos.submissionId, submissionIds)));
}

// Giving kudos is a hot write: its statements are built once (db/prepared.ts).
type OneAnswer = { submissionId: number };
const insertKudosQuery = prepared((db, p: Placeholders<typeof kudos.$inferInsert>) =>
  db.insert(kudos).values({ submissionId: p.submissionId, userId: p.userId, kind: p.kind, createdAt: p.createdAt }).onConflictDoNothing(),
);
const countsOfOneQuery = prepared((db, p: Placeholders<OneAnswer>) => countsQuery(db, eq(kudos.submissionId, p.submissionId)));

/** The response of `giveKudos` as SQL, for its Idempotency-Key receipt: the counts after the batch's insert. */
const kudosReceiptQuery = prepared((db, p: Placeholders<Receipt & OneAnswer>) => {
  const paths = Object.fromEntries(
    (Object.keys(zero()) as KudosKind[]).map((kind) => [
      `$.kudos.${kind}`,
      sql`(select count(*) from ${kudos} where ${and(eq(kudos.submissionId, p.submissionId), eq(kudos.kind, kind))})`,
    ]),
  );
  return insertReceipt(db, p, jsonWith({ kudos: zero() }, paths));
});

/**
 * Gives one kind of kudos to an answer the caller can see. Repeating it is harmless: the answer is
 * 200 with unchanged counts (a retried tap should not look like an error). Unseen answers are 404.
 * One batch: the kudos; the author's nudge, offered at this moment (a nudge is about the moment
 * encouragement arrives); the author and the giver queued for the rest of their recognition (badges:
 * "Welcomed", the giver's "Encourager"); the counts after it; and with `receipt` the Idempotency-Key's record.
 */
export async function giveKudos(db: Db, input: { submissionId: number; caller: Caller; kind: KudosKind }, now: Date, receipt?: Receipt) {
  const { answer, role } = await visibleAnswer(db, input.submissionId, input.caller);
  if (answer.userId === input.caller.id) throw new DomainError('forbidden', 'Encouragement is for other members');
  requireMember(role);
  requireOpen(answer);

  const author = { communityId: answer.communityId, userId: answer.userId };
  const giver = { communityId: answer.communityId, userId: input.caller.id };
  try {
    const [, , , rows] = await db.batch([
      insertKudosQuery.bind(db, { submissionId: answer.id, userId: input.caller.id, kind: input.kind, createdAt: now.getTime() }),
      ...recognizeChange(db, author, answer, now, [giver]),
      countsOfOneQuery.bind(db, { submissionId: answer.id }),
      ...(receipt ? [kudosReceiptQuery.bind(db, { ...receipt, submissionId: answer.id })] : []),
    ]);
    return { kudos: countsFrom([answer.id], rows).get(answer.id)! };
  } catch (err) {
    // Only the receipt can conflict (the rest is ON CONFLICT): another request with the key got there first.
    if (receipt && isUniqueViolation(err)) throw keyTakenMeanwhile();
    throw err;
  }
}
