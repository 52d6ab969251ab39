/**
 * The one place badges read the weekly rhythm (src/domain/recognition/rhythm.ts): whether a run is long enough comes
 * from `computeRhythm` itself; which weeks that run spans (the evidence) is found by walking the weeks
 * the same way, and only ever decides evidence, never a grant.
 */
import type { Db } from '../../../db/client';
import type { Community } from '../communities/access';
import { computeRhythm, goalFor, postedDays, type GoalChange } from '../recognition/rhythm';
import { loadRhythmPlans } from '../recognition/rhythm-member';
import { everyDays, localDay, weekOf } from '../time';

export interface RhythmFacts {
  longestRun: number;
  /** Mondays ('YYYY-MM-DD') of the met weeks of the longest run, oldest first. */
  runWeeks: string[];
  /** The distinct local days answered on, oldest first: what the rest is computed from. */
  days: string[];
}

/** A member's rest weeks and weekly goals: what the rhythm takes besides their answers. */
export interface RhythmPlans {
  rest: string[];
  goals: GoalChange[];
}

/**
 * Several members' rhythm facts, each as of its own `now`, from the instants of the answers that count (what
 * facts.ts read for the badges: anonymous ones too unless badges are read as others see them) and one read of
 * their rest weeks and goals. Reading the answers again here doubled a full refresh's biggest read.
 */
export async function loadRhythmFactsFor(
  db: Db,
  community: Community,
  members: { userId: number; now: Date }[],
  answeredAt: Map<number, number[]>,
): Promise<Map<number, RhythmFacts>> {
  const plans = await loadRhythmPlans(db, community.id, members.map((m) => m.userId));
  return new Map(
    members.map((m) => {
      const days = distinctDays(postedDays(answeredAt.get(m.userId) ?? [], community.timeZone, community.dayStartHour));
      const memberPlans = { rest: plans.rest.get(m.userId) ?? [], goals: plans.goals.get(m.userId) ?? [] };
      return [m.userId, rhythmFacts(days, memberPlans, localDay(m.now, community.timeZone, community.dayStartHour))];
    }),
  );
}

/** Days sorted and each once (the days of several answers repeat). */
export const distinctDays = (days: Iterable<string>) => [...new Set(days)].sort();

/** The rhythm facts of these answer days as of `today`: also what running facts are checked with (progress.ts). */
export function rhythmFacts(days: string[], plans: RhythmPlans, today: string): RhythmFacts {
  const { longestRun } = computeRhythm({ days, restWeeks: plans.rest, goals: plans.goals, today });

  const perWeek = new Map<string, Set<string>>();
  for (const d of days) if (d <= today) perWeek.set(weekOf(d), (perWeek.get(weekOf(d)) ?? new Set()).add(d));
  const resting = new Set(plans.rest);
  const thisWeek = weekOf(today);
  const first = [...perWeek.keys()].sort()[0];
  let run: string[] = [];
  let best: string[] = [];
  for (const w of first === undefined ? [] : everyDays(first, thisWeek, 7)) {
    if ((perWeek.get(w)?.size ?? 0) >= goalFor(plans.goals, w)) run = [...run, w];
    else if (w !== thisWeek && !resting.has(w)) run = [];
    if (run.length > best.length) best = run;
  }
  return { longestRun, runWeeks: best, days };
}
