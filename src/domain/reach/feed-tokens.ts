/**
 * Who may read a community's feeds. Public communities: anyone, at /c/:slug/…. Private ones: only a member's
 * secret feed URL (/feeds/<token>/…), since feed readers and calendar apps cannot sign in. The token is kept
 * as its SHA-256 (like sign-in tokens), one per member and community, and works only while the membership does.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, feedTokens, memberships } from '../../../db/schema';
import type { Community } from '../communities/access';
import { sha256Hex, randomToken } from '../crypto';
import { DomainError, notFound } from '../errors';
import type { Caller } from '../identity/sessions';

/** Whose eyes a feed is read with: anyone (a public feed) or one member (a secret feed URL). */
export type FeedReader = { kind: 'anyone' } | { kind: 'member'; userId: number };

export interface FeedAccess {
  community: Community;
  reader: FeedReader;
}

/** A public community's feeds, for anyone; a private community does not exist here (404), even for its members. */
export async function publicFeedAccess(db: Db, slug: string): Promise<FeedAccess> {
  const [community] = await db.select().from(communities).where(eq(communities.slug, slug));
  if (!community || community.visibility !== 'public') throw notFound('Community');
  return { community, reader: { kind: 'anyone' } };
}

/** The community and member behind a secret feed token; 404 for an unknown or rotated token, or a removed member. */
export async function feedAccessByToken(db: Db, token: string): Promise<FeedAccess> {
  const [row] = await db
    .select({ community: communities, userId: feedTokens.userId })
    .from(feedTokens)
    .innerJoin(communities, eq(communities.id, feedTokens.communityId))
    .innerJoin(memberships, and(eq(memberships.communityId, feedTokens.communityId), eq(memberships.userId, feedTokens.userId)))
    .where(eq(feedTokens.tokenHash, await sha256Hex(token)));
  if (!row) throw notFound('Feed');
  return { community: row.community, reader: { kind: 'member', userId: row.userId } };
}

/**
 * Gives the caller a new secret feed token for the community, replacing (and so revoking) any earlier one,
 * in one statement. Members only: a visitor gets 404 for a private community and 403 for a public one.
 * Returns the token in clear, the only time it exists outside the caller's feed reader.
 */
export async function rotateFeedToken(db: Db, caller: Caller, slug: string, now: Date): Promise<{ community: Community; token: string }> {
  const [row] = await db
    .select({ community: communities, role: memberships.role })
    .from(communities)
    .leftJoin(memberships, and(eq(memberships.communityId, communities.id), eq(memberships.userId, caller.id)))
    .where(eq(communities.slug, slug));
  if (!row || (row.community.visibility === 'private' && !row.role && !caller.isSteward)) throw notFound('Community');
  // A steward reads every community, but a feed token follows a membership, so it needs one.
  if (!row.role) throw new DomainError('forbidden', 'Join this community first');
  const token = randomToken();
  const tokenHash = await sha256Hex(token);
  await db
    .insert(feedTokens)
    .values({ communityId: row.community.id, userId: caller.id, tokenHash, createdAt: now.getTime() })
    .onConflictDoUpdate({ target: [feedTokens.communityId, feedTokens.userId], set: { tokenHash, createdAt: now.getTime() } });
  return { community: row.community, token };
}
