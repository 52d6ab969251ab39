/**
 * How badges are shown. To the member: every live badge with all its evidence, anonymous answers included.
 * To anyone else (profile, names): never a link to an anonymous answer, and for a badge whose ground
 * includes an anonymous answer, no timestamp either (the grant time is the time of the answer that
 * completed it) and nothing at all until the community week of the grant has ended, so watching a profile
 * cannot match a badge that appears to an anonymous answer that just appeared in the gallery.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { badgeGrants, communities, submissions } from '../../../db/schema';
import { communityForViewer, requireMember, roleIn } from '../access';
import { drainRecognition } from '../recognition';
import type { Caller } from '../sessions';
import { canSee } from '../submissions';
import { localDay, weekOf } from '../time';
import { BADGES, badgeById } from './catalog';
import type { Member } from './facts';

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
  await drainRecognition(db, me);
  const held = await liveGrants(db, me);
  return {
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
 * A member's badges as another viewer may see them (for profiles and names). Evidence is limited to named
 * answers the viewer may see; see the file comment for what a badge resting on an anonymous answer hides.
 */
export async function badgesShownToOthers(db: Db, member: Member, viewer: Caller | null, now: Date) {
  const [community] = await db.select().from(communities).where(eq(communities.id, member.communityId));
  if (!community) return [];
  const role = await roleIn(db, community.id, viewer);
  if (community.visibility === 'private' && role === 'visitor') return [];
  await drainRecognition(db, member);
  const week = (t: number) => weekOf(localDay(new Date(t), community.timeZone, community.dayStartHour));
  const thisWeek = week(now.getTime());
  const shown = [];
  for (const { grant, badge, answers } of await liveGrants(db, member)) {
    if (badge.evidenceKind === 'encouraged') {
      // Whom a member encouraged is not shown to others anywhere; the count alone earns the badge.
      shown.push({ ...describe(badge), grantedAt: new Date(grant.grantedAt).toISOString(), grantedOn: dayOf(community, grant.grantedAt), evidence: [] });
      continue;
    }
    // An answer gone since the grant is treated like an anonymous one until the next refresh.
    const hidden = answers.some((a) => !a || a.anonymous);
    if (hidden && week(grant.grantedAt) >= thisWeek) continue;
    const evidence = answers.flatMap((a) =>
      a && !a.anonymous && canSee(role, viewer?.id ?? null, a, community.visibility)
        ? [{ submissionId: a.id, promptId: a.promptId }]
        : [],
    );
    shown.push({
      ...describe(badge),
      grantedAt: hidden ? null : new Date(grant.grantedAt).toISOString(),
      grantedOn: hidden ? null : dayOf(community, grant.grantedAt),
      evidence,
    });
  }
  return shown;
}
