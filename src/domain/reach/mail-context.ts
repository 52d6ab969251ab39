/**
 * What the mail of a chunk of members is made from, read in a few grouped queries (never one per member):
 * their memberships and preferences, their answers per community (last answer, answers this week) and the
 * encouragement they received this week; and, once per community and run, the week's open prompts and the
 * latest shout-out roll.
 */
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { kudos, mailMembers, mailPreferences, memberships, prompts, rhythmGoals, series, shoutoutRolls, submissions, users } from '../../../db/schema';
import { isoWeekOf } from '../recognition/shoutouts';
import { addDays, localDay, weekOf } from '../time';
import type { CommunityNow } from './mail-due';
import { digestSessions, type DigestSession } from '../live/digest';
import type { MailLang } from './mail-preferences';
import { notSessionPrompt } from '../live/session-prompt';

const WEEK_MS = 7 * 24 * 3_600_000;
/** A digest lists at most this many open prompts: it is a nudge, not an archive. */
const DIGEST_PROMPTS = 3;

export interface MemberMailState {
  id: number;
  email: string;
  lang: MailLang;
  memberships: { communityId: number; pref: typeof mailPreferences.$inferSelect | null }[];
  /** Per community: the member's newest answer (ms) and how many answers in the last seven days. */
  answers: Map<number, { last: number; week: number }>;
  kudos: Map<number, number>;
  /** Per community: the member's rhythm, answer-days in the last seven (local) days and their weekly goal. */
  rhythm: Map<number, { days: number; goal: number | null }>;
}

/** The members' mail state, keyed by user id. `ids` must fit one statement (≤ 90). */
export async function loadMembers(db: Db, ids: number[], now: Date, byId: Map<number, CommunityNow>): Promise<Map<number, MemberMailState>> {
  const weekAgo = now.getTime() - WEEK_MS;
  const [people, rows, answerRows, kudosRows, recent, goals] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, lang: mailMembers.lang })
      .from(users)
      .leftJoin(mailMembers, eq(mailMembers.userId, users.id))
      .where(inArray(users.id, ids)),
    db
      .select({ userId: memberships.userId, communityId: memberships.communityId, pref: mailPreferences })
      .from(memberships)
      .leftJoin(mailPreferences, and(eq(mailPreferences.communityId, memberships.communityId), eq(mailPreferences.userId, memberships.userId)))
      .where(inArray(memberships.userId, ids)),
    db
      .select({
        userId: submissions.userId,
        communityId: submissions.communityId,
        last: sql<number>`max(${submissions.createdAt})`,
        week: sql<number>`sum(${submissions.createdAt} >= ${weekAgo})`,
      })
      .from(submissions)
      .where(inArray(submissions.userId, ids))
      .groupBy(submissions.userId, submissions.communityId),
    db
      .select({ userId: submissions.userId, communityId: submissions.communityId, n: sql<number>`count(*)` })
      .from(kudos)
      .innerJoin(submissions, eq(submissions.id, kudos.submissionId))
      .where(and(inArray(submissions.userId, ids), gte(kudos.createdAt, weekAgo)))
      .groupBy(submissions.userId, submissions.communityId),
    db
      .select({ userId: submissions.userId, communityId: submissions.communityId, createdAt: submissions.createdAt })
      .from(submissions)
      .where(and(inArray(submissions.userId, ids), gte(submissions.createdAt, weekAgo))),
    db.select().from(rhythmGoals).where(inArray(rhythmGoals.userId, ids)),
  ]);
  const out = new Map<number, MemberMailState>();
  for (const p of people) {
    out.set(p.id, { id: p.id, email: p.email, lang: p.lang ?? 'en', memberships: [], answers: new Map(), kudos: new Map(), rhythm: new Map() });
  }
  for (const r of rows) out.get(r.userId)?.memberships.push({ communityId: r.communityId, pref: r.pref });
  for (const a of answerRows) out.get(a.userId)?.answers.set(a.communityId, { last: Number(a.last), week: Number(a.week) });
  for (const k of kudosRows) out.get(k.userId)?.kudos.set(k.communityId, Number(k.n));
  // Rhythm counts answer-days, each in its community's own day, as the rhythm pages do.
  const days = new Map<string, Set<string>>();
  for (const r of recent) {
    const c = byId.get(r.communityId);
    if (!c) continue;
    const key = `${r.userId} ${r.communityId}`;
    (days.get(key) ?? days.set(key, new Set()).get(key)!).add(localDay(new Date(r.createdAt), c.timeZone, c.dayStartHour));
  }
  const goalOf = new Map<string, { weekOf: string; goal: number }>();
  for (const g of goals) {
    const c = byId.get(g.communityId);
    const key = `${g.userId} ${g.communityId}`;
    // A goal applies from its week on: the latest one that has started.
    if (c && g.weekOf <= weekOf(c.promptDay) && (goalOf.get(key)?.weekOf ?? '') < g.weekOf) goalOf.set(key, g);
  }
  for (const member of out.values()) {
    for (const m of member.memberships) {
      const key = `${member.id} ${m.communityId}`;
      member.rhythm.set(m.communityId, { days: days.get(key)?.size ?? 0, goal: goalOf.get(key)?.goal ?? null });
    }
  }
  return out;
}

export interface CommunityDigest {
  open: { id: number; easy: string; hard: string }[];
  /** The ISO week of the latest shout-out roll (this week's or last week's), if there is one. */
  rollWeek: string | null;
  /** Live sessions starting within the coming week (issue 15). */
  sessions: DigestSession[];
}

/** The week's prompts still open (newest first), the latest roll and the coming week's live sessions; read once per community and run. */
export async function communityDigest(db: Db, c: CommunityNow, now: Date): Promise<CommunityDigest> {
  const open = await db
    .select({ id: prompts.id, easy: prompts.easyText, hard: prompts.hardText })
    .from(prompts)
    .innerJoin(series, eq(series.id, prompts.seriesId))
    .where(
      and(
        eq(prompts.communityId, c.id),
        gte(prompts.opensOn, addDays(c.promptDay, -6)),
        sql`${prompts.opensOn} <= ${c.promptDay}`,
        sql`${prompts.openedAt} is not null`,
        eq(series.status, 'running'),
        notSessionPrompt(),
      ),
    )
    .orderBy(desc(prompts.opensOn), desc(prompts.id))
    .limit(DIGEST_PROMPTS);
  const [roll] = await db
    .select({ weekOf: shoutoutRolls.weekOf })
    .from(shoutoutRolls)
    .where(and(eq(shoutoutRolls.communityId, c.id), gte(shoutoutRolls.weekOf, addDays(weekOf(c.calendarDay), -7))))
    .orderBy(desc(shoutoutRolls.weekOf))
    .limit(1);
  return { open, rollWeek: roll ? isoWeekOf(roll.weekOf) : null, sessions: await digestSessions(db, c, now) };
}
