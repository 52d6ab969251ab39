/**
 * `npm run bench [-- --full]`: generate the data set, check the hot queries' plans, load every baseline and
 * Kindling scenario over HTTP, time the scheduler, and print the table (JSON under tests/bench/results/).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAnalytics, type AnalyticsBench } from './analytics';
import { benchNetwork, type NetworkBench } from './network';
import { generateApart } from './generate';
import { deepGalleryPage } from './inprocess';
import { combine, measureOnce, warmUp, type LoadResult, type Sample } from './load';
import { planRequests, type RequestPlans } from './plans';
import { startServer, type Server } from './processes';
import { profileFromArgs, type Profile } from './profile';
import { measureLighthouse, type LighthousePage } from './lighthouse';
import { analyticsRows, httpRows, lighthouseRows, networkRows, otherRows, printPlans, printTable, recognitionRows, writeJson } from './report';
import { benchRecognition, type RecognitionBench } from './recognition';
import { measurements, newCounters, type Measurement, type ServerSpec } from './scenarios';
import { benchTick, type TickResult } from './scheduler';
import { benchRemindersApart, describeReminders, REMINDERS_MAX_HEAP_MB, REMINDERS_MAX_MS, type RemindersResult } from './reminders';
import { measureWeb } from './web';

const root = fileURLToPath(new URL('../..', import.meta.url));
const log = (line: string) => console.log(line);

function start(spec: ServerSpec, files: { read: string; write: string }, cpuProfDir?: string): Promise<Server> {
  const DATABASE_URL = `file:${spec.db === 'read' ? files.read : files.write}`;
  if (spec.app === 'kindling') {
    // The peer scenario's 60 members answer far faster than a person (about 25 a second each): the answers limit
    // is raised so it measures the answer, not the refusal; the limit's check still runs on every request.
    const env = { DATABASE_URL, DB_SYNCHRONOUS: spec.synchronous, SEED_DEMO: 'never', MAIL_TRANSPORT: 'none', RATE_LIMITS: 'answers=1000000/60' };
    return startServer(join(root, 'dist/node.mjs'), root, env, /running at/, cpuProfDir);
  }
  const env = { DATABASE_URL, DB_SYNCHRONOUS: spec.synchronous, BASELINE: spec.kind };
  return startServer(join(root, 'tests/bench/baseline-server.ts'), root, env, /listening/);
}

/**
 * A pause before each measurement of a write phase: for two seconds after its last write, a Kindling server still
 * works (the recognition drain, the checkpoint; seen at 55-70% of a core with a per-process CPU sampler), and a
 * baseline measured meanwhile came out lower, which would flatter every ratio taken against it.
 */
const SETTLE_MS = 2_000;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/**
 * Measurements that share a database file and durability setting form a phase. All of a phase's servers run
 * side by side (idle ones cost nothing) and each round measures every scenario once, so a baseline and the
 * Kindling scenario compared with it are measured minutes apart at most, never in different quiet spells.
 * A server that cannot start or dies fails its phase's scenarios (recorded in `broken`); the next phase runs.
 */
async function loadAll(list: Measurement[], files: { read: string; write: string }, profile: Profile, broken: Map<string, string>) {
  const results = new Map<string, LoadResult>();
  const rss: { server: string; peakMb: number }[] = [];
  const phaseOf = (m: Measurement) => `${m.server.db}/${m.server.synchronous}`;
  for (const phase of [...new Set(list.map(phaseOf))]) {
    const members = list.filter((m) => phaseOf(m) === phase);
    const servers = new Map<string, Server>();
    try {
      for (const m of members) {
        const key = JSON.stringify(m.server);
        const cpuProfDir = profile.cpuProf ? join(root, 'tests/bench/results', `cpu-${phase.replace('/', '-')}`) : undefined;
        if (!servers.has(key)) servers.set(key, await start(m.server, files, cpuProfDir));
      }
      const serverOf = (m: Measurement) => servers.get(JSON.stringify(m.server))!;
      for (const m of members) await warmUp(serverOf(m).url, m.source, profile);
      const samples = new Map<string, Sample[]>(members.map((m) => [m.id, []]));
      for (let round = 0; round < profile.repeats; round++) {
        for (const m of members) {
          const server = serverOf(m);
          if (m.server.db === 'write') await settle();
          samples.get(m.id)!.push(await measureOnce(server.url, m.source, profile, m.expect));
          if (!server.alive()) throw new Error(`The server for "${m.label}" exited during its run:\n${server.output()}`);
        }
      }
      for (const m of members) {
        const r = combine(samples.get(m.id)!);
        results.set(m.id, r);
        const failures = r.failures ? `  (${r.failures} unexpected statuses or errors: ${JSON.stringify(r.statusCodes)})` : '';
        log(`  ${m.label.padEnd(42)} ${Math.round(r.rps).toString().padStart(7)} req/s  p99 ${r.p99.toFixed(1).padStart(6)} ms${failures}`);
      }
    } catch (err) {
      const message = (err as Error).message;
      log(`  phase ${phase} failed: ${message}`);
      for (const m of members) broken.set(m.id, message.split('\n').filter(Boolean).slice(-1)[0]!.slice(0, 200));
    } finally {
      for (const [key, server] of servers) rss.push({ server: key, peakMb: await server.stop() });
    }
  }
  return { results, rss };
}

/** Parts with their own data and reporting, selected by `--only` like a measurement. */
const SEPARATE = ['tick', 'lighthouse', 'reminders', 'analytics', 'network', 'recognition'];

/** Analytics on its own file (tests/bench/analytics.ts), against the real server; an error is reported, not thrown. */
async function runAnalytics(work: string, profile: Profile): Promise<AnalyticsBench | { error: string }> {
  log('\nAnalytics (issue 12), its own data set:');
  const startOn = (file: string) => start({ app: 'kindling', db: 'read', synchronous: 'NORMAL' }, { read: file, write: file });
  const result = await benchAnalytics(join(work, 'analytics.db'), profile, startOn, log).catch((err: Error) => ({ error: err.message }));
  if ('error' in result) log(`  analytics failed: ${result.error}`);
  else for (const [label, r] of [['page', result.page], ['JSON', result.json]] as const) log(`  GET analytics ${label.padEnd(5)} ${Math.round(r?.rps ?? 0).toString().padStart(7)} req/s  p99 ${(r?.p99 ?? 0).toFixed(1).padStart(6)} ms`);
  return result;
}

/** The stewards' dashboard over 1,000 communities (tests/bench/network.ts), in-process; an error is reported, not thrown. */
async function runNetwork(work: string, profile: Profile): Promise<NetworkBench | { error: string }> {
  log('\nNetwork dashboard (issue 14), its own data set:');
  const result = await benchNetwork(join(work, 'network.db'), log, 1_000, profile.seed).catch((err: Error) => ({ error: err.message }));
  if ('error' in result) log(`  network failed: ${result.error}`);
  return result;
}

/** Issue 16: what the recognition drain pays per member after an answer, fold against full (in-process, its own data). */
async function runRecognition(): Promise<RecognitionBench | { error: string }> {
  log('\nRecognition after an answer (issue 16), its own data set:');
  const result = await benchRecognition(log).catch((err: Error) => ({ error: err.message }));
  if ('error' in result) log(`  recognition failed: ${result.error}`);
  return result;
}

/** Issue 11: render and queue the digests of 100,000 members (in-process, its own data set). */
async function remindersRow(work: string) {
  const r: RemindersResult = benchRemindersApart(join(work, 'reminders.db'));
  log(`  mail round: ${describeReminders(r)}`);
  const pass = r.totalMs <= REMINDERS_MAX_MS && r.peakHeapMb <= REMINDERS_MAX_HEAP_MB;
  return {
    result: r,
    row: {
      scenario: 'mail round: 100,000 digests', rps: null, p99Ms: null,
      value: `${(r.totalMs / 1000).toFixed(1)} s, heap ${r.peakHeapMb.toFixed(0)} MB`, baseline: null, ofBaseline: null, ofA: null,
      target: `≤${REMINDERS_MAX_MS / 1000} s, heap ≤${REMINDERS_MAX_HEAP_MB} MB`, pass,
      note: `${r.runs} runs, slowest ${(r.slowestRunMs / 1000).toFixed(1)} s; CPU ${(r.cpuMs / 1000).toFixed(1)} s`,
    },
  };
}

/** With `--only`, the named measurements, the baselines they are compared with, and the requests they reuse. */
function selected(list: Measurement[], only: string[] | undefined): Measurement[] {
  if (!only) return list;
  const unknown = only.filter((id) => !SEPARATE.includes(id) && !list.some((m) => m.id === id));
  if (unknown.length) throw new Error(`--only: no measurement ${unknown.join(', ')} (ids: ${list.map((m) => m.id).join(', ')}, ${SEPARATE.join(', ')})`);
  const wanted = new Set(only);
  // Until nothing is added: a baseline has a baseline of its own ((a) beside the writes is compared with (a)).
  for (let size = 0; size !== wanted.size; ) {
    size = wanted.size;
    for (const m of list) {
      if (!wanted.has(m.id)) continue;
      if (m.baseline) wanted.add(m.baseline);
      if (m.ofAFrom) wanted.add(m.ofAFrom);
      if (m.sameRequestAs) wanted.add(m.sameRequestAs);
    }
  }
  return list.filter((m) => wanted.has(m.id));
}

async function main() {
  const profile = profileFromArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'kindling-bench-'));
  const files = { read: join(work, 'read.db'), write: join(work, 'write.db') };
  try {
    const loadAtStart = loadavg()[0]!;
    log(`Kindling bench, ${profile.name} profile: ${cpus().length} cores, Node ${process.version}, load average ${loadAtStart.toFixed(2)}`);
    // The load generator and the server already share the cores; anything else running skews every ratio.
    if (loadAtStart > 0.5) log(`Warning: the machine is busy (load average ${loadAtStart.toFixed(2)}); numbers will be noisy.`);
    // The mail round needs neither the server nor the generated data: alone, it runs alone.
    if (profile.only?.every((id) => id === 'reminders')) {
      const { row } = await remindersRow(work);
      log(printTable([row]));
      return;
    }
    // The recognition drain runs in-process on its own data: alone, it needs neither the server nor the shared data.
    if (profile.only?.length && profile.only.every((id) => id === 'recognition')) {
      const rows = recognitionRows(await runRecognition());
      log(printTable(rows));
      log(`\nWrote ${writeJson(join(root, 'tests/bench/results'), { profile, startedAt: new Date().toISOString(), rows })}`);
      return;
    }
    // The dashboard runs in-process on its own data: alone, it needs neither the server nor the shared data set.
    if (profile.only?.length && profile.only.every((id) => id === 'network')) {
      const rows = networkRows(await runNetwork(work, profile));
      log(printTable(rows));
      log(`\nWrote ${writeJson(join(root, 'tests/bench/results'), { profile, startedAt: new Date().toISOString(), rows })}`);
      return;
    }
    // The server under test is the one `npm start` runs: the bundle of src/node.ts.
    execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
    // `--only=analytics` needs none of the shared data set: skip generating it.
    if (profile.only?.length && profile.only.every((id) => id === 'analytics')) {
      const rows = analyticsRows(await runAnalytics(work, profile));
      log(`\nResults (${profile.name} profile; best of ${profile.repeats} rounds, p99 from that round at 1 ms resolution; load average ${loadavg()[0]!.toFixed(2)} at end):\n`);
      log(printTable(rows));
      log(`\nWrote ${writeJson(join(root, 'tests/bench/results'), { profile, startedAt: new Date().toISOString(), rows })}`);
      return;
    }
    const now = new Date();
    const data = generateApart(profile, files.read, now);
    log(`Generated ${Object.entries(data.rows).map(([t, n]) => `${n} ${t}`).join(', ')} in ${data.seconds.toFixed(1)} s`);
    // Writes go to a copy, so every read scenario and baseline sees exactly the generated rows.
    copyFileSync(files.read, files.write);

    // Three quarters down the visitor's view of the busiest prompt: a page reached by scrolling far.
    // If the gallery cannot be paged, both deep-page measurements are reported as not loaded.
    const broken = new Map<string, string>();
    const deep = await deepGalleryPage(files.read, data.gallery.promptId, 0.75).catch((err: Error) => {
      for (const id of ['b-deep', 'gallery-deep']) broken.set(id, `no deep cursor: ${err.message.slice(0, 200)}`);
      return { cursor: '', key: 0, publicId: '~' };
    });
    const counters = newCounters();
    const list = selected(measurements(data, deep, now, counters), profile.only);
    // Each Kindling request is sent once in-process first: its plans are printed, and a request that fails
    // (a route being changed, say) marks its scenario failed instead of stopping the whole bench.
    const planned = list.filter((m) => m.server.app === 'kindling' && m.expect === undefined && !m.sameRequestAs && !broken.has(m.id));
    const first = (m: Measurement) => ('fixed' in m.source ? m.source.fixed : m.source.next());
    const plans: RequestPlans[] = [];
    for (const db of ['read', 'write'] as const) {
      const requests = planned.filter((m) => m.server.db === db).map((m) => ({ id: m.id, req: first(m) }));
      plans.push(...(await planRequests(files[db], requests)));
    }
    for (const p of plans) if (p.error) broken.set(p.id, p.error);
    for (const m of list) if (m.sameRequestAs && broken.has(m.sameRequestAs)) broken.set(m.id, broken.get(m.sameRequestAs)!);
    for (const [id, error] of broken) log(`Not loaded, its request failed: ${id}: ${error}`);

    log(`\nHTTP load: ${profile.connections} connections, ${profile.warmupSeconds} s warm-up, best of ${profile.repeats} rounds × ${profile.durationSeconds} s`);
    const { results, rss } = await loadAll(list.filter((m) => !broken.has(m.id)), files, profile, broken);

    const ticks: TickResult[] = [];
    for (const n of profile.only && !profile.only.includes('tick') ? [] : profile.tickCommunities) {
      const t = await benchTick(join(work, `tick-${n}.db`), n, profile.tickDue, profile.tickRepeats);
      log(`  tick over ${n} communities, ${t.due} due: median ${t.medianMs.toFixed(1)} ms (first ${t.firstMs.toFixed(1)} ms)`);
      ticks.push(t);
    }

    const reminders = !profile.only || profile.only.includes('reminders') ? await remindersRow(work) : null;
    const analytics = !profile.only || profile.only.includes('analytics') ? await runAnalytics(work, profile) : null;
    const network = !profile.only || profile.only.includes('network') ? await runNetwork(work, profile) : null;
    const recognition = !profile.only || profile.only.includes('recognition') ? await runRecognition() : null;

    // Lighthouse builds the web app and runs in the browser after the load, so neither skews the other.
    let lighthouse: LighthousePage[] | { error: string } | null = null;
    if (!profile.only || profile.only.includes('lighthouse')) {
      log('\nLighthouse (mobile) on the demo community:');
      lighthouse = await measureLighthouse({ log }).catch((err: Error) => ({ error: err.message }));
    }

    const kindlingRss = Math.max(0, ...rss.filter((r) => r.server.includes('"kindling"')).map((r) => r.peakMb));
    const web = measureWeb(root);
    const rows = [...httpRows(list, results, broken), ...otherRows(ticks, kindlingRss, web, profile.name === 'full'), ...(reminders ? [reminders.row] : []), ...analyticsRows(analytics), ...networkRows(network), ...recognitionRows(recognition), ...lighthouseRows(lighthouse)];

    const labelOf = new Map(list.map((m) => [m.id, m.label]));
    log(`\nQuery plans (EXPLAIN QUERY PLAN of every statement each request ran):`);
    log(printPlans([
      ...plans.map((p) => ({ scenario: labelOf.get(p.id)!, plans: p.plans, calls: p.calls, commits: p.commits, error: p.error })),
      { scenario: `tick over ${ticks[0]?.communities ?? 0} communities`, plans: ticks[0]?.plans ?? [] },
    ]));
    const loadAtEnd = loadavg()[0]!;
    log(`\nResults (${profile.name} profile; req/s is the best of ${profile.repeats} rounds, p99 from that round at 1 ms resolution;`);
    log(`load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end):\n`);
    log(printTable(rows));

    const file = writeJson(join(root, 'tests/bench/results'), {
      profile,
      machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAtStart, loadAtEnd },
      startedAt: now.toISOString(),
      data: { ...data, kudosTargets: data.kudosTargets.length, members: data.members.length },
      rows,
      load: Object.fromEntries(results),
      rss,
      ticks,
      reminders: reminders?.result ?? null,
      plans,
      web,
      lighthouse,
      analytics,
      network,
      recognition,
    });
    log(`\nWrote ${file}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
