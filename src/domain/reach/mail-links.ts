/**
 * What a mailed link stands for, checked against the database as it is now: the member still exists, still
 * belongs to the community, and the prompt is still there. Anything else is `null`: the pages then say the
 * link does not work, and nothing changes.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, memberships, prompts, users } from '../../../db/schema';
import type { Caller } from '../identity/sessions';
import { mailSigner } from './mail-tokens';

/** The member and the communities (still theirs) an unsubscribe token covers. */
export async function unsubscribeTarget(db: Db, token: string, now: Date) {
  const link = await (await mailSigner(db, now)).verify(token, 'unsubscribe', now);
  if (!link) return null;
  const rows = await db
    .select({ id: communities.id, name: communities.name })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .where(and(eq(memberships.userId, link.userId), inArray(memberships.communityId, link.communityIds)));
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, link.userId));
  if (!user) return null;
  return { userId: link.userId, communityIds: rows.map((r) => r.id), names: rows.map((r) => r.name) };
}

/**
 * The member (as a Caller for this one answer, never a session), the prompt and its community an answer
 * token opens; null when the token is forged or expired, or the member has left the community.
 */
export async function answerTarget(db: Db, token: string, now: Date) {
  const link = await (await mailSigner(db, now)).verify(token, 'answer', now);
  return link ? memberPrompt(db, link) : null;
}

/** The same for a reply address's token (src/domain/mail/inbound.ts). */
export async function replyTarget(db: Db, token: string, now: Date) {
  const link = await (await mailSigner(db, now)).verifyReply(token, now);
  return link ? memberPrompt(db, link) : null;
}

/** The member (still in the community) and the prompt a verified token names; null when either is gone. */
async function memberPrompt(db: Db, link: { userId: number; promptId: number }) {
  const [row] = await db
    .select({
      caller: { id: users.id, email: users.email, name: users.name, isSteward: users.isSteward, showOnLeaderboards: users.showOnLeaderboards },
      prompt: { id: prompts.id, easy: prompts.easyText, hard: prompts.hardText },
      community: { id: communities.id, slug: communities.slug, name: communities.name },
    })
    .from(prompts)
    .innerJoin(communities, eq(communities.id, prompts.communityId))
    .innerJoin(memberships, and(eq(memberships.communityId, prompts.communityId), eq(memberships.userId, link.userId)))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(prompts.id, link.promptId));
  return row ? { caller: row.caller satisfies Caller, prompt: row.prompt, community: row.community } : null;
}
