/**
 * Issue 15's measurement: a live session's page (/c/:slug/live/:id) with 500 answers posted during it, rendered
 * by the real app in-process over a real libSQL file (tests/helpers/app.ts), as a member reads it. Target:
 * p99 ≤ 20 ms. A script, not a timed unit test (timings on a shared machine are not pass/fail material):
 *
 *   npx tsx tests/bench/live-session.ts [--answers=500] [--runs=500]
 *
 * Prints the percentiles of the page and of its JSON twin (GET /api/live-sessions/:id), and the load average.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { makeTestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ANSWERS = arg('answers', 500);
const RUNS = arg('runs', 500);
const WARM_UP = 50;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const t = await makeTestApp('2026-03-02T09:00:00Z');
  try {
    const fac = await t.userToken('host@example.org', 'Host');
    await createCommunity(t, fac.token, { slug: 'busy', timeZone: 'Europe/Paris' });
    const series = await createSeries(t, fac.token, 'busy', { startDate: '2026-03-02' });
    const made = await t.call('POST', '/api/communities/busy/live-sessions', {
      token: fac.token,
      body: { kind: 'office_hour', title: 'Busy hour', date: '2026-03-02', time: '11:00', durationMinutes: 120 },
    });
    if (made.status !== 201) throw new Error(made.text);
    t.clock.set('2026-03-02T10:05:00Z');
    const readers: string[] = [];
    for (let i = 0; i < ANSWERS; i++) {
      const m = await t.userToken(`m${i}@example.org`, `Member ${i}`);
      await join(t, m.token, 'busy');
      // A mix the page must handle: named and anonymous, community and public, some with a link.
      const body = {
        level: i % 3 === 0 ? 'hard' : 'easy',
        body: `Answer ${i}: ${'a two-minute thought '.repeat(1 + (i % 10))}`.slice(0, 500),
        visibility: i % 2 ? 'public' : 'community',
        anonymous: i % 7 === 0,
        ...(i % 5 === 0 ? { link: `https://example.org/${i}` } : {}),
      };
      const res = await t.call('POST', `/api/prompts/${series.prompts[0]!.id}/submissions`, { token: m.token, body });
      if (res.status !== 201) throw new Error(res.text);
      if (i < 5) readers.push(m.token);
      t.clock.advance(10_000);
    }
    t.clock.set('2026-03-02T13:00:00Z');
    const reader = readers[1]!;
    const measure = async (path: string) => {
      const times: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < WARM_UP + RUNS; i++) {
        const start = performance.now();
        const cpuStart = process.cpuUsage();
        const res = await t.app.request(path, { headers: { Authorization: `Bearer ${reader}` } });
        await res.text();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        const used = process.cpuUsage(cpuStart);
        if (i >= WARM_UP) {
          times.push(performance.now() - start);
          cpu.push((used.user + used.system) / 1000);
        }
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      const ms = (n: number) => Math.round(n * 100) / 100;
      const summary = (xs: number[]) => ({ p50: ms(percentile(xs, 50)), p95: ms(percentile(xs, 95)), p99: ms(percentile(xs, 99)), max: ms(xs.at(-1)!) });
      // Wall time is what a reader waits. CPU time is the process's (every thread: garbage collection runs
      // beside the request, so it can exceed the wall time); other processes on a busy machine stretch it less.
      return { wall: summary(times), cpu: summary(cpu) };
    };
    const page = await measure(`/c/busy/live/${made.json.id}`);
    const api = await measure(`/api/live-sessions/${made.json.id}`);
    const shown = (await t.call('GET', `/api/live-sessions/${made.json.id}`, { token: reader })).json.answers.length;
    const result = { answers: ANSWERS, shown, runs: RUNS, loadavg: loadavg().map((l) => Math.round(l * 100) / 100), pageMs: page, apiMs: api, target: 'page p99 <= 20 ms' };
    console.log(JSON.stringify(result, null, 2));
    if (page.wall.p99 > 20) process.exitCode = 1;
  } finally {
    t.close();
  }
}

await main();
