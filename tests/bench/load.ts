/**
 * HTTP load with autocannon from this process (the server under test is always a child process):
 * time-bounded runs; the run with the most requests per second is kept, with its own p99.
 */
import autocannon from 'autocannon';
import type { Profile } from './profile';

export interface Req {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A fixed request (built once, cheapest for the load generator) or a generator of distinct ones. */
export type RequestSource = { fixed: Req } | { next: () => Req };

export interface Run {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
}

export interface LoadResult extends Run {
  runs: Run[];
  /** Unexpected statuses and socket errors across the measured runs: any makes the numbers meaningless. */
  failures: number;
  statusCodes: Record<string, number>;
}

/** autocannon stops itself after `duration`; this guards against a run that never reports. */
const EXTRA_WAIT_MS = 20_000;

async function runOnce(url: string, source: RequestSource, seconds: number, connections: number) {
  const request =
    'fixed' in source
      ? source.fixed
      : { setupRequest: (r: Record<string, unknown>) => ({ ...r, ...source.next() }) };
  // Without a callback autocannon returns its tracker, which is also the promise of the result.
  const instance = autocannon({ url, connections, duration: seconds, timeout: 10, requests: [request as autocannon.Request] });
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      (instance as unknown as autocannon.Instance).stop();
      reject(new Error(`load on ${url} did not finish within ${seconds} s + ${EXTRA_WAIT_MS / 1000} s`));
    }, seconds * 1000 + EXTRA_WAIT_MS);
  });
  try {
    return await Promise.race([instance, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** A short unmeasured run: JIT, connection setup and SQLite's page cache settle before anything counts. */
export async function warmUp(url: string, source: RequestSource, profile: Profile): Promise<void> {
  await runOnce(url, source, profile.warmupSeconds, profile.connections);
}

export interface Sample {
  run: Run;
  failures: number;
  statusCodes: Record<string, number>;
}

/** `expect`: the one status every response must have (any 2xx when absent). */
export async function measureOnce(url: string, source: RequestSource, profile: Profile, expect?: number): Promise<Sample> {
  const r = await runOnce(url, source, profile.durationSeconds, profile.connections);
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = count ?? 0;
  const wrong = expect === undefined ? r.non2xx : r.requests.total - (statusCodes[String(expect)] ?? 0);
  return {
    run: { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total },
    failures: wrong + r.errors + r.timeouts,
    statusCodes,
  };
}

/** The best run by requests per second (with its own p99); failures and status codes summed over all runs. */
export function combine(samples: Sample[]): LoadResult {
  const runs = samples.map((s) => s.run);
  const best = runs.reduce((a, b) => (b.rps > a.rps ? b : a));
  const statusCodes: Record<string, number> = {};
  for (const s of samples) for (const [code, n] of Object.entries(s.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  return { ...best, runs, failures: samples.reduce((n, s) => n + s.failures, 0), statusCodes };
}
