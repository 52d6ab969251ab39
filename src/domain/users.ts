import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A neutral default display name. Deriving one from the address would publish part of it
 * (often a real name) before the member has chosen what to show.
 */
export function defaultName(): string {
  return `Member ${1000 + (crypto.getRandomValues(new Uint16Array(1))[0]! % 9000)}`;
}

/** Sign-up and sign-in are one flow: the first confirmed link for an address creates its account. */
export async function findOrCreateUser(db: Db, email: string, now: Date, name?: string) {
  const address = normalizeEmail(email);
  await db
    .insert(users)
    .values({ email: address, name: name ?? defaultName(), createdAt: now.getTime() })
    .onConflictDoNothing();
  const [user] = await db.select().from(users).where(eq(users.email, address));
  return user!;
}
