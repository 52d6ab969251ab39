/**
 * How badges are shown. To the member: every live badge with all its evidence, anonymous answers included.
 * To anyone else (profiles, names): badges recomputed from named answers only, as if the member's anonymous
 * answers belonged to no one (issue 21). A badge earned only through an anonymous answer ("Took the hard
 * one" for one anonymous hard answer, "In the spotlight" for a spotlighted anonymous answer) is then simply
 * not there, its date is that of the named answers it rests on, and nothing shown to others ever changes
 * when an anonymous answer is posted, encouraged, spotlighted or deleted.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { badgeGrants, communities, submissions } from '../../../db/schema';
import { communityForViewer, requireMember, roleIn } from '../communities/access';
import { canSee } from '../answers/visibility';
import { recognitionPending } from '../recognition/pending';
import type { Caller } from '../identity/sessions';
import { localDay } from '../time';
import { BADGES, badgeById } from './catalog';
import { loadBadgeFacts, type Member } from './facts';

/** The community day of an instant, by the rule the today page uses, so a badge earned "today" says today's date. */
const dayOf = (c: { timeZone: string; dayStartHour: number }, at: number) => localDay(new Date(at), c.timeZone, c.dayStartHour);

const order = (badgeId: string) => BADGES.findIndex((b) => b.id === badgeId);

async function liveGrants(db: Db, m: Member) {
  const grants = await db
    .select()
    .from(badgeGrants)
    .where(and(eq(badgeGrants.communityId, m.communityId), eq(badgeGrants.userId, m.userId), isNull(badgeGrants.revokedAt)));
  const ids = [...new Set(grants.flatMap((g) => g.evidence))];
  const answers = new Map<number, typeof submissions.$inferSelect>();
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await db.select().from(submissions).where(inArray(submissions.id, ids.slice(i, i + 90)));
    for (const r of rows) answers.set(r.id, r);
  }
  return grants
    .filter((g) => badgeById(g.badgeId))
    .sort((a, b) => order(a.badgeId) - order(b.badgeId))
    .map((g) => ({ grant: g, badge: badgeById(g.badgeId)!, answers: g.evidence.map((id) => answers.get(id)) }));
}

const describe = (b: { id: string; name: string; description: string; tier: string }) => ({
  id: b.id, name: b.name, description: b.description, tier: b.tier,
});

/** The caller's own badges in a community, with all their evidence (the caller's eyes only). */
export async function myBadges(db: Db, input: { slug: string; caller: Caller }, _now: Date) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireMember(role);
  const me = { communityId: community.id, userId: input.caller.id };
  const held = await liveGrants(db, me);
  return {
    /** A change of the member's still waits for its refresh: these badges may be a moment behind. */
    pending: await recognitionPending(db, me),
    badges: held.map(({ grant, badge, answers }) => ({
      ...describe(badge),
      grantedAt: new Date(grant.grantedAt).toISOString(),
      grantedOn: dayOf(community, grant.grantedAt),
      evidence: answers.flatMap((a) =>
        !a ? [] : badge.evidenceKind === 'encouraged'
          ? [{ submissionId: a.id, promptId: a.promptId }]
          : [{ submissionId: a.id, promptId: a.promptId, anonymous: a.anonymous, visibility: a.visibility, createdAt: new Date(a.createdAt).toISOString() }],
      ),
      credentialUrl: `/api/communities/${community.slug}/badges/me/${badge.id}/credential`,
    })),
  };
}

/**
 * A member's badges as another viewer may see them (for profiles and names): the badges the member's named
 * answers earn on their own (see the file comment), with as evidence the named answers the viewer may see.
 * Dated by the newest named answer they rest on; undated for "Encourager", whose ground is others' answers.
 */
export async function badgesShownToOthers(db: Db, member: Member, viewer: Caller | null, now: Date) {
  const [community] = await db.select().from(communities).where(eq(communities.id, member.communityId));
  if (!community) return [];
  const role = await roleIn(db, community.id, viewer);
  if (community.visibility === 'private' && role === 'visitor') return [];
  const facts = await loadBadgeFacts(db, community, member.userId, now, { namedOnly: true });
  const answers = new Map(facts.answers.map((a) => [a.id, a]));
  const shown = [];
  for (const badge of BADGES) {
    const earned = badge.rule(facts);
    if (!earned) continue;
    if (badge.evidenceKind === 'encouraged') {
      // Whom a member encouraged is not shown to others anywhere; the count alone earns the badge.
      shown.push({ ...describe(badge), grantedAt: null, grantedOn: null, evidence: [] });
      continue;
    }
    const ground = earned.evidence.flatMap((id) => answers.get(id) ?? []);
    const at = Math.max(...ground.map((a) => a.createdAt));
    const evidence = ground
      .filter((a) => canSee({ role, callerId: viewer?.id ?? null }, { ...a, userId: member.userId }, community.visibility))
      .map((a) => ({ submissionId: a.id, promptId: a.promptId }));
    shown.push({
      ...describe(badge),
      grantedAt: ground.length ? new Date(at).toISOString() : null,
      grantedOn: ground.length ? dayOf(community, at) : null,
      evidence,
    });
  }
  return shown;
}
