/** The network dashboard as CSV (RFC 4180, CRLF): one row per community, as filtered and sorted on screen. */
import type { NetworkView } from './view';

/** A spreadsheet runs a cell starting with = + - @ as a formula; a community name could, so it is quoted away. */
function field(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function networkCsv(view: NetworkView): string {
  const weeks = view.communities[0]?.trend.map((w) => w.weekOf) ?? [];
  const header = [
    'slug', 'name', 'visibility', 'as_of', 'members', 'contributors_30_days', 'contribution_rate_30_days', 'health',
    'last_answer_day', 'days_since_answer', 'quiet', 'showcase', 'last_spotlight_at', 'last_series_at', 'last_moderation_at',
    ...weeks.map((_, i) => `health_week_${i + 1}`),
  ];
  const rows = view.communities.map((r) => [
    r.slug, r.name, r.visibility, r.asOf, r.members, r.contributors30, r.contributionRate30, r.health,
    r.lastAnswerDay, r.daysSinceAnswer, r.quiet, r.showcase, r.lastSpotlightAt, r.lastSeriesAt, r.lastModerationAt,
    ...r.trend.map((w) => w.health),
  ]);
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
