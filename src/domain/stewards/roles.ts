/**
 * Steward roles. A steward looks after the whole network; only stewards know the network dashboard exists
 * (everyone else: 404). An existing steward makes another (POST /api/stewards); the very first one is made
 * with the deployment's setup secret (POST /api/setup/steward), which works only while no steward exists, so
 * a leaked secret cannot make a second one. Every steward action is written to `steward_log`.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { stewardLog, users } from '../../../db/schema';
import { sha256Hex } from '../crypto';
import { DomainError, notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { normalizeEmail, UNSET_NAME } from '../identity/users';

/** The caller, when a steward; anyone else is told the page or route does not exist. */
export function requireSteward(caller: Caller | null): Caller {
  if (!caller?.isSteward) throw notFound('Page');
  return caller;
}

const userIdOf = (address: string) => sql`(select id from ${users} where ${users.email} = ${address})`;

/**
 * Makes the person with `email` a steward (their account is created if they have none yet, so they become
 * one on first sign-in), logged with the acting steward. Making a steward of a steward changes nothing and
 * logs nothing.
 */
export async function makeSteward(db: Db, actor: Caller, email: string, now: Date) {
  const address = normalizeEmail(email);
  const [existing] = await db.select({ id: users.id, isSteward: users.isSteward }).from(users).where(eq(users.email, address));
  if (existing?.isSteward) return { userId: existing.id, created: false };
  await db.batch([
    db.insert(users).values({ email: address, name: UNSET_NAME, createdAt: now.getTime() }).onConflictDoNothing(),
    db.update(users).set({ isSteward: true }).where(eq(users.email, address)),
    db.insert(stewardLog).values({ actorId: actor.id, action: 'make_steward', targetUserId: userIdOf(address), createdAt: now.getTime() }),
  ]);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, address));
  return { userId: user!.id, created: true };
}

/** Compares two secrets in time that does not depend on where they differ (their hashes have one length). */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256Hex(given), sha256Hex(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const noSteward = sql`not exists (select 1 from ${users} where ${users.isSteward} = 1)`;

/**
 * The first steward, made with the setup secret (checked by the caller, the route): 409 steward_exists once
 * any steward exists. The promotion itself carries the same condition, so two racing calls make one steward.
 */
export async function setupFirstSteward(db: Db, email: string, now: Date) {
  const address = normalizeEmail(email);
  const exists = () => new DomainError('steward_exists', 'A steward exists already: ask them to make you one');
  const [any] = await db.select({ id: users.id }).from(users).where(eq(users.isSteward, true)).limit(1);
  if (any) throw exists();
  await db.batch([
    db.insert(users).values({ email: address, name: UNSET_NAME, createdAt: now.getTime() }).onConflictDoNothing(),
    // Logged first, while the condition still holds; the update right after it in the same batch cannot fail it.
    // A query builder, not db.run: D1's batch cannot bind a raw statement's parameters.
    db.insert(stewardLog).select(
      db
        .select({
          id: sql<number>`null`.as('id'),
          actorId: sql<number | null>`null`.as('actor_id'),
          action: sql<'setup_steward'>`'setup_steward'`.as('action'),
          targetUserId: users.id,
          createdAt: sql<number>`${now.getTime()}`.as('created_at'),
          communityId: sql<number | null>`null`.as('community_id'),
        })
        .from(users)
        .where(and(eq(users.email, address), noSteward)),
    ),
    db.update(users).set({ isSteward: true }).where(and(eq(users.email, address), noSteward)),
  ]);
  const [user] = await db.select({ id: users.id, isSteward: users.isSteward }).from(users).where(eq(users.email, address));
  if (!user?.isSteward) throw exists();
  return { userId: user.id };
}
