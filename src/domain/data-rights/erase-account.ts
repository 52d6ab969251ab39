/**
 * Deleting an account ("erasure"). What goes, what stays, and why (README, "Security and data"):
 * - sessions, sign-in links, API tokens, feed tokens, mail still queued to the address: gone;
 * - the users row stays as a tombstone (no email, no name, `erased`), only because series and spotlights the
 *   member made for their community, library entries they published and typo fixes they logged still point at
 *   its id (shown with no name); nothing else does;
 * - named answers go with their kudos, spotlights and images; kudos the member gave go;
 * - anonymous answers stay in the gallery, each moved to a placeholder account of its own (an erased row with
 *   no email, name or time), so nothing ties them to the member (one deletion's placeholders have consecutive
 *   ids, which could hint that those answers shared an author, never who);
 * - the member's ledger entries and scores go together (the ledger trigger allows it for erased rows only), so
 *   scores still equal ledger sums and no board lists them; memberships, badges, rhythm, ladder, nudges,
 *   notifications and the weekly rolls' mentions of them go;
 * - helper credits, help prompts asked and answered go; live sessions they would host later are cancelled.
 * One batch: all of it commits or none. Stored image bytes go after the commit (./erase-images.ts); rows of
 * images left behind by a crash are unattached and past their age, so the tick's sweep removes them.
 */
import { stewardErasure } from '../stewards/personal-data';
import { and, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import * as t from '../../../db/schema';
import { DomainError } from '../errors';
import type { Caller } from '../identity/sessions';
import { requeue } from '../recognition/effects';
import { eraseConnect } from './export-connect';
import { rollNames, rollsWithout } from './roll-mentions';
import { eraseHelping } from '../credits/member-data';

/** What the member types (or their email) to show they mean it. */
export const ERASE_CONFIRMATION = 'delete my account';

/** Where placeholder and tombstone rows get their unreachable, unique email (RFC 2606 reserves .invalid). */
export const ERASED_EMAIL_DOMAIN = 'erased.invalid';

export interface ErasureSummary {
  namedAnswersDeleted: number;
  anonymousAnswersKept: number;
  imagesDeleted: number;
  kudosGivenDeleted: number;
  communitiesLeft: number;
  /** Stored images to delete once the batch has committed (see eraseStoredImages). */
  imageIds: string[];
}

/** True when `confirm` is the phrase or the member's own email (case and spaces do not matter). */
export function confirmsErasure(confirm: string, caller: Caller): boolean {
  const typed = confirm.trim().toLowerCase();
  return typed === ERASE_CONFIRMATION || typed === caller.email.toLowerCase();
}

/**
 * Erases the caller's account in one batch (see the module comment). Refuses (409 last_facilitator) while
 * the member is the only facilitator of a community that has other members: someone must keep it.
 * Returns what was removed, and the image ids whose stored bytes the caller deletes after this returns.
 */
export async function eraseAccount(db: Db, caller: Caller, now: Date): Promise<ErasureSummary> {
  const u = caller.id;
  const [answers, ownImages, roles, given, rolls] = await db.batch([
    db
      .select({ id: t.submissions.id, anonymous: t.submissions.anonymous, imageId: t.submissions.imageId, publicId: t.submissions.publicId })
      .from(t.submissions)
      .where(eq(t.submissions.userId, u)),
    db.select({ id: t.images.id }).from(t.images).where(eq(t.images.ownerId, u)),
    db
      .select({ communityId: t.memberships.communityId, name: t.communities.name, role: t.memberships.role })
      .from(t.memberships)
      .innerJoin(t.communities, eq(t.communities.id, t.memberships.communityId))
      .where(eq(t.memberships.userId, u)),
    db.select({ n: sql<number>`count(*)` }).from(t.kudos).where(eq(t.kudos.userId, u)),
    db.select().from(t.shoutoutRolls).where(rollNames(u)),
  ]);
  await refuseIfLastFacilitator(db, u, roles);

  // Anonymous answers with a public id stay (every row has one but those written by hand); the rest go.
  const kept = answers.filter((a) => a.anonymous && a.publicId !== null);
  const keptImages = new Set(kept.map((a) => a.imageId).filter((id): id is string => id !== null));
  const imageIds = ownImages.map((i) => i.id).filter((id) => !keptImages.has(id));
  const ownNamed = db.select({ id: t.submissions.id }).from(t.submissions).where(eq(t.submissions.userId, u));
  const placeholderEmail = sql`'erased-' || ${t.submissions.publicId} || '@${sql.raw(ERASED_EMAIL_DOMAIN)}'`;
  const nowMs = now.getTime();

  await db.batch([
    // Recognition of others rests on what goes: those who encouraged the member's answers (the named ones
    // go, the anonymous ones change hands), and the authors the member encouraged. Queued before the kudos go.
    queueOthers(db, and(eq(t.submissions.userId, u), ne(t.kudos.userId, u))!, t.kudos.userId, nowMs),
    queueOthers(db, and(eq(t.kudos.userId, u), ne(t.submissions.userId, u))!, t.submissions.userId, nowMs),
    // Connect (issue 15): before any answer changes hands, so notes on the member's anonymous answers go too.
    ...eraseConnect(db, u),
    // The tombstone: first, so the ledger trigger lets this member's entries go below.
    db
      .update(t.users)
      .set({
        erased: true,
        email: `erased-${t.randomPublicId()}@${ERASED_EMAIL_DOMAIN}`,
        name: '',
        showOnLeaderboards: false,
        publicProfile: false,
        nudges: false,
        isSteward: false,
      })
      .where(eq(t.users.id, u)),
    // One placeholder per kept anonymous answer, found again by an email made from the answer's public id.
    db.insert(t.users).select(
      db
        .select({
          id: sql<number>`null`.as('id'),
          email: sql<string>`${placeholderEmail}`.as('email'),
          name: sql<string>`''`.as('name'),
          showOnLeaderboards: sql<boolean>`0`.as('show_on_leaderboards'),
          isSteward: sql<boolean>`0`.as('is_steward'),
          createdAt: sql<number>`0`.as('created_at'),
          nudges: sql<boolean>`0`.as('nudges'),
          publicProfile: sql<boolean>`0`.as('public_profile'),
          erased: sql<boolean>`1`.as('erased'),
        })
        .from(t.submissions)
        .where(and(eq(t.submissions.userId, u), eq(t.submissions.anonymous, true), sql`${t.submissions.publicId} is not null`)),
    ),
    db
      .update(t.submissions)
      .set({ userId: sql`(select ${t.users.id} from ${t.users} where ${t.users.email} = ${placeholderEmail})` })
      .where(and(eq(t.submissions.userId, u), eq(t.submissions.anonymous, true), sql`${t.submissions.publicId} is not null`)),
    // A kept answer's image moves with it.
    db
      .update(t.images)
      .set({ ownerId: sql`(select ${t.submissions.userId} from ${t.submissions} where ${t.submissions.imageId} = ${t.images.id})` })
      .where(
        and(
          eq(t.images.ownerId, u),
          sql`exists (select 1 from ${t.submissions} where ${t.submissions.imageId} = ${t.images.id} and ${t.submissions.userId} <> ${u})`,
        ),
      ),
    // What hangs off the named answers, then the answers themselves.
    db.delete(t.kudos).where(or(inArray(t.kudos.submissionId, ownNamed), eq(t.kudos.userId, u))),
    db.delete(t.spotlights).where(inArray(t.spotlights.submissionId, ownNamed)),
    // Reports the member made go (the reporter is never shown, and nothing should keep their id);
    // reports on their named answers go with the answers (cascade).
    db.delete(t.reports).where(eq(t.reports.reporterId, u)),
    db.delete(t.notifications).where(or(inArray(t.notifications.submissionId, ownNamed), eq(t.notifications.userId, u))),
    db.delete(t.submissions).where(eq(t.submissions.userId, u)),
    // The remaining images become unattached uploads of no age: bytes go after the commit, rows with them,
    // and if that never happens the tick's sweep takes both.
    db.update(t.images).set({ communityId: null, createdAt: 0 }).where(eq(t.images.ownerId, u)),
    db.delete(t.pointsLedger).where(eq(t.pointsLedger.userId, u)),
    db.delete(t.scores).where(eq(t.scores.userId, u)),
    // Live sessions and helper credits (issue 15).
    ...eraseHelping(db, u, now),
    db.delete(t.memberships).where(eq(t.memberships.userId, u)),
    db.delete(t.badgeGrants).where(eq(t.badgeGrants.userId, u)),
    db.delete(t.badgeProgress).where(eq(t.badgeProgress.userId, u)),
    db.delete(t.rhythmGoals).where(eq(t.rhythmGoals.userId, u)),
    db.delete(t.restWeeks).where(eq(t.restWeeks.userId, u)),
    db.delete(t.ladderSteps).where(eq(t.ladderSteps.userId, u)),
    db.update(t.ladderSteps).set({ markedBy: null }).where(eq(t.ladderSteps.markedBy, u)),
    db.delete(t.nudges).where(eq(t.nudges.userId, u)),
    db.delete(t.mailPreferences).where(eq(t.mailPreferences.userId, u)),
    db.delete(t.mailMembers).where(eq(t.mailMembers.userId, u)),
    db.delete(t.mailSends).where(eq(t.mailSends.userId, u)),
    db.delete(t.recognitionQueue).where(eq(t.recognitionQueue.userId, u)),
    db.delete(t.invites).where(eq(t.invites.createdBy, u)),
    db.delete(t.feedTokens).where(eq(t.feedTokens.userId, u)),
    db.delete(t.apiTokens).where(eq(t.apiTokens.userId, u)),
    // Stewards (issue 14): their own settings go; the log keeps that a steward action happened, not by or to whom.
    db.delete(t.stewardSettings).where(eq(t.stewardSettings.userId, u)),
    db.update(t.stewardLog).set({ actorId: null }).where(eq(t.stewardLog.actorId, u)),
    db.update(t.stewardLog).set({ targetUserId: null }).where(eq(t.stewardLog.targetUserId, u)),
    // Notes and offers stay with the communities they were sent to, naming no one.
    ...stewardErasure(db, u),
    db.delete(t.sessions).where(eq(t.sessions.userId, u)),
    db.delete(t.idempotencyKeys).where(eq(t.idempotencyKeys.userId, u)),
    db.delete(t.signInLinks).where(eq(t.signInLinks.email, caller.email)),
    db.delete(t.outbox).where(eq(t.outbox.to, caller.email)),
    ...rollsWithout(rolls, u).map((roll) =>
      db
        .update(t.shoutoutRolls)
        .set({ content: roll.content })
        .where(and(eq(t.shoutoutRolls.communityId, roll.communityId), eq(t.shoutoutRolls.weekOf, roll.weekOf))),
    ),
  ]);

  return {
    namedAnswersDeleted: answers.length - kept.length,
    anonymousAnswersKept: kept.length,
    imagesDeleted: imageIds.length,
    kudosGivenDeleted: Number(given[0]?.n ?? 0),
    communitiesLeft: roles.length,
    imageIds,
  };
}

/** Queues, for each kudos matching `where` (joined to its answer), the member in `who`, in the answer's community. */
function queueOthers(db: Db, where: SQL, who: typeof t.kudos.userId | typeof t.submissions.userId, nowMs: number) {
  return db
    .insert(t.recognitionQueue)
    .select(
      db
        .selectDistinct({
          communityId: t.submissions.communityId,
          userId: who,
          queuedAt: sql<number>`${nowMs}`.as('queued_at'),
          revision: sql<number>`0`.as('revision'),
          appendedOnly: sql<boolean>`0`.as('appended_only'),
        })
        .from(t.kudos)
        .innerJoin(t.submissions, eq(t.submissions.id, t.kudos.submissionId))
        .where(where),
    )
    .onConflictDoUpdate(requeue);
}

async function refuseIfLastFacilitator(db: Db, u: number, roles: { communityId: number; name: string; role: string }[]) {
  const led = roles.filter((r) => r.role === 'facilitator');
  if (led.length === 0) return;
  const others = await db
    .select({ communityId: t.memberships.communityId, role: t.memberships.role })
    .from(t.memberships)
    .where(and(inArray(t.memberships.communityId, led.map((r) => r.communityId)), ne(t.memberships.userId, u)));
  for (const r of led) {
    const rest = others.filter((o) => o.communityId === r.communityId);
    if (rest.length > 0 && !rest.some((o) => o.role === 'facilitator')) {
      throw new DomainError('last_facilitator', `Make another member a facilitator of ${r.name} first: a community needs one`);
    }
  }
}
