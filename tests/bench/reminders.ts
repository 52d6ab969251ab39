/**
 * Issue 11's mail round at scale, in-process: 100,000 members in 100 communities, all due at once (Monday
 * 08:00 UTC: the default weekly digest, and a third on daily mail at 08:00), rendered and queued by the
 * tick's mail round until nobody is left. Target: all of it within one minute (one tick's interval), with
 * memory bounded (the round works in runs of 5,000 members, chunks of 90). `npm run bench -- --only=reminders`,
 * or alone: `npx tsx tests/bench/reminders.ts [members]`.
 */
import { createClient } from '@libsql/client';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dbFromLibsql } from '../../db/client';
import { migrateLibsql, openLibsql } from '../../db/libsql';
import { useSha256 } from '../../src/domain/crypto';
import { runReminders } from '../../src/jobs/reminders';
import { inTransaction, TableWriter } from './writer';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DAY = 86_400_000;
/** Monday 2 March 2026, 08:00 UTC: every default member's digest slot, and the daily members' too. */
const AT = Date.parse('2026-03-02T08:00:00Z');
export const REMINDERS_MAX_MS = 60_000;
export const REMINDERS_MAX_HEAP_MB = 256;

export interface RemindersResult {
  members: number;
  queued: number;
  runs: number;
  totalMs: number;
  /** CPU time (user + system) of the whole round: what the wall time would be on a quiet core. */
  cpuMs: number;
  slowestRunMs: number;
  peakHeapMb: number;
  peakRssMb: number;
}

async function generate(file: string, members: number, communities: number) {
  const client = createClient({ url: `file:${file}`, concurrency: 1 });
  try {
    await client.execute('PRAGMA journal_mode = OFF');
    await client.execute('PRAGMA synchronous = OFF');
    await migrateLibsql(dbFromLibsql(client));
    await client.execute('PRAGMA foreign_keys = OFF');
    await inTransaction(client, async (tx) => {
      const users = new TableWriter(tx, 'users', ['id', 'email', 'name', 'created_at']);
      const comms = new TableWriter(tx, 'communities', ['id', 'slug', 'name', 'time_zone', 'visibility', 'created_at']);
      const series = new TableWriter(tx, 'series', ['id', 'community_id', 'title', 'start_date', 'cadence', 'status', 'closes_at', 'created_by', 'created_at']);
      const prompts = new TableWriter(tx, 'prompts', [
        'id', 'series_id', 'community_id', 'position', 'easy_text', 'hard_text', 'easy_points', 'hard_points', 'opens_on', 'opens_at', 'opened_at',
      ]);
      const memberships = new TableWriter(tx, 'memberships', ['community_id', 'user_id', 'role', 'joined_at']);
      const prefs = new TableWriter(tx, 'mail_preferences', ['community_id', 'user_id', 'mode', 'hour', 'updated_at']);
      const answers = new TableWriter(tx, 'submissions', [
        'id', 'prompt_id', 'community_id', 'user_id', 'level', 'body', 'visibility', 'anonymous', 'points', 'on_time', 'created_at', 'public_id',
      ]);
      const start = AT - 8 * 3_600_000 - 6 * DAY;
      let promptId = 0;
      for (let c = 1; c <= communities; c++) {
        await comms.add(c, `r-${c}`, `Reminders ${c}`, 'UTC', 'public', start);
        await series.add(c, c, `Series ${c}`, new Date(start).toISOString().slice(0, 10), 'daily', 'running', AT + 30 * DAY, 1, start);
        for (let p = 0; p < 14; p++) {
          const opensAt = start + p * DAY;
          const text = `Prompt ${p + 1} of community ${c}: a two-minute thing to try and share`;
          await prompts.add(++promptId, c, c, p + 1, text, `${text}, harder`, 1, 3, new Date(opensAt).toISOString().slice(0, 10), opensAt, opensAt <= AT ? opensAt : null);
        }
      }
      let answerId = 0;
      for (let u = 1; u <= members; u++) {
        await users.add(u, `member${u}@bench.test`, `Member ${u}`, start);
        const c = ((u - 1) % communities) + 1;
        await memberships.add(c, u, 'member', start);
        if (u % 3 === 0) await prefs.add(c, u, 'daily', 8, start);
        if (u % 5 === 0) {
          const pid = (c - 1) * 14 + 3;
          await answers.add(++answerId, pid, c, u, 'easy', 'A small answer', 'community', 0, 1, 1, start + 3 * DAY, `p${u}`);
        }
      }
      for (const w of [users, comms, series, prompts, memberships, prefs, answers]) await w.flush();
    });
    await client.execute('PRAGMA journal_mode = WAL');
  } finally {
    client.close();
  }
}

/** Generates the members, then runs the mail round as the tick would, minute after minute, until it is done. */
export async function benchReminders(file: string, members = 100_000, communities = 100): Promise<RemindersResult> {
  // As the Node home does (src/node.ts).
  useSha256((input) => createHash('sha256').update(input).digest('hex'));
  await generate(file, members, communities);
  const { client, db } = await openLibsql({ url: `file:${file}`, synchronous: 'NORMAL' });
  try {
    const at = new Date(AT);
    let queued = 0;
    let runs = 0;
    let slowestRunMs = 0;
    let peakHeapMb = 0;
    let peakRssMb = 0;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (;;) {
      const r0 = performance.now();
      const r = await runReminders(db, at, { publicUrl: 'https://kindling.example' });
      slowestRunMs = Math.max(slowestRunMs, performance.now() - r0);
      const mem = process.memoryUsage();
      peakHeapMb = Math.max(peakHeapMb, mem.heapUsed / 1_048_576);
      peakRssMb = Math.max(peakRssMb, mem.rss / 1_048_576);
      runs++;
      queued += r.queued;
      if (r.queued === 0) break;
    }
    const totalMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const [row] = (await client.execute('SELECT count(*) AS n FROM outbox')).rows;
    if (Number(row!.n) !== members || queued !== members) throw new Error(`queued ${queued} mails, outbox holds ${row!.n}, expected ${members}`);
    return { members, queued, runs, totalMs, cpuMs, slowestRunMs, peakHeapMb, peakRssMb };
  } finally {
    client.close();
  }
}

export function describeReminders(r: RemindersResult): string {
  return `${r.queued.toLocaleString('en')} mails in ${(r.totalMs / 1000).toFixed(1)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s) over ${r.runs} runs (slowest ${(r.slowestRunMs / 1000).toFixed(1)} s), heap ≤ ${r.peakHeapMb.toFixed(0)} MB, RSS ≤ ${r.peakRssMb.toFixed(0)} MB`;
}

/**
 * Runs the round in a process of its own, as the server's tick would: its heap then holds the round and nothing
 * else (in the bench's own process it also held the shared data set and every load result, 105-309 MB).
 */
export function benchRemindersApart(file: string): RemindersResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--json', file], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as RemindersResult;
}

// Alone: `npx tsx tests/bench/reminders.ts [members]`; `--json <file>` is how the bench runs it.
if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--json') {
    console.log(JSON.stringify(await benchReminders(process.argv[3]!)));
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'kindling-reminders-'));
    try {
      const r = await benchReminders(join(dir, 'reminders.db'), Number(process.argv[2] ?? 100_000));
      console.log(describeReminders(r));
      console.log(r.totalMs <= REMINDERS_MAX_MS && r.peakHeapMb <= REMINDERS_MAX_HEAP_MB ? 'pass' : 'FAIL');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
