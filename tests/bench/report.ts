/** Turns measurements into the table (ratios, targets, pass/fail), prints it, and writes the JSON record. */
import { NETWORK_PRECOMPUTE_TARGET_MS, NETWORK_TARGET_P99_MS, type NetworkBench } from './network';
import { RECOGNITION_TARGET_RATIO, type RecognitionBench } from './recognition';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYTICS_TARGET_P99_MS, type AnalyticsBench } from './analytics';
import type { LoadResult } from './load';
import type { RequestPlans } from './plans';
import type { Measurement, Target } from './scenarios';
import type { TickResult } from './scheduler';
import type { measureWeb } from './web';
import { LIGHTHOUSE_TARGETS, type LighthousePage } from './lighthouse';

const TICK_MAX_MS = 500;
/** "Flat": doubling the communities may add at most this share of the time, plus a little timer noise. */
const TICK_FLAT_FACTOR = 1.3;
const TICK_NOISE_MS = 2;
const RSS_MAX_MB = 200;

export interface Row {
  scenario: string;
  rps: number | null;
  p99Ms: number | null;
  /** tick's median ms, RSS MB, or gzipped KB: rows that are not HTTP load. */
  value: string | null;
  baseline: string | null;
  ofBaseline: number | null;
  ofA: number | null;
  target: string;
  pass: boolean | null;
  note: string;
}

function targetText(t: Target | undefined, baseline: string | undefined): string {
  if (!t) return '—';
  const parts: string[] = [];
  if (t.ofBaseline !== undefined) parts.push(`≥${t.ofBaseline}×${baseline}`);
  if (t.ofA !== undefined) parts.push(`≥${t.ofA}×a`);
  if (t.maxP99Ms !== undefined) parts.push(`p99≤${t.maxP99Ms}ms`);
  return parts.join(', ');
}

export function httpRows(list: Measurement[], results: Map<string, LoadResult>, broken: Map<string, string>): Row[] {
  return list.map((m) => {
    const a = results.get(m.ofAFrom ?? 'a');
    const r = results.get(m.id);
    if (!r) {
      const note = `not loaded: ${broken.get(m.id) ?? 'no result'}`;
      return { scenario: m.label, rps: null, p99Ms: null, value: null, baseline: m.baseline ?? null, ofBaseline: null, ofA: null, target: targetText(m.target, m.baseline), pass: false, note };
    }
    const base = m.baseline ? results.get(m.baseline) : undefined;
    const ofBaseline = base ? r.rps / base.rps : null;
    const ofA = a && m.id !== 'a' ? r.rps / a.rps : null;
    const misses: string[] = [];
    const t = m.target;
    if (t?.ofBaseline !== undefined && (ofBaseline ?? 0) < t.ofBaseline) misses.push('throughput vs baseline');
    if (t?.ofA !== undefined && (ofA ?? 0) < t.ofA) misses.push('throughput vs (a)');
    if (t?.maxP99Ms !== undefined && r.p99 > t.maxP99Ms) misses.push('p99');
    if (r.failures > 0) misses.push(`${r.failures} unexpected statuses or errors ${JSON.stringify(r.statusCodes)}`);
    return {
      scenario: m.label,
      rps: r.rps,
      p99Ms: r.p99,
      value: null,
      baseline: m.baseline ?? null,
      ofBaseline,
      ofA,
      target: targetText(t, m.baseline),
      pass: t || r.failures > 0 ? misses.length === 0 : null,
      note: misses.length ? `misses: ${misses.join('; ')}` : '',
    };
  });
}

export function otherRows(ticks: TickResult[], rssMb: number, web: ReturnType<typeof measureWeb>, isFull: boolean): Row[] {
  const row = (scenario: string, value: string, target: string, pass: boolean | null, note = ''): Row => ({
    scenario, rps: null, p99Ms: null, value, baseline: null, ofBaseline: null, ofA: null, target, pass, note,
  });
  const rows: Row[] = [];
  const [first, ...bigger] = ticks;
  if (first) {
    const label = (t: TickResult) => `tick: ${t.communities.toLocaleString('en')} communities, ${t.due} due`;
    rows.push(row(label(first), `${first.medianMs.toFixed(1)} ms`, `≤${TICK_MAX_MS} ms`, first.medianMs <= TICK_MAX_MS, `median of ${first.runsMs.length}`));
    for (const t of bigger) {
      const limit = first.medianMs * TICK_FLAT_FACTOR + TICK_NOISE_MS;
      rows.push(row(label(t), `${t.medianMs.toFixed(1)} ms`, `flat: ≤${limit.toFixed(1)} ms`, t.medianMs <= limit,
        `${(t.medianMs / first.medianMs).toFixed(2)}× the ${first.communities.toLocaleString('en')} run`));
    }
  }
  // No Kindling server ran (`--only=lighthouse`, say): no peak to report, rather than a passing 0 MB.
  if (rssMb > 0) rows.push(row('Kindling server peak RSS', `${rssMb.toFixed(0)} MB`, `≤${RSS_MAX_MB} MB${isFull ? '' : ' (full profile)'}`, rssMb <= RSS_MAX_MB));
  if (!web) rows.push(row('web budget, gzip', 'web app not built yet', '—', null));
  for (const p of web?.pages ?? []) {
    const value = p.jsGzipKb === null ? 'page not in the build yet' : `JS ${p.jsGzipKb.toFixed(1)} KB, CSS ${p.cssGzipKb!.toFixed(1)} KB`;
    rows.push(row(`web budget: ${p.page} page, gzip`, value, '—', null));
  }
  return rows;
}

const fmt = (n: number | null, digits = 0) => (n === null ? '' : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

export function printTable(rows: Row[]): string {
  const header = ['scenario', 'req/s', 'p99 ms', 'value', 'vs', '×base', '×(a)', 'target', 'result'];
  const cells = rows.map((r) => [
    r.scenario,
    fmt(r.rps),
    fmt(r.p99Ms, 1),
    r.value ?? '',
    r.baseline ?? '',
    fmt(r.ofBaseline, 2),
    fmt(r.ofA, 3),
    r.target,
    r.pass === null ? '' : r.pass ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i >= 1 && i <= 6 && i !== 3 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  const text = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.scenario}: ${r.note}`);
  return notes.length ? `${text}\n\n${notes.join('\n')}` : text;
}

export function printPlans(
  all: { scenario: string; plans: RequestPlans['plans']; calls?: number; commits?: number; error?: string }[],
): string {
  const out: string[] = [];
  for (const p of all) {
    const counts = p.calls === undefined ? '' : ` (${p.calls} driver calls, ${p.commits} commits)`;
    out.push(`\n## ${p.scenario}${counts}`);
    if (p.error) out.push(`  ✗ the request failed: ${p.error}`);
    for (const plan of p.plans) {
      out.push(`  ${plan.sql.length > 160 ? `${plan.sql.slice(0, 157)}...` : plan.sql}`);
      for (const l of plan.lines) out.push(`    ${l}`);
      for (const w of plan.warnings) out.push(`    ⚠ ${w}`);
    }
  }
  return out.join('\n');
}

export function writeJson(dir: string, record: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** One row per page: its four Lighthouse scores and the text compression audit, against issue 18's targets. */
export function lighthouseRows(result: LighthousePage[] | { error: string } | null): Row[] {
  const row = (scenario: string, value: string, pass: boolean | null): Row => ({
    scenario, rps: null, p99Ms: null, value, baseline: null, ofBaseline: null, ofA: null, target: LIGHTHOUSE_TARGET_TEXT, pass, note: '',
  });
  if (result === null) return [];
  if ('error' in result) return [row('Lighthouse mobile', `not measured: ${result.error.slice(0, 80)}`, false)];
  return result.map((p) => {
    const s = p.scores;
    const value = `${s.performance}/${s.accessibility}/${s['best-practices']}/${s.seo}, compression ${p.textCompression === 1 ? 'ok' : 'FAIL'}`;
    return row(`Lighthouse mobile: ${p.page}`, value, p.pass);
  });
}
const LIGHTHOUSE_TARGET_TEXT = `perf≥${LIGHTHOUSE_TARGETS.performance}, a11y/bp/seo ${LIGHTHOUSE_TARGETS.accessibility}`;


/** The analytics rows: the snapshot's computation, then the page (p99 target) and its JSON under load. */
/** The stewards' network dashboard (issue 14): the daily precompute and the dashboard's p99, in-process. */
export function networkRows(result: NetworkBench | { error: string } | null): Row[] {
  if (!result) return [];
  const none = { rps: null, p99Ms: null, baseline: null, ofBaseline: null, ofA: null };
  if ('error' in result) return [{ scenario: 'network dashboard (1,000 communities)', ...none, value: null, target: `p99≤${NETWORK_TARGET_P99_MS}ms`, pass: false, note: `failed: ${result.error.slice(0, 200)}` }];
  const size = `${result.communities.toLocaleString('en')} communities`;
  return [
    { scenario: `network daily precompute (${size})`, ...none, value: `${(result.precomputeMs / 1000).toFixed(2)} s`, target: `≤${NETWORK_PRECOMPUTE_TARGET_MS / 1000} s`, pass: result.precomputeMs <= NETWORK_PRECOMPUTE_TARGET_MS, note: 'every row and its analytics snapshot from nothing, in-process' },
    { scenario: `GET /api/network in-process (${size})`, ...none, p99Ms: result.api.p99, value: `p50 ${result.api.p50.toFixed(1)} ms`, target: `p99≤${NETWORK_TARGET_P99_MS}ms`, pass: result.api.p99 <= NETWORK_TARGET_P99_MS, note: 'one at a time, from stored rows' },
    { scenario: `GET /network page in-process (${size})`, ...none, p99Ms: result.page.p99, value: `p50 ${result.page.p50.toFixed(1)} ms`, target: '—', pass: null, note: '' },
  ];
}

/** The recognition drain after an answer (issue 16): a fold into running facts against a full refresh, same run. */
export function recognitionRows(result: RecognitionBench | { error: string } | null): Row[] {
  if (!result) return [];
  const none = { rps: null, p99Ms: null, ofA: null };
  const target = `≤${RECOGNITION_TARGET_RATIO}×full`;
  if ('error' in result) return [{ scenario: 'recognition after an answer', ...none, value: null, baseline: null, ofBaseline: null, target, pass: false, note: `failed: ${result.error.slice(0, 200)}` }];
  const ratio = result.foldUsPerMember / result.fullUsPerMember;
  return [
    {
      scenario: `recognition after an answer (${result.members} members × ${result.history} answers)`, ...none,
      value: `fold ${result.foldUsPerMember.toFixed(0)} µs, full ${result.fullUsPerMember.toFixed(0)} µs a member`,
      baseline: 'full', ofBaseline: ratio, target, pass: ratio <= RECOGNITION_TARGET_RATIO, note: 'in-process, one drain over all members',
    },
  ];
}

export function analyticsRows(result: AnalyticsBench | { error: string } | null): Row[] {
  if (!result) return [];
  const size = '5,000 members, 100k answers';
  const none = { rps: null, p99Ms: null, baseline: null, ofBaseline: null, ofA: null };
  if ('error' in result) return [{ scenario: `analytics (${size})`, ...none, value: null, target: `p99≤${ANALYTICS_TARGET_P99_MS}ms`, pass: false, note: `failed: ${result.error.slice(0, 200)}` }];
  const load = (label: string, r: LoadResult | null, target: boolean): Row => ({
    scenario: label,
    ...none,
    rps: r?.rps ?? null,
    p99Ms: r?.p99 ?? null,
    value: null,
    target: target ? `p99≤${ANALYTICS_TARGET_P99_MS}ms` : '—',
    pass: target ? (r ? r.p99 <= ANALYTICS_TARGET_P99_MS && r.failures === 0 : false) : null,
    note: r && r.failures ? `${r.failures} unexpected statuses ${JSON.stringify(r.statusCodes)}` : '',
  });
  return [
    { scenario: `analytics snapshot compute (${size})`, ...none, value: `${result.computeMs.toFixed(0)} ms`, target: '—', pass: null, note: 'analytics: cold, in-process; what the tick or the first view of a day pays' },
    {
      scenario: `analytics page in-process, one at a time (${size})`,
      ...none,
      p99Ms: result.inProcess.p99,
      value: `p50 ${result.inProcess.p50.toFixed(1)} ms`,
      target: '—',
      pass: null,
      note: '',
    },
    load(`GET analytics page (${size})`, result.page, true),
    load(`GET analytics JSON (${size})`, result.json, false),
  ];
}
