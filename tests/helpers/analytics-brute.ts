/**
 * Community analytics recomputed by brute force from raw rows, in plain TypeScript and by local days (the
 * domain works with instants and SQL), following the definitions in src/domain/analytics/figures.ts.
 */
import { bruteLocalDay, bruteMonday, bruteRhythm } from './rhythm-brute';

const DAY_MS = 86_400_000;
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export interface RawRows {
  timeZone: string;
  dayStartHour: number;
  now: number;
  memberships: { userId: number; role: 'member' | 'facilitator'; joinedAt: number }[];
  series: { id: number; title: string }[];
  prompts: { id: number; seriesId: number; position: number; opensOn: string }[];
  answers: { id: number; promptId: number; userId: number; level: 'easy' | 'hard'; anonymous: boolean; visibility: 'facilitators' | 'community' | 'public'; moderation: 'visible' | 'hidden' | 'removed'; createdAt: number }[];
  kudos: { submissionId: number; userId: number; createdAt: number }[];
  shownSteps: { userId: number; rank: number }[];
  goals: { userId: number; weekOf: string; goal: number }[];
  rest: { userId: number; weekOf: string }[];
}

const STAGES = ['observer', 'practising', 'sharing_community', 'sharing_public', 'main_space'] as const;
const VISIBILITY_RANK = { facilitators: 1, community: 2, public: 3 } as const;

function bucket(weeks: number) {
  if (weeks === 0) return '0';
  if (weeks === 1) return '1';
  if (weeks <= 3) return '2-3';
  if (weeks <= 7) return '4-7';
  return '8+';
}

export function bruteAnalytics(r: RawRows) {
  const day = (t: number) => bruteLocalDay(t, r.timeZone, r.dayStartHour);
  const bruteDay = day;
  const asOf = plusDays(day(r.now), -1);
  const members = new Set(r.memberships.filter((m) => day(m.joinedAt) <= asOf).map((m) => m.userId));
  // Removed answers count for nothing (kudos given to them still do); the funnel reads them all, as ladderFunnel.
  const kept = r.answers.filter((a) => a.moderation !== 'removed');
  const answerDays = kept.map((a) => ({ ...a, day: day(a.createdAt) }));
  const communityAnswers = new Set(r.answers.map((a) => a.id));
  const kudosDays = r.kudos.filter((k) => communityAnswers.has(k.submissionId)).map((k) => ({ ...k, day: day(k.createdAt) }));
  const within = (d: string, from: string, to: string) => d >= from && d <= to;
  const joinedBy = (day: string) => new Set(r.memberships.filter((m) => bruteDay(m.joinedAt) <= day).map((m) => m.userId));
  const people = (from: string, to: string, withKudos: boolean, among = members) => {
    const who = new Set<number>();
    for (const a of answerDays) if (within(a.day, from, to) && among.has(a.userId)) who.add(a.userId);
    if (withKudos) for (const k of kudosDays) if (within(k.day, from, to) && among.has(k.userId)) who.add(k.userId);
    return who.size;
  };

  const lastMonday = bruteMonday(asOf);
  const trend = Array.from({ length: 12 }, (_, i) => {
    const monday = plusDays(lastMonday, -7 * (11 - i));
    const last = plusDays(monday, 6) < asOf ? plusDays(monday, 6) : asOf;
    return {
      weekOf: monday,
      members: r.memberships.filter((m) => day(m.joinedAt) <= last).length,
      active: people(monday, last, true, joinedBy(last)),
      contributors: people(monday, last, false, joinedBy(last)),
    };
  });

  const from30 = plusDays(asOf, -29);
  const mix = (['easy', 'hard'] as const).map((level) => {
    const rows = answerDays.filter((a) => a.level === level && within(a.day, from30, asOf));
    return { level, answers: rows.length, members: new Set(rows.map((a) => a.userId)).size };
  });

  // Funnel: members (role member) at their best 'shown' stage: recorded steps and named answers.
  const best = new Map<number, number>();
  const roleMembers = r.memberships.filter((m) => m.role === 'member').map((m) => m.userId);
  for (const u of roleMembers) best.set(u, 0);
  for (const s of r.shownSteps) if (best.has(s.userId)) best.set(s.userId, Math.max(best.get(s.userId)!, s.rank));
  for (const a of r.answers) if (!a.anonymous && best.has(a.userId)) best.set(a.userId, Math.max(best.get(a.userId)!, VISIBILITY_RANK[a.visibility]));
  const funnel = STAGES.map((stage, i) => ({ stage, members: [...best.values()].filter((b) => b === i).length }));

  // The newest series with a prompt opened by asOf (ties: the higher series id).
  const opened = r.prompts.filter((p) => p.opensOn <= asOf);
  const newestPrompt = [...opened].sort((a, b) => (a.opensOn === b.opensOn ? b.seriesId - a.seriesId : a.opensOn < b.opensOn ? 1 : -1))[0];
  let series = null;
  if (newestPrompt) {
    const ps = opened.filter((p) => p.seriesId === newestPrompt.seriesId).sort((a, b) => a.position - b.position);
    const counted = answerDays.filter((a) => a.day <= asOf);
    const newest = ps[ps.length - 1]!.position;
    const lastOf = new Map<number, number>();
    for (const a of counted) {
      const p = ps.find((x) => x.id === a.promptId);
      if (p && !a.anonymous) lastOf.set(a.userId, Math.max(lastOf.get(a.userId) ?? 0, p.position));
    }
    const lasts = [...lastOf.values()];
    series = {
      id: newestPrompt.seriesId,
      title: r.series.find((s) => s.id === newestPrompt.seriesId)!.title,
      prompts: ps.map((p) => {
        const rows = counted.filter((a) => a.promptId === p.id);
        const easy = rows.filter((a) => a.level === 'easy').length;
        return { position: p.position, opensOn: p.opensOn, answers: rows.length, easy, hard: rows.length - easy, members: new Set(rows.map((a) => a.userId)).size };
      }),
      dropOff: ps.filter((p) => newest - p.position >= 3).map((p) => ({ position: p.position, members: lasts.filter((l) => l === p.position).length })),
      stillAnswering: lasts.filter((l) => newest - l < 3).length,
    };
  }

  // Rhythm on asOf: an instant inside asOf stands for "now".
  const inAsOf = [1, 0.5, 1.5, 0.9, 1.1].map((d) => r.now - d * DAY_MS).find((t) => day(t) === asOf)!;
  const counts = new Map<string, number>();
  for (const u of members) {
    const run = bruteRhythm({
      instants: kept.filter((a) => a.userId === u && !a.anonymous).map((a) => a.createdAt),
      timeZone: r.timeZone,
      dayStartHour: r.dayStartHour,
      rest: r.rest.filter((x) => x.userId === u).map((x) => x.weekOf),
      goals: r.goals.filter((g) => g.userId === u),
      now: inAsOf,
    }).currentRun;
    counts.set(bucket(run), (counts.get(bucket(run)) ?? 0) + 1);
  }
  const rhythm = (['0', '1', '2-3', '4-7', '8+'] as const).map((b) => ({ bucket: b, members: counts.get(b) ?? 0 }));

  return {
    asOf,
    members: members.size,
    active7: people(plusDays(asOf, -6), asOf, true),
    active30: people(from30, asOf, true),
    contributors30: people(from30, asOf, false),
    funnel,
    mix,
    series,
    rhythm,
    trend,
  };
}
