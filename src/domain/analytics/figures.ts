/**
 * What the analytics page shows, as raw counts, and how each figure is defined. All figures cover complete
 * local days up to `asOf` (see ./window.ts); "in a window" means `created_at` within its instants. "Answers"
 * leave out those removed by moderation (read by no one, points reversed); hidden ones still count.
 *
 * - members: memberships (members and facilitators) that began before the end of `asOf`.
 * - active in the last 7 / 30 days: those members with at least one answer written (anonymous ones
 *   included) or one kudos given in this community within the 7 / 30 local days ending with `asOf`.
 * - contributors (30 days): those members with at least one answer (anonymous included) in the 30 days.
 *   The contribution rate is contributors ÷ members, drawn against the 1 % rule and the 10 % that good
 *   communities of practice reach.
 * - funnel: members (role member) per confidence-ladder stage, exactly `ladderFunnel` (named answers only).
 * - easy/hard mix (30 days): answers per level in the 30 days, and how many people wrote them.
 * - series: the newest series with a prompt opened on or before `asOf`; its prompts opened by then.
 *   answers per prompt: every answer written to it before the end of `asOf`, easy and hard, and their authors.
 *   drop-off day: for each person with a named answer in the series, the position of the last prompt they
 *   answered. At least DROP_OFF_GRACE (3) prompts opened since: they dropped off after that day; otherwise
 *   they are still answering. Named answers only: a per-person figure must never move because of an
 *   anonymous answer.
 * - rhythm: members by their current weekly-rhythm run (weeks in a row meeting their goal, src/domain/recognition/rhythm.ts)
 *   on `asOf`, from named answers only, in buckets 0, 1, 2–3, 4–7 and 8+ weeks.
 * - trend: for each of the 12 community weeks ending with the one holding `asOf` (that one counted up to
 *   `asOf`): members by then (joined before the week's counted end), and those of them active and
 *   contributing in it, so the week's rate never exceeds 100 %.
 */
import type { Stage } from '../recognition/ladder';

export const RHYTHM_BUCKETS = ['0', '1', '2-3', '4-7', '8+'] as const;
export type RhythmBucket = (typeof RHYTHM_BUCKETS)[number];

/** The bucket of a run of `weeks` met weeks. */
export function rhythmBucket(weeks: number): RhythmBucket {
  if (weeks <= 1) return weeks <= 0 ? '0' : '1';
  if (weeks <= 3) return '2-3';
  return weeks <= 7 ? '4-7' : '8+';
}

export interface PromptFigures {
  position: number;
  opensOn: string;
  answers: number;
  easy: number;
  hard: number;
  /** Distinct authors of those answers. */
  members: number;
}

export interface RawAnalytics {
  asOf: string;
  members: number;
  active7: number;
  active30: number;
  contributors30: number;
  funnel: { stage: Stage; members: number }[];
  mix: { level: 'easy' | 'hard'; answers: number; members: number }[];
  series: {
    id: number;
    title: string;
    prompts: PromptFigures[];
    /** People whose last named answer was to the prompt at `position`, DROP_OFF_GRACE or more prompts ago. */
    dropOff: { position: number; members: number }[];
    stillAnswering: number;
  } | null;
  rhythm: { bucket: RhythmBucket; members: number }[];
  trend: { weekOf: string; members: number; active: number; contributors: number }[];
}
