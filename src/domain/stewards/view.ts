/**
 * The network dashboard as stewards read it: one row per community, its flags worked out for the steward's
 * own "going quiet" threshold, then filtered and sorted. Only counts, rates and dates: no answer, name of a
 * member or any other text a community holds besides its own name.
 *
 * - contribution rate (30 days): contributors ÷ members, against the 1 % and 10 % lines.
 * - health (per week): answers ÷ active members; `health` of the row is that of the last SHOWCASE_WEEKS weeks
 *   together (their answers ÷ their active members), the trend's own last week being partial.
 * - going quiet: no answer in the `quietDays` local days ending with `asOf` (none ever: quiet too).
 * - showcase: in each of the last SHOWCASE_WEEKS trend weeks, more than 10 % of that week's members
 *   contributed (an answer): sustained contribution above the good-community line.
 */
import type { NetworkQuery } from '../../schemas/stewards';
import type { Community } from '../communities/access';
import { REFERENCE_RATES, rate } from '../analytics/view';
import { addDays, parseDay } from '../time';
import type { NetworkFigures } from './figures';

/** Weeks of contribution above 10 % in a row that make a showcase, and the weeks the row's health covers. */
export const SHOWCASE_WEEKS = 4;
const DAY_MS = 86_400_000;

/** One community's row, for the steward's threshold `quietDays`. */
export function networkRow(community: Community, f: NetworkFigures, quietDays: number) {
  const recent = f.trend.slice(-SHOWCASE_WEEKS);
  const sum = (key: 'answers' | 'active') => recent.reduce((n, w) => n + w[key], 0);
  const showcase = recent.length === SHOWCASE_WEEKS && recent.every((w) => w.members > 0 && w.contributors * 10 > w.members);
  return {
    slug: community.slug,
    name: community.name,
    visibility: community.visibility,
    asOf: f.asOf,
    members: f.members,
    contributors30: f.contributors30,
    contributionRate30: rate(f.contributors30, f.members),
    health: rate(sum('answers'), sum('active')),
    trend: f.trend.map((w) => ({ weekOf: w.weekOf, answers: w.answers, active: w.active, health: rate(w.answers, w.active), contributionRate: rate(w.contributors, w.members) })),
    lastAnswerDay: f.lastAnswerDay,
    daysSinceAnswer: f.lastAnswerDay === null ? null : Math.round((parseDay(f.asOf) - parseDay(f.lastAnswerDay)) / DAY_MS),
    quiet: f.lastAnswerDay === null || f.lastAnswerDay <= addDays(f.asOf, -quietDays),
    showcase,
    // What stewards did (issue 14): archived (read-only) and pinned on the home page's showcase strip.
    archived: community.archivedAt !== null,
    pinned: community.showcasePinnedAt !== null,
    lastSpotlightAt: iso(f.lastSpotlightAt),
    lastSeriesAt: iso(f.lastSeriesAt),
    lastModerationAt: iso(f.lastModerationAt),
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export type NetworkRow = ReturnType<typeof networkRow>;

const SORT_VALUE: Record<NetworkQuery['sort'], (r: NetworkRow) => string | number | null> = {
  name: (r) => r.name.toLocaleLowerCase('en'),
  members: (r) => r.members,
  rate: (r) => r.contributionRate30,
  health: (r) => r.health,
  lastAnswer: (r) => r.lastAnswerDay,
  lastSpotlight: (r) => r.lastSpotlightAt,
  lastSeries: (r) => r.lastSeriesAt,
  lastModeration: (r) => r.lastModerationAt,
};

/** The dashboard: rows filtered and sorted as asked; a missing date ("never") sorts last either way. */
export function networkView(entries: { community: Community; figures: NetworkFigures }[], q: NetworkQuery & { quietDays: number }) {
  const all = entries.map((e) => networkRow(e.community, e.figures, q.quietDays));
  const rows = all.filter((r) => q.filter === 'all' || (q.filter === 'quiet' ? r.quiet : r.showcase));
  const value = SORT_VALUE[q.sort];
  const sign = q.order === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
  });
  return {
    ...q,
    references: REFERENCE_RATES,
    totals: { communities: all.length, quiet: all.filter((r) => r.quiet).length, showcase: all.filter((r) => r.showcase).length },
    communities: rows,
  };
}

export type NetworkView = ReturnType<typeof networkView>;
