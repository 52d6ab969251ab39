/**
 * Everything Kindling holds about one member, as kindling-export.json plus their images (images/<id>.<ext>),
 * in one zip. Their anonymous answers are in it: they are theirs. Others' data is not: kudos on their
 * answers are counts, not givers; secrets (session and token hashes) are never exported, only that they exist.
 */
import { stewardDataOf } from '../stewards/personal-data';
import { and, asc, eq, sql } from 'drizzle-orm';
import { helpingExport } from '../credits/member-data';
import type { Db } from '../../../db/client';
import * as t from '../../../db/schema';
import type { ImageStore } from '../../storage';
import { DEFAULT_MAIL_HOUR, DEFAULT_MAIL_MODE } from '../reach/mail-preferences';
import type { Caller } from '../identity/sessions';
import { connectExport } from './export-connect';
import { imageEntries } from './image-entries';
import { jsonEntry, zipStream } from './zip-stream';

export const MEMBER_EXPORT_FILE = 'kindling-export.json';

/** The member's data as one JSON-ready object, and the images to add beside it. */
export async function memberExport(db: Db, caller: Caller, now: Date) {
  const u = caller.id;
  const slugOf = { community: t.communities.slug };
  const [[user], memberships, answers, received, given, ledger, badges, goals, rests, ladder, notes, nudges, feeds, tokens, sessions, images, mailPrefs, [mailMember]] =
    await db.batch([
      db.select().from(t.users).where(eq(t.users.id, u)),
      db
        .select({ ...slugOf, name: t.communities.name, role: t.memberships.role, joinedAt: t.memberships.joinedAt })
        .from(t.memberships)
        .innerJoin(t.communities, eq(t.communities.id, t.memberships.communityId))
        .where(eq(t.memberships.userId, u)),
      db
        .select({
          id: t.submissions.id,
          publicId: t.submissions.publicId,
          ...slugOf,
          promptId: t.submissions.promptId,
          prompt: sql<string>`case when ${t.submissions.level} = 'easy' then ${t.prompts.easyText} else ${t.prompts.hardText} end`,
          level: t.submissions.level,
          body: t.submissions.body,
          link: t.submissions.link,
          visibility: t.submissions.visibility,
          anonymous: t.submissions.anonymous,
          points: t.submissions.points,
          onTime: t.submissions.onTime,
          imageId: t.submissions.imageId,
          createdAt: t.submissions.createdAt,
        })
        .from(t.submissions)
        .innerJoin(t.communities, eq(t.communities.id, t.submissions.communityId))
        .innerJoin(t.prompts, eq(t.prompts.id, t.submissions.promptId))
        .where(eq(t.submissions.userId, u))
        .orderBy(asc(t.submissions.createdAt)),
      db
        .select({ submissionId: t.kudos.submissionId, kind: t.kudos.kind, n: sql<number>`count(*)` })
        .from(t.kudos)
        .innerJoin(t.submissions, eq(t.submissions.id, t.kudos.submissionId))
        .where(eq(t.submissions.userId, u))
        .groupBy(t.kudos.submissionId, t.kudos.kind),
      db.select({ kind: t.kudos.kind, n: sql<number>`count(*)` }).from(t.kudos).where(eq(t.kudos.userId, u)).groupBy(t.kudos.kind),
      db
        .select({
          ...slugOf,
          submissionId: t.pointsLedger.submissionId,
          reason: t.pointsLedger.reason,
          delta: t.pointsLedger.delta,
          listed: t.pointsLedger.listed,
          weekOf: t.pointsLedger.weekOf,
          createdAt: t.pointsLedger.createdAt,
        })
        .from(t.pointsLedger)
        .innerJoin(t.communities, eq(t.communities.id, t.pointsLedger.communityId))
        .where(eq(t.pointsLedger.userId, u))
        .orderBy(asc(t.pointsLedger.id)),
      ownRows(db, t.badgeGrants, u, { badgeId: t.badgeGrants.badgeId, evidence: t.badgeGrants.evidence, grantedAt: t.badgeGrants.grantedAt, revokedAt: t.badgeGrants.revokedAt }),
      ownRows(db, t.rhythmGoals, u, { weekOf: t.rhythmGoals.weekOf, goal: t.rhythmGoals.goal, updatedAt: t.rhythmGoals.updatedAt }),
      ownRows(db, t.restWeeks, u, { weekOf: t.restWeeks.weekOf, createdAt: t.restWeeks.createdAt }),
      ownRows(db, t.ladderSteps, u, { view: t.ladderSteps.view, stage: t.ladderSteps.stage, reachedOn: t.ladderSteps.reachedOn, createdAt: t.ladderSteps.createdAt }),
      ownRows(db, t.notifications, u, {
        kind: t.notifications.kind,
        submissionId: t.notifications.submissionId,
        badgeId: t.notifications.badgeId,
        createdAt: t.notifications.createdAt,
        readAt: t.notifications.readAt,
      }),
      ownRows(db, t.nudges, u, { submissionId: t.nudges.submissionId, kind: t.nudges.kind, weekOf: t.nudges.weekOf, createdAt: t.nudges.createdAt, dismissedAt: t.nudges.dismissedAt }),
      ownRows(db, t.feedTokens, u, { createdAt: t.feedTokens.createdAt }),
      db.select({ label: t.apiTokens.label, createdAt: t.apiTokens.createdAt }).from(t.apiTokens).where(eq(t.apiTokens.userId, u)),
      db.select({ createdAt: t.sessions.createdAt, lastSeenAt: t.sessions.lastSeenAt }).from(t.sessions).where(eq(t.sessions.userId, u)),
      db
        .select({ id: t.images.id, contentType: t.images.contentType, byteSize: t.images.byteSize, width: t.images.width, height: t.images.height, createdAt: t.images.createdAt })
        .from(t.images)
        .where(eq(t.images.ownerId, u)),
      // Every membership's mail setting: the stored choice, or none (the default applies).
      db
        .select({
          ...slugOf,
          mode: t.mailPreferences.mode,
          hour: t.mailPreferences.hour,
          pausedUntil: t.mailPreferences.pausedUntil,
          steppedDownAt: t.mailPreferences.steppedDownAt,
          updatedAt: t.mailPreferences.updatedAt,
        })
        .from(t.memberships)
        .innerJoin(t.communities, eq(t.communities.id, t.memberships.communityId))
        .leftJoin(t.mailPreferences, and(eq(t.mailPreferences.communityId, t.memberships.communityId), eq(t.mailPreferences.userId, u)))
        .where(eq(t.memberships.userId, u))
        .orderBy(asc(t.communities.slug)),
      db.select({ lang: t.mailMembers.lang }).from(t.mailMembers).where(eq(t.mailMembers.userId, u)),
    ]);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  // Live sessions hosted, helper credits, help prompts asked and answered (issue 15).
  const helping = await helpingExport(db, u);
  const { files, pathOf } = imageEntries(images);
  const kudosOn = new Map<number, Record<string, number>>();
  for (const k of received) kudosOn.set(k.submissionId, { ...kudosOn.get(k.submissionId), [k.kind]: Number(k.n) });

  const data = {
    format: 'kindling-member-export/1',
    exportedAt: now.toISOString(),
    profile: user && {
      id: user.id,
      email: user.email,
      name: user.name,
      createdAt: iso(user.createdAt),
      settings: { showOnLeaderboards: user.showOnLeaderboards, nudges: user.nudges, publicProfile: user.publicProfile },
      isSteward: user.isSteward,
    },
    memberships: memberships.map((m) => ({ ...m, joinedAt: iso(m.joinedAt) })),
    answers: answers.map(({ imageId, createdAt, ...a }) => ({
      ...a,
      createdAt: iso(createdAt),
      image: imageId ? pathOf(imageId) : null,
      kudosReceived: kudosOn.get(a.id) ?? {},
    })),
    kudos: {
      received: received.reduce((sum, k) => sum + Number(k.n), 0),
      given: given.reduce((sum, k) => sum + Number(k.n), 0),
      givenByKind: Object.fromEntries(given.map((k) => [k.kind, Number(k.n)])),
    },
    pointsLedger: ledger.map((e) => ({ ...e, createdAt: iso(e.createdAt) })),
    badges: badges.map((b) => ({ ...b, grantedAt: iso(b.grantedAt), revokedAt: iso(b.revokedAt) })),
    rhythm: { goals: goals.map((g) => ({ ...g, updatedAt: iso(g.updatedAt) })), restWeeks: rests.map((r) => ({ ...r, createdAt: iso(r.createdAt) })) },
    ladder: ladder.map((l) => ({ ...l, createdAt: iso(l.createdAt) })),
    notifications: notes.map((n) => ({ ...n, createdAt: iso(n.createdAt), readAt: iso(n.readAt) })),
    nudges: nudges.map((n) => ({ ...n, createdAt: iso(n.createdAt), dismissedAt: iso(n.dismissedAt) })),
    // Stewards (issue 14): notes written and received, series offered, offers decided, steward actions.
    stewards: await stewardDataOf(db, u),
    // That they exist and since when; never the secrets themselves (only hashes are stored anyway).
    access: {
      sessions: sessions.map((s) => ({ createdAt: iso(s.createdAt), lastSeenAt: iso(s.lastSeenAt) })),
      apiTokens: tokens.map((k) => ({ label: k.label, createdAt: iso(k.createdAt) })),
      feedTokens: feeds.map((f) => ({ community: f.community, createdAt: iso(f.createdAt) })),
    },
    // Reminders and digests (issue 11): what the member chose per community, or the default they never changed.
    mail: {
      language: mailMember?.lang ?? null,
      communities: mailPrefs.map((m) => ({
        community: m.community,
        mode: m.mode ?? DEFAULT_MAIL_MODE,
        hour: m.hour ?? DEFAULT_MAIL_HOUR,
        pausedUntil: iso(m.pausedUntil),
        chosen: m.updatedAt !== null,
        // Silent daily mail stepped down to the weekly digest (back-off) since then; null when it is not.
        steppedDownAt: iso(m.steppedDownAt),
      })),
    },
    images: images.map((i) => ({ ...i, createdAt: iso(i.createdAt), file: pathOf(i.id) })),
    // "Ask me about" and encouragement notes (issue 15): the member's own words only.
    connect: await connectExport(db, u),
    helping,
  };
  return { data, files };
}

/** One member's rows of a table that has community_id and user_id, with the community's slug. */
function ownRows<T extends typeof t.badgeGrants | typeof t.rhythmGoals | typeof t.restWeeks | typeof t.ladderSteps | typeof t.notifications | typeof t.nudges | typeof t.feedTokens, F extends Record<string, any>>(
  db: Db,
  table: T,
  userId: number,
  fields: F,
) {
  return db
    .select({ community: t.communities.slug, ...fields })
    .from(table as typeof t.badgeGrants)
    .innerJoin(t.communities, eq(t.communities.id, table.communityId))
    .where(and(eq(table.userId, userId)));
}

/** The member's export as a streamed zip (see ./zip-stream.ts). */
export async function memberExportZip(db: Db, store: ImageStore, caller: Caller, now: Date) {
  const { data, files } = await memberExport(db, caller, now);
  return zipStream([jsonEntry(MEMBER_EXPORT_FILE, data), ...files(store)], now);
}
