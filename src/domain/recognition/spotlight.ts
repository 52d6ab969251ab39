/**
 * Spotlights: a facilitator marks an answer with an optional short note; it then leads the gallery and
 * the author is told in the app. The member is queued for recognition (the "In the spotlight" badge).
 */
import { and, count, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { notifications, spotlights, submissions, users } from '../../../db/schema';
import { communityForViewer, requireFacilitator } from '../communities/access';
import { DomainError } from '../errors';
import { isOwnFacilitator } from '../answers/gallery';
import { kudosCounts } from '../answers/kudos';
import { recognizeChange } from './effects';
import type { Caller } from '../identity/sessions';
import { visibleAnswer } from '../answers/submissions';
import { answerVisibleSql, sqlViewerIn } from '../answers/visibility';

/** The answer, if the caller may spotlight it: 404 when they cannot see it, 403 when not a facilitator. */
async function answerForFacilitator(db: Db, submissionId: number, caller: Caller) {
  const { answer, role } = await visibleAnswer(db, submissionId, caller);
  requireFacilitator(role);
  return answer;
}

const spotlightNotice = (answer: { id: number; userId: number; communityId: number }) =>
  and(
    eq(notifications.userId, answer.userId),
    eq(notifications.communityId, answer.communityId),
    eq(notifications.dedupeKey, `spotlight:${answer.id}`),
  );

/**
 * Spotlights an answer, or changes the note of one already spotlighted (which keeps its place and does
 * not tell the member twice).
 */
export async function spotlightAnswer(
  db: Db,
  input: { submissionId: number; caller: Caller; note?: string | undefined },
  now: Date,
) {
  const answer = await answerForFacilitator(db, input.submissionId, input.caller);
  if (answer.userId === input.caller.id) throw new DomainError('forbidden', "Spotlights are for other members' answers");
  const t = now.getTime();
  const note = input.note?.trim() || null;
  const author = { communityId: answer.communityId, userId: answer.userId };
  const [[row]] = await db.batch([
    db
      .insert(spotlights)
      .values({ submissionId: answer.id, communityId: answer.communityId, note, createdBy: input.caller.id, createdAt: t })
      .onConflictDoUpdate({ target: spotlights.submissionId, set: { note } })
      .returning(),
    db
      .insert(notifications)
      .values({
        userId: answer.userId,
        communityId: answer.communityId,
        kind: 'spotlight',
        submissionId: answer.id,
        dedupeKey: `spotlight:${answer.id}`,
        createdAt: t,
      })
      .onConflictDoNothing(),
    ...recognizeChange(db, author, answer, now),
  ]);
  return { submissionId: answer.id, note: row!.note, createdAt: new Date(row!.createdAt).toISOString() };
}

/** Removes a spotlight (and the member's notice of it, now untrue); removing one that is not there is fine. */
export async function removeSpotlight(db: Db, input: { submissionId: number; caller: Caller }, now: Date) {
  const answer = await answerForFacilitator(db, input.submissionId, input.caller);
  const author = { communityId: answer.communityId, userId: answer.userId };
  await db.batch([
    db.delete(spotlights).where(eq(spotlights.submissionId, answer.id)),
    db.delete(notifications).where(spotlightNotice(answer)),
    ...recognizeChange(db, author, answer, now),
  ]);
  return { ok: true as const };
}

/** The queue looks at recent answers only: a spotlight is for this week's work, and the query stays small. */
const QUEUE_WINDOW_MS = 14 * 24 * 3_600_000;
const QUEUE_SCAN = 200;

/**
 * Recent answers not yet spotlighted, for the community's facilitators: members answering for the first
 * time first, then those spotlighted least, then those who answered least, then newest. A steward who is
 * not one of the community's facilitators gets no author (nor author counts) for anonymous answers.
 */
export async function spotlightQueue(db: Db, input: { slug: string; caller: Caller; limit: number }, now: Date) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireFacilitator(role);
  const reveals = await isOwnFacilitator(db, community.id, input.caller);
  const rows = await db
    .select({ answer: submissions, name: users.name })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .leftJoin(spotlights, eq(spotlights.submissionId, submissions.id))
    .where(
      and(
        eq(submissions.communityId, community.id),
        gte(submissions.createdAt, now.getTime() - QUEUE_WINDOW_MS),
        isNull(spotlights.submissionId),
        // What facilitators would hold up is what the community reads: no hidden or removed answer.
        eq(submissions.moderation, 'visible'),
        // And what this caller may read: a steward outside a private community reads none of it.
        answerVisibleSql(sqlViewerIn({ role, callerId: input.caller.id }, community.visibility)),
      ),
    )
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(QUEUE_SCAN);
  const authors = [...new Set(rows.map((r) => r.answer.userId))];
  const history = new Map<number, { answers: number; first: number; spotlights: number }>();
  for (let i = 0; i < authors.length; i += 90) {
    const ids = authors.slice(i, i + 90);
    const inCommunity = and(eq(submissions.communityId, community.id), inArray(submissions.userId, ids));
    // The first answer is the earliest by (created_at, id), so answers in the same instant have one first.
    // (The outer column is written out: Drizzle would render it unqualified, binding it to the inner table.)
    const first = sql<number>`(select f.id from ${submissions} f where f.community_id = ${community.id}
      and f.user_id = "submissions"."user_id" order by f.created_at, f.id limit 1)`;
    const answered = await db
      .select({ userId: submissions.userId, n: count(), first })
      .from(submissions).where(inCommunity).groupBy(submissions.userId);
    for (const a of answered) history.set(a.userId, { answers: a.n, first: a.first, spotlights: 0 });
    const lit = await db
      .select({ userId: submissions.userId, n: count() })
      .from(spotlights).innerJoin(submissions, eq(submissions.id, spotlights.submissionId))
      .where(inCommunity).groupBy(submissions.userId);
    for (const l of lit) history.get(l.userId)!.spotlights = l.n;
  }
  const ranked = rows.map(({ answer: a, name }) => {
    const h = history.get(a.userId)!;
    const known = reveals || !a.anonymous;
    return { a, name, known, firstTime: h.first === a.id, h };
  });
  // Unknown authors (see above) sort after every known one, so the ranking itself reveals nothing.
  const key = (r: (typeof ranked)[number]) =>
    r.known ? [0, r.firstTime ? 0 : 1, r.h.spotlights, r.h.answers] : [1, 0, 0, 0];
  ranked.sort((x, y) => {
    const kx = key(x), ky = key(y);
    for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i]! - ky[i]!;
    return y.a.createdAt - x.a.createdAt || y.a.id - x.a.id;
  });
  const page = ranked.slice(0, input.limit);
  const counts = await kudosCounts(db, page.map((r) => r.a.id));
  return {
    items: page.map(({ a, name, known, firstTime, h }) => ({
      id: a.id,
      promptId: a.promptId,
      level: a.level,
      body: a.body,
      link: a.link,
      visibility: a.visibility,
      author: known ? { name } : null,
      ...(a.anonymous && known ? { anonymous: true as const } : {}),
      createdAt: new Date(a.createdAt).toISOString(),
      kudos: counts.get(a.id)!,
      authorHistory: known ? { firstTime, previousSpotlights: h.spotlights, answers: h.answers } : null,
    })),
  };
}
