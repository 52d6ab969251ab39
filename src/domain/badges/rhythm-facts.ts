/**
 * The one place badges read the weekly rhythm (src/domain/recognition/rhythm.ts): whether a run is long enough comes
 * from `computeRhythm` itself; which weeks that run spans (the evidence) is found by walking the weeks
 * the same way, and only ever decides evidence, never a grant.
 */
import type { Db } from '../../../db/client';
import type { Community } from '../communities/access';
import { computeRhythm, goalFor, postedDays } from '../recognition/rhythm';
import { loadRhythmSource, type RhythmSource } from '../recognition/rhythm-member';
import { everyDays, localDay, weekOf } from '../time';

export interface RhythmFacts {
  longestRun: number;
  /** Mondays ('YYYY-MM-DD') of the met weeks of the longest run, oldest first. */
  runWeeks: string[];
}

/**
 * Several members' rhythm facts, each as of its own `now`, from one load. Counts every answer, anonymous
 * ones included, unless `namedOnly` (badges as others see them, views.ts).
 */
export async function loadRhythmFactsFor(
  db: Db,
  community: Community,
  members: { userId: number; now: Date }[],
  namedOnly = false,
): Promise<Map<number, RhythmFacts>> {
  const source = await loadRhythmSource(db, community.id, { userIds: members.map((m) => m.userId), namedOnly });
  return new Map(members.map((m) => [m.userId, rhythmFacts(source, m.userId, community, m.now)]));
}

function rhythmFacts(source: RhythmSource, userId: number, community: Community, now: Date): RhythmFacts {
  const days = postedDays(source.answers.get(userId) ?? [], community.timeZone, community.dayStartHour);
  const rest = source.rest.get(userId) ?? [];
  const goals = source.goals.get(userId) ?? [];
  const today = localDay(now, community.timeZone, community.dayStartHour);
  const { longestRun } = computeRhythm({ days, restWeeks: rest, goals, today });

  const perWeek = new Map<string, Set<string>>();
  for (const d of days) if (d <= today) perWeek.set(weekOf(d), (perWeek.get(weekOf(d)) ?? new Set()).add(d));
  const resting = new Set(rest);
  const thisWeek = weekOf(today);
  const first = [...perWeek.keys()].sort()[0];
  let run: string[] = [];
  let best: string[] = [];
  for (const w of first === undefined ? [] : everyDays(first, thisWeek, 7)) {
    if ((perWeek.get(w)?.size ?? 0) >= goalFor(goals, w)) run = [...run, w];
    else if (w !== thisWeek && !resting.has(w)) run = [];
    if (run.length > best.length) best = run;
  }
  return { longestRun, runWeeks: best };
}
