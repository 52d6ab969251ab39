/**
 * The analytics as CSV (RFC 4180, CRLF), one figure per row: section, key, metric, value. Keys are stage
 * names, levels, prompt positions, rhythm buckets or week Mondays; a value hidden by the small-group rule
 * reads `fewer_than_5` or `withheld`, exactly as in the JSON. Facilitators open it in a spreadsheet.
 */
import type { AnalyticsView, Cell } from './view';

type Row = [section: string, key: string | number, metric: string, value: Cell | string | null];

/** A spreadsheet runs a cell starting with = + - @ as a formula; a series title could, so it is quoted away. */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function analyticsCsv(a: AnalyticsView): string {
  const rows: Row[] = [
    ['summary', '', 'as_of', a.asOf],
    ['summary', '', 'computed_at', a.computedAt],
    ['summary', '', 'members', a.members],
    ['summary', '', 'active_7_days', a.active7],
    ['summary', '', 'active_30_days', a.active30],
    ['summary', '', 'contributors_30_days', a.contributors30],
    ['summary', '', 'contribution_rate_30_days', a.contributionRate30],
    ['summary', '', 'reference_rate_1_percent_rule', a.references.oneRule],
    ['summary', '', 'reference_rate_good_community', a.references.goodCommunity],
    ...a.funnel.map((f): Row => ['ladder_funnel', f.stage, 'members', f.members]),
    ...a.mix.flatMap((m): Row[] => [
      ['mix_30_days', m.level, 'answers', m.answers],
      ['mix_30_days', m.level, 'members', m.members],
    ]),
    ...a.rhythm.map((r): Row => ['rhythm_current_run_weeks', r.bucket, 'members', r.members]),
    ...a.trend.flatMap((t): Row[] => [
      ['trend_week', t.weekOf, 'members', t.members],
      ['trend_week', t.weekOf, 'active', t.active],
      ['trend_week', t.weekOf, 'contributors', t.contributors],
      ['trend_week', t.weekOf, 'contribution_rate', t.contributionRate],
    ]),
  ];
  const s = a.series;
  if (s) {
    rows.push(['series', s.id, 'title', s.title], ['series', s.id, 'drop_off_day', s.dropOffDay], ['series', s.id, 'still_answering', s.stillAnswering]);
    for (const p of s.prompts) {
      rows.push(
        ['prompt', p.position, 'opens_on', p.opensOn],
        ['prompt', p.position, 'answers', p.answers],
        ['prompt', p.position, 'easy', p.easy],
        ['prompt', p.position, 'hard', p.hard],
        ['prompt', p.position, 'members', p.members],
      );
    }
    for (const d of s.dropOff) rows.push(['drop_off_after_day', d.position, 'members', d.members]);
  }
  return [['section', 'key', 'metric', 'value'], ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
