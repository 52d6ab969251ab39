/**
 * The analytics as facilitators read them (JSON, page, CSV): raw counts become cells under the small-group
 * rule (./small-groups.ts), and rates are worked out. Nothing here names or numbers a person: every figure
 * is a count, and anonymous answers only ever add to counts.
 */
import type { RawAnalytics } from './figures';
import { countByPeople, peopleCell, splitCells, SMALL_GROUP, type Cell } from './small-groups';

/** The reference lines of the contribution-rate chart. */
export const REFERENCE_RATES = { oneRule: 0.01, goodCommunity: 0.1 } as const;

/** contributors ÷ members, 0 for an empty community, to 4 decimals. */
export const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

export function analyticsView(raw: RawAnalytics, computedAt: number) {
  const funnel = splitCells(raw.funnel.map((s) => s.members));
  const rhythm = splitCells(raw.rhythm.map((r) => r.members));
  const s = raw.series;
  let series = null;
  if (s) {
    // Everyone with a named answer in the series either dropped off after some day or is still answering.
    const split = splitCells([...s.dropOff.map((d) => d.members), s.stillAnswering]);
    const peak = s.dropOff.reduce<{ position: number; members: number } | null>((best, d) => (d.members > (best?.members ?? 0) ? d : best), null);
    series = {
      id: s.id,
      title: s.title,
      prompts: s.prompts.map((p) => ({
        position: p.position,
        opensOn: p.opensOn,
        answers: countByPeople(p.answers, p.members),
        easy: countByPeople(p.easy, p.members),
        hard: countByPeople(p.hard, p.members),
        members: peopleCell(p.members),
      })),
      dropOff: s.dropOff.map((d, i) => ({ position: d.position, members: split[i]! })),
      stillAnswering: split[split.length - 1]!,
      /** The day most people stopped after; null when no such day has at least 5 people. */
      dropOffDay: peak && peak.members >= SMALL_GROUP ? peak.position : null,
    };
  }
  return {
    asOf: raw.asOf,
    computedAt: new Date(computedAt).toISOString(),
    members: raw.members,
    active7: raw.active7,
    active30: raw.active30,
    contributors30: raw.contributors30,
    contributionRate30: rate(raw.contributors30, raw.members),
    references: REFERENCE_RATES,
    funnel: raw.funnel.map((st, i) => ({ stage: st.stage, members: funnel[i]! })),
    mix: raw.mix.map((m) => ({ level: m.level, answers: countByPeople(m.answers, m.members), members: peopleCell(m.members) })),
    series,
    rhythm: raw.rhythm.map((r, i) => ({ bucket: r.bucket, members: rhythm[i]! })),
    trend: raw.trend.map((t) => ({ ...t, contributionRate: rate(t.contributors, t.members) })),
  };
}

export type AnalyticsView = ReturnType<typeof analyticsView>;
export type { Cell };
