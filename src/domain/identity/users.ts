import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users } from '../../../db/schema';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The name of an account whose member has not chosen one (signed up through the API or the CLI without a
 * name): empty, and shown in the web app as a plain "a member without a name yet" where a name is expected.
 * Nothing is derived from the address behind the member's back, and no numbered "Member 1234" reads like a name.
 */
export const UNSET_NAME = '';

/**
 * A friendly display name to offer (never to apply unasked) at a first sign-in, from the address's local part:
 * "priya.sharma+kindling@…" → "Priya Sharma". Digits and tags are left out; '' when nothing usable remains.
 */
export function suggestName(email: string): string {
  const local = normalizeEmail(email).split('@')[0]!.split('+')[0]!;
  return local
    .split(/[._\-\s]+/)
    .map((part) => part.replace(/[^\p{L}']/gu, ''))
    .filter((part) => part.length > 1)
    .slice(0, 3)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(' ')
    .slice(0, 60);
}

/** Sign-up and sign-in are one flow: the first confirmed link for an address creates its account. */
export async function findOrCreateUser(db: Db, email: string, now: Date, name?: string) {
  const address = normalizeEmail(email);
  await db
    .insert(users)
    .values({ email: address, name: name ?? UNSET_NAME, createdAt: now.getTime() })
    .onConflictDoNothing();
  const [user] = await db.select().from(users).where(eq(users.email, address));
  return user!;
}
