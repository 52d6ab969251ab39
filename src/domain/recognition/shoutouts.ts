/**
 * Reading a community's weekly shout-out roll (GET /api/communities/:slug/weeks/:isoWeek), and the rules
 * for who may be named in one, shared with the job that writes it (src/jobs/shoutouts.ts). The stored roll
 * holds ids; every name, answer and milestone is checked again here against the data as it is now, so an
 * answer made anonymous or a member who opted out since the roll was written is no longer named.
 */
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { memberships, shoutoutRolls, spotlights, submissions, users, type ShoutoutContent } from '../../../db/schema';
import { inChunks } from '../group-by';
import { versionedCache } from '../versioned-cache';
import { communityForViewer, type Community } from '../communities/access';
import { canSee, seenByCommunity } from '../answers/visibility';
import { invalidField, notFound } from '../errors';
import { loadRhythmSource, rhythmOf } from './rhythm-member';
import type { Caller } from '../identity/sessions';
import { addDays, dayStartsAt, parseDay, weekOf } from '../time';

/** ISO 8601 week of a Monday: '2026-W10'. The week belongs to the year of its Thursday. */
export function isoWeekOf(monday: string): string {
  const thursday = addDays(monday, 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor((parseDay(thursday) - parseDay(`${year}-01-01`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week, or null when the text is not a real ISO week (2026-W53 is not). */
export function mondayOfIsoWeek(isoWeek: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  if (!m) return null;
  // January 4th is always in week 1.
  const monday = addDays(weekOf(`${m[1]}-01-04`), 7 * (Number(m[2]) - 1));
  return isoWeekOf(monday) === isoWeek ? monday : null;
}

/** The instants the community-local week starting `monday` spans: [from, to). */
export function weekRange(community: Community, monday: string) {
  const at = (day: string) => dayStartsAt(day, community.timeZone, community.dayStartHour).getTime();
  return { from: at(monday), to: at(addDays(monday, 7)) };
}

/** Of these members, those who allow their name and still belong to the community. */
export async function listable(db: Db, communityId: number, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.communityId, communityId)))
    .where(and(inArray(users.id, userIds), eq(users.showOnLeaderboards, true)));
  return new Set(rows.map((r) => r.id));
}

/**
 * A named answer the community can see: the only kind of answer a roll looks at. Anonymous answers count as
 * no one's (issue 21): leaving out members who answered anonymously would name exactly those members, and
 * counting them as theirs would name a member whose only answers that week are anonymous. Answers shared
 * with facilitators only are private practice, so they count for no one either; hidden or removed ones
 * (moderation) neither.
 */
export const seenNamed = () => and(eq(submissions.anonymous, false), seenByCommunity());

/** Of these members, those with at least one named answer the community can see in the week (`seenNamed`). */
export async function namedInWeek(db: Db, communityId: number, userIds: number[], range: { from: number; to: number }) {
  if (userIds.length === 0) return new Set<number>();
  const rows = await db
    .selectDistinct({ userId: submissions.userId })
    .from(submissions)
    .where(
      and(
        eq(submissions.communityId, communityId),
        inArray(submissions.userId, userIds),
        gte(submissions.createdAt, range.from),
        lt(submissions.createdAt, range.to),
        seenNamed(),
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

/** A week's roll as this viewer may read it; 404 before the roll exists (the week has not ended), or for a quiet week. */
export async function readRoll(
  db: Db,
  input: { slug: string; isoWeek: string; caller: Caller | null },
  _now: Date,
  /** Read before anything else: lets the checked names be reused while nothing was written (peopleStillNamed). */
  dataVersion?: string,
) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  const monday = mondayOfIsoWeek(input.isoWeek);
  if (!monday) throw invalidField('isoWeek', 'must be an ISO week such as 2026-W10');
  const [roll] = await db
    .select()
    .from(shoutoutRolls)
    .where(and(eq(shoutoutRolls.communityId, community.id), eq(shoutoutRolls.weekOf, monday)));
  const c = roll?.content;
  // A roll with nobody in it (a week of anonymous answers only) reads like a quiet week: its mere existence
  // would tell that someone answered anonymously.
  const empty = c && [c.newContributors, c.rhythmMilestones, c.spotlights, c.mostEncouraged].every((l) => l.length === 0);
  if (!roll || !c || empty) throw notFound('Shout-out roll');
  const range = weekRange(community, monday);
  const named = await peopleStillNamed(db, community, { weekOf: monday, content: c, range }, dataVersion);
  const answerIds = [...c.spotlights, ...c.mostEncouraged.map((e) => e.submissionId)];
  const answers = answerIds.length
    ? await db
        .select({ a: submissions, name: users.name, note: spotlights.note, spotlit: spotlights.submissionId })
        .from(submissions)
        .innerJoin(users, eq(users.id, submissions.userId))
        .leftJoin(spotlights, eq(spotlights.submissionId, submissions.id))
        .where(and(inArray(submissions.id, answerIds), seenNamed()))
    : [];
  const authors = await listable(db, community.id, answers.map((r) => r.a.userId));
  const shown = new Map(
    answers
      .filter((r) => authors.has(r.a.userId) && canSee({ role, callerId: input.caller?.id ?? null }, r.a, community.visibility))
      .map((r) => [r.a.id, { submissionId: r.a.id, promptId: r.a.promptId, author: { name: r.name }, body: r.a.body, note: r.note, spotlit: r.spotlit !== null }]),
  );
  return {
    week: input.isoWeek,
    weekOf: monday,
    generatedAt: new Date(roll.generatedAt).toISOString(),
    ...named,
    spotlights: c.spotlights.flatMap((id) => {
      const s = shown.get(id);
      // A spotlight taken back since is no longer celebrated.
      return s?.spotlit ? [{ submissionId: s.submissionId, promptId: s.promptId, author: s.author, body: s.body, note: s.note }] : [];
    }),
    mostEncouraged: c.mostEncouraged.flatMap((e) => {
      const s = shown.get(e.submissionId);
      return s ? [{ submissionId: s.submissionId, promptId: s.promptId, author: s.author, body: s.body, kudos: e.kudos }] : [];
    }),
  };
}

/**
 * Members read at once, by the roll's job and here: a big community's whole history at once would hold hundreds
 * of MB, and D1 binds at most 100 parameters per statement.
 */
export const MEMBERS_PER_READ = 90;

/**
 * The roll's people (new contributors, rhythm milestones) still named as the data is now: those who allow their
 * name, belong to the community and still have a named answer the community sees in the week; a milestone only
 * while the named answers still make it. Viewer-independent, and reused while the database's data version stands
 * still (src/node/data-version.ts): on the full bench's 10,000-member community a roll names ~2,000 milestones, whose
 * check read ~60,000 answers (0.45 s) on every view, by anyone.
 */
const checkedRolls = versionedCache<Named>(200);
type Named = { newContributors: { name: string }[]; rhythmMilestones: { name: string; weeks: number }[] };

async function peopleStillNamed(
  db: Db,
  community: Community,
  roll: { weekOf: string; content: ShoutoutContent; range: { from: number; to: number } },
  dataVersion: string | undefined,
): Promise<Named> {
  const key = `${community.id}:${roll.weekOf}`;
  // As of the week's end: only a write changes it, never the day.
  const hit = checkedRolls.get(db, key, dataVersion);
  if (hit) return hit;
  const c = roll.content;
  const people = [...new Set([...c.newContributors, ...c.rhythmMilestones.map((m) => m.userId)])];
  const names = new Map<number, string>();
  const weeksOf = new Map<number, number>();
  const weekEnd = new Date(roll.range.to - 1);
  for (const group of inChunks(people, MEMBERS_PER_READ)) {
    const quiet = [...(await namedInWeek(db, community.id, [...(await listable(db, community.id, group))], roll.range))];
    const source = await loadRhythmSource(db, community.id, { userIds: quiet, namedOnly: true });
    for (const u of await nameOf(db, quiet)) {
      names.set(u.id, u.name);
      weeksOf.set(u.id, rhythmOf(source, u.id, community, weekEnd).currentRun);
    }
  }
  const named: Named = {
    newContributors: c.newContributors.filter((id) => names.has(id)).map((id) => ({ name: names.get(id)! })),
    // A milestone is shown only while the named answers still make it (one made anonymous since may not).
    rhythmMilestones: c.rhythmMilestones.filter((m) => weeksOf.get(m.userId) === m.weeks).map((m) => ({ name: names.get(m.userId)!, weeks: m.weeks })),
  };
  checkedRolls.set(db, key, dataVersion, named);
  return named;
}

async function nameOf(db: Db, ids: number[]) {
  return ids.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
}
