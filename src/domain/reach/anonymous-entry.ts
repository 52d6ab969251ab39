/**
 * How an anonymous answer appears in a feed: an id nobody can map back to the answer's sequential id, and
 * a time cut to the hour, so neither can be matched against other views to find its author.
 * Kept apart so that it can switch to the answers' own random public id once they carry one.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { settings } from '../../../db/schema';
import { randomToken } from '../crypto';

const KEY_SETTING = 'feed_anonymous_id_key';
const HOUR = 3_600_000;

/** The deployment's secret for anonymous entry ids: made on first use, kept in settings (the first writer wins). */
export async function anonymousIdKey(db: Db, now: Date): Promise<CryptoKey> {
  const stored = async () => (await db.select().from(settings).where(eq(settings.key, KEY_SETTING)))[0]?.value;
  let secret = await stored();
  if (!secret) {
    await db.insert(settings).values({ key: KEY_SETTING, value: randomToken(), createdAt: now.getTime() }).onConflictDoNothing();
    secret = (await stored())!;
  }
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** HMAC-SHA-256 of the answer's id, as 32 hex digits: stable for the answer, opaque without the key. */
export async function anonymousEntryId(key: CryptoKey, submissionId: number): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`submission:${submissionId}`));
  return Array.from(new Uint8Array(mac).slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The start of the hour `ms` falls in. */
export const coarseTime = (ms: number): number => Math.floor(ms / HOUR) * HOUR;
