/**
 * The steward log as stewards read it on the dashboard (issue 14): every steward action, newest first, with
 * who acted, on whom or on which community. Names only (never an address), and no note's text: the log says
 * that a note was sent, not what it said.
 */
import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { communities, stewardLog, users } from '../../../db/schema';

/** Entries the dashboard shows; the table keeps them all. */
export const LOG_SHOWN = 50;

const actor = alias(users, 'actor');
const target = alias(users, 'target');

/** The newest `limit` steward actions (no access check: the caller's, requireSteward). */
export async function stewardLogView(db: Db, limit = LOG_SHOWN) {
  const rows = await db
    .select({ e: stewardLog, actor: actor.name, actorErased: actor.erased, target: target.name, targetErased: target.erased, slug: communities.slug, community: communities.name })
    .from(stewardLog)
    .leftJoin(actor, eq(actor.id, stewardLog.actorId))
    .leftJoin(target, eq(target.id, stewardLog.targetUserId))
    .leftJoin(communities, eq(communities.id, stewardLog.communityId))
    .orderBy(desc(stewardLog.createdAt), desc(stewardLog.id))
    .limit(limit);
  const named = (name: string | null, erased: boolean | null) => (name === null || erased ? null : name);
  return rows.map((r) => ({
    id: r.e.id,
    action: r.e.action,
    actor: named(r.actor, r.actorErased),
    target: named(r.target, r.targetErased),
    community: r.slug === null ? null : { slug: r.slug, name: r.community! },
    at: new Date(r.e.createdAt).toISOString(),
  }));
}
