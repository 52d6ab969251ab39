/**
 * The member's own badges and completed series as Open Badges credentials (src/domain/badges/open-badges.ts signs
 * them). Only the member can download their own; evidence is limited to named answers the community can
 * see, and the earned date is left out when an anonymous answer is part of the ground.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { badgeGrants, series, submissions } from '../../../db/schema';
import { communityByIdForViewer, communityForViewer, requireMember, type Community } from '../communities/access';
import { canSee } from '../answers/visibility';
import { issueCredential } from './open-badges';
import { notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { badgeById } from './catalog';
import { loadBadgeFacts } from './facts';

export interface CredentialRequest {
  caller: Caller;
  baseUrl: string;
  /** CREDENTIAL_SIGNING_KEY, when the deployment configured one. */
  signingKey: string | undefined;
}

async function evidenceOf(db: Db, community: Community, ids: number[], baseUrl: string) {
  const answers: (typeof submissions.$inferSelect)[] = [];
  // D1 binds at most 100 parameters per statement; a long series has more prompts than that.
  for (let i = 0; i < ids.length; i += 90) {
    answers.push(...(await db.select().from(submissions).where(inArray(submissions.id, ids.slice(i, i + 90)))));
  }
  const anonymous = answers.some((a) => a.anonymous) || answers.length < ids.length;
  const links = answers
    // Linked only where any member could follow the link (../answers/visibility.ts), never to an anonymous one.
    .filter((a) => !a.anonymous && canSee({ role: 'member', callerId: null }, a, community.visibility))
    .sort((x, y) => x.createdAt - y.createdAt)
    .map((a) => ({ url: `${baseUrl}/a/${a.id}`, name: `An answer in ${community.name}` }));
  return { anonymous, links, lastAt: Math.max(0, ...answers.map((a) => a.createdAt)) };
}

/** GET /api/communities/:slug/badges/me/:badgeId/credential — 404 unless the caller holds the badge now. */
export async function badgeCredential(db: Db, input: CredentialRequest & { slug: string; badgeId: string }, now: Date) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireMember(role);
  const badge = badgeById(input.badgeId);
  const [grant] = badge
    ? await db
        .select()
        .from(badgeGrants)
        .where(
          and(
            eq(badgeGrants.communityId, community.id),
            eq(badgeGrants.userId, input.caller.id),
            eq(badgeGrants.badgeId, badge.id),
            isNull(badgeGrants.revokedAt),
          ),
        )
    : [];
  if (!badge || !grant) throw notFound('Badge');
  // Whom the member encouraged is theirs to know, not a portfolio's: such badges carry no evidence.
  const ev = badge.evidenceKind === 'own-answers'
    ? await evidenceOf(db, community, grant.evidence, input.baseUrl)
    : { anonymous: false, links: [] };
  return issueCredential(
    db,
    input.signingKey,
    {
      baseUrl: input.baseUrl,
      email: input.caller.email,
      achievement: {
        id: `${input.baseUrl}/api/badges#${badge.id}`,
        name: `${badge.name} (${community.name})`,
        description: badge.description,
        criteria: badge.criteria,
      },
      evidence: ev.links,
      ...(!ev.anonymous && { awardedAt: new Date(grant.grantedAt) }),
    },
    now,
  );
}

/** GET /api/series/:id/credential — 404 unless the caller answered every prompt of a finished or fully opened series. */
export async function seriesCredential(db: Db, input: CredentialRequest & { seriesId: number }, now: Date) {
  const [found] = await db.select().from(series).where(eq(series.id, input.seriesId));
  if (!found) throw notFound('Series');
  const { community, role } = await communityByIdForViewer(db, found.communityId, input.caller, 'Series');
  requireMember(role);
  const facts = await loadBadgeFacts(db, community, input.caller.id, now);
  const done = facts.completedSeries.find((s) => s.seriesId === found.id);
  if (!done) throw notFound('Completed series');
  const ev = await evidenceOf(db, community, done.answers, input.baseUrl);
  return issueCredential(
    db,
    input.signingKey,
    {
      baseUrl: input.baseUrl,
      email: input.caller.email,
      achievement: {
        id: `${input.baseUrl}/api/series/${found.id}#completed`,
        name: `Completed: ${found.title}`,
        description: found.description || `Answered every prompt of the series "${found.title}" in ${community.name}.`,
        criteria: `Answer every one of the ${done.answers.length} prompts of the series "${found.title}", at either level.`,
      },
      evidence: ev.links,
      ...(!ev.anonymous && { awardedAt: new Date(ev.lastAt) }),
    },
    now,
  );
}
