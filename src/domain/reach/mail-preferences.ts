/**
 * What mail a member wants from each of their communities: today's prompt at a chosen local hour, a weekly
 * digest, or nothing; and pauses of 1–8 weeks. A community without a stored row gets the default: the weekly
 * digest at DEFAULT_MAIL_HOUR.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, mailMembers, mailPreferences, memberships, outbox, users } from '../../../db/schema';
import { DomainError, notFound } from '../errors';
import type { Caller } from '../identity/sessions';

export const DEFAULT_MAIL_HOUR = 8;
export const DEFAULT_MAIL_MODE = 'weekly';
const WEEK_MS = 7 * 24 * 3_600_000;

export type MailMode = 'daily' | 'weekly' | 'off';
export type MailLang = 'en' | 'fr';

export interface MailPreferenceChange {
  slug: string;
  mode?: MailMode | undefined;
  hour?: number | undefined;
  /** 1–8: pause for that many weeks from now; 0: end a pause. */
  pauseWeeks?: number | undefined;
}

type Row = typeof mailPreferences.$inferSelect;

/** The stored row, or the default one for a member who never chose. */
export function preferenceOrDefault(row: Row | null | undefined, communityId: number, userId: number): Row {
  return (
    row ?? {
      communityId,
      userId,
      mode: DEFAULT_MAIL_MODE,
      hour: DEFAULT_MAIL_HOUR,
      pausedUntil: null,
      silentDailies: 0,
      lastDailyAt: null,
      steppedDownAt: null,
      updatedAt: 0,
    }
  );
}

/** The member's mail language and, for each community they belong to, what they receive. */
export async function myMailPreferences(db: Db, caller: Caller, now: Date) {
  const rows = await db
    .select({ community: communities, pref: mailPreferences })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .leftJoin(mailPreferences, and(eq(mailPreferences.communityId, memberships.communityId), eq(mailPreferences.userId, memberships.userId)))
    .where(eq(memberships.userId, caller.id))
    .orderBy(asc(communities.name));
  const [member] = await db.select().from(mailMembers).where(eq(mailMembers.userId, caller.id));
  return {
    lang: (member?.lang ?? 'en') as MailLang,
    communities: rows.map(({ community, pref }) => {
      const p = preferenceOrDefault(pref, community.id, caller.id);
      const paused = p.pausedUntil !== null && p.pausedUntil > now.getTime();
      return {
        slug: community.slug,
        name: community.name,
        timeZone: community.timeZone,
        mode: p.mode,
        hour: p.hour,
        pausedUntil: paused ? new Date(p.pausedUntil!).toISOString() : null,
        /** Daily mail went unanswered three times, so the member gets the weekly digest until they answer. */
        steppedDown: p.mode === 'daily' && p.steppedDownAt !== null,
      };
    }),
  };
}

/**
 * Applies the changes in one batch; a community the caller does not belong to is 404 and nothing is written.
 * Choosing a mode again clears any back-off: the member has just said what they want.
 */
export async function updateMailPreferences(
  db: Db,
  caller: Caller,
  input: { lang?: MailLang | undefined; communities?: MailPreferenceChange[] | undefined },
  now: Date,
) {
  const t = now.getTime();
  const changes = input.communities ?? [];
  const slugs = [...new Set(changes.map((c) => c.slug))];
  if (slugs.length !== changes.length) throw new DomainError('invalid_input', 'Each community may appear once');
  const found = slugs.length
    ? await db
        .select({ id: communities.id, slug: communities.slug, pref: mailPreferences })
        .from(communities)
        .innerJoin(memberships, and(eq(memberships.communityId, communities.id), eq(memberships.userId, caller.id)))
        .leftJoin(mailPreferences, and(eq(mailPreferences.communityId, communities.id), eq(mailPreferences.userId, caller.id)))
        .where(inArray(communities.slug, slugs))
    : [];
  const bySlug = new Map(found.map((f) => [f.slug, f]));
  const writes = [];
  for (const change of changes) {
    const f = bySlug.get(change.slug);
    if (!f) throw notFound('Community');
    const p = { ...preferenceOrDefault(f.pref, f.id, caller.id) };
    if (change.mode !== undefined) {
      p.mode = change.mode;
      p.steppedDownAt = null;
      p.silentDailies = 0;
    }
    if (change.hour !== undefined) p.hour = change.hour;
    if (change.pauseWeeks !== undefined) p.pausedUntil = change.pauseWeeks === 0 ? null : t + change.pauseWeeks * WEEK_MS;
    p.updatedAt = t;
    writes.push(db.insert(mailPreferences).values(p).onConflictDoUpdate({ target: [mailPreferences.communityId, mailPreferences.userId], set: p }));
  }
  if (input.lang) {
    const lang = input.lang;
    writes.push(
      db.insert(mailMembers).values({ userId: caller.id, lang, updatedAt: t }).onConflictDoUpdate({ target: mailMembers.userId, set: { lang, updatedAt: t } }),
    );
  }
  const [first, ...rest] = writes;
  if (first) await db.batch([first, ...rest]);
  return myMailPreferences(db, caller, now);
}

/**
 * One-click unsubscribe: the communities' mail goes off for the member, and any reminder or digest still
 * waiting in the outbox for them is dropped, so nothing more leaves even within the tick that queued it.
 * Communities the member has since left are skipped. Returns the names of the communities turned off.
 */
export async function unsubscribe(db: Db, input: { userId: number; communityIds: number[] }, now: Date) {
  const t = now.getTime();
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
  if (!user) throw notFound('Subscription');
  const rows = await db
    .select({ id: communities.id, name: communities.name, pref: mailPreferences })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .leftJoin(mailPreferences, and(eq(mailPreferences.communityId, memberships.communityId), eq(mailPreferences.userId, memberships.userId)))
    .where(and(eq(memberships.userId, input.userId), inArray(memberships.communityId, input.communityIds)));
  const writes = rows.map((r) => {
    const p = { ...preferenceOrDefault(r.pref, r.id, input.userId), mode: 'off' as const, steppedDownAt: null, silentDailies: 0, updatedAt: t };
    return db.insert(mailPreferences).values(p).onConflictDoUpdate({ target: [mailPreferences.communityId, mailPreferences.userId], set: p });
  });
  await db.batch([
    db.delete(outbox).where(and(eq(outbox.to, user.email), inArray(outbox.kind, ['reminder', 'digest']), isNull(outbox.sentAt))),
    ...writes,
  ]);
  return rows.map((r) => r.name);
}

/** The member opened a mailed answer link: the daily mail is not going unread, so the silent count restarts. */
export function recordOpen(db: Db, input: { userId: number; communityId: number }) {
  return db
    .update(mailPreferences)
    .set({ silentDailies: 0 })
    .where(and(eq(mailPreferences.communityId, input.communityId), eq(mailPreferences.userId, input.userId)));
}
