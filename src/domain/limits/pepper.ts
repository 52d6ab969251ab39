/**
 * A secret mixed into the hashes of IPs and addresses in counter keys: without it, the SHA-256 of an IPv4
 * address is undone by hashing all four billion. Generated on first use and kept in the settings table, so
 * counts survive a restart; read once per process (or Worker isolate).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { settings } from '../../../db/schema';
import { randomToken } from '../crypto';

const PEPPER_SETTING = 'rate_limit_pepper';
let cached: Promise<string> | undefined;

async function readOrCreate(db: Db, now: Date): Promise<string> {
  const stored = async () => (await db.select().from(settings).where(eq(settings.key, PEPPER_SETTING)))[0]?.value;
  const found = await stored();
  if (found) return found;
  // The first writer wins a race; everyone then reads that one.
  await db.insert(settings).values({ key: PEPPER_SETTING, value: randomToken(32), createdAt: now.getTime() }).onConflictDoNothing();
  return (await stored())!;
}

/** The deployment's rate-limit pepper. A failed read is not remembered: the next call tries again. */
export function limitPepper(db: Db, now: Date): Promise<string> {
  cached ??= readOrCreate(db, now).catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}
