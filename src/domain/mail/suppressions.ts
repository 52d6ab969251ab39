/**
 * Addresses the provider reported as bounced or complaining. Only a hash of the normalised address is kept,
 * so the table can be matched against the outbox without ever holding an address in clear.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { mailSuppressions } from '../../../db/schema';
import { sha256Hex } from '../crypto';

export type SuppressionReason = (typeof mailSuppressions.$inferInsert)['reason'];

/** The key of an address: SHA-256 (hex) of its trimmed, lower-cased form, as sign-up stores addresses. */
export function addressHash(email: string): Promise<string> {
  return sha256Hex(email.trim().toLowerCase());
}

/**
 * Records addresses as suppressed. A complaint outranks a bounce (it is the stronger signal that the person
 * wants no mail); recording one twice keeps the first time.
 */
export async function suppressAddresses(db: Db, emails: string[], reason: SuppressionReason, now: Date): Promise<number> {
  const hashes = [...new Set(await Promise.all(emails.map(addressHash)))];
  if (hashes.length === 0) return 0;
  await db
    .insert(mailSuppressions)
    .values(hashes.map((addressHash) => ({ addressHash, reason, createdAt: now.getTime() })))
    .onConflictDoUpdate({
      target: mailSuppressions.addressHash,
      set: { reason: sql`case when excluded.reason = 'complaint' then 'complaint' else ${mailSuppressions.reason} end` },
    });
  return hashes.length;
}

/** Which of these addresses are suppressed (by address, as given). */
export async function suppressedAmong(db: Db, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const byHash = new Map<string, string[]>();
  for (const email of new Set(emails)) {
    const hash = await addressHash(email);
    byHash.set(hash, [...(byHash.get(hash) ?? []), email]);
  }
  const found = await db
    .select({ hash: mailSuppressions.addressHash })
    .from(mailSuppressions)
    .where(inArray(mailSuppressions.addressHash, [...byHash.keys()]));
  return new Set(found.flatMap((f) => byHash.get(f.hash) ?? []));
}
