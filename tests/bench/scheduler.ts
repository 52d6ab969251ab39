/**
 * The scheduler, in-process: tick(db, now) over a database of N communities, each with a running daily series,
 * where a fixed number of communities have a prompt due. With the due count fixed and N growing, the time must
 * stay flat: the work is the due prompts, not the communities.
 */
import { createClient } from '@libsql/client';
import { rmSync } from 'node:fs';
import { dbFromLibsql } from '../../db/client';
import { migrateLibsql, openLibsql } from '../../db/libsql';
import { tick } from '../../src/jobs/tick';
import { newRecord, recordingDb } from './inprocess';
import { explain, type Plan } from './plans';
import { inTransaction, TableWriter } from './writer';

const DAY = 86_400_000;
/** Each series: 7 prompts opened in the past week, 7 still to come. */
const OPENED = 7;
const UPCOMING = 7;

export interface TickResult {
  communities: number;
  due: number;
  /** The first run, on a cold connection; not counted in the median. */
  firstMs: number;
  medianMs: number;
  runsMs: number[];
  plans: Plan[];
}

/** Writes the scheduler's data set; returns the ids of the prompts that are due at `now`. */
async function generateTickDb(file: string, communities: number, due: number, now: number): Promise<number[]> {
  const client = createClient({ url: `file:${file}`, concurrency: 1 });
  const dueIds: number[] = [];
  try {
    await client.execute('PRAGMA journal_mode = OFF');
    await client.execute('PRAGMA synchronous = OFF');
    await migrateLibsql(dbFromLibsql(client));
    await client.execute('PRAGMA foreign_keys = OFF');
    // Today's prompt of every community opened a minute ago; in the due ones tick has not opened it yet.
    const base = now - 60_000;
    const every = Math.max(1, Math.floor(communities / due));
    await inTransaction(client, async (tx) => {
      await tx.execute({ sql: `INSERT INTO users (id, email, name, created_at) VALUES (1, 'f@bench.test', 'F', ?)`, args: [now] });
      const rows = new TableWriter(tx, 'communities', ['id', 'slug', 'name', 'time_zone', 'visibility', 'created_at']);
      const series = new TableWriter(tx, 'series', ['id', 'community_id', 'title', 'start_date', 'cadence', 'status', 'closes_at', 'created_by', 'created_at']);
      const prompts = new TableWriter(tx, 'prompts', [
        'id', 'series_id', 'community_id', 'position', 'easy_text', 'hard_text', 'easy_points', 'hard_points', 'opens_on', 'opens_at', 'opened_at',
      ]);
      let promptId = 0;
      for (let c = 1; c <= communities; c++) {
        const isDue = c % every === 0 && dueIds.length < due;
        const start = base - (OPENED - 1) * DAY;
        await rows.add(c, `t-${c}`, `Tick ${c}`, 'UTC', 'public', now);
        await series.add(c, c, `S${c}`, new Date(start).toISOString().slice(0, 10), 'daily', 'running', now + 30 * DAY, 1, now);
        for (let p = 0; p < OPENED + UPCOMING; p++) {
          const opensAt = start + p * DAY;
          const opened = p < OPENED - 1 || (p === OPENED - 1 && !isDue);
          if (p === OPENED - 1 && isDue) dueIds.push(promptId + 1);
          const day = new Date(opensAt).toISOString().slice(0, 10);
          await prompts.add(++promptId, c, c, p + 1, 'e', 'h', 1, 3, day, opensAt, opened ? opensAt : null);
        }
      }
      await rows.flush();
      await series.flush();
      await prompts.flush();
    });
    await client.execute('PRAGMA journal_mode = WAL');
    return dueIds;
  } finally {
    client.close();
  }
}

/**
 * Every community keeps its upcoming prompts in the partial `prompts_due` index (opened_at IS NULL), so that
 * index holds 7 × N rows of which only the due ones are at or before `now`: it must narrow by time too.
 * Between runs the due prompts are closed again, so every timed run does the same work.
 */
export async function benchTick(file: string, communities: number, due: number, repeats: number): Promise<TickResult> {
  const now = Date.now();
  const dueIds = await generateTickDb(file, communities, due, now);
  const { client } = await openLibsql({ url: `file:${file}`, synchronous: 'NORMAL' });
  try {
    const at = new Date(now);
    const reopen = () =>
      client.execute({ sql: `UPDATE prompts SET opened_at = NULL WHERE id IN (${dueIds.join(',')})`, args: [] });
    const log = newRecord();
    let t0 = performance.now();
    const first = await tick(recordingDb(client, log), at);
    const firstMs = performance.now() - t0;
    if (first.opened !== due) throw new Error(`tick opened ${first.opened} prompts, expected ${due}`);
    const plans = await explain(file, log);
    const runsMs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      await reopen();
      t0 = performance.now();
      const r = await tick(dbFromLibsql(client), at);
      runsMs.push(performance.now() - t0);
      if (r.opened !== due) throw new Error(`tick opened ${r.opened} prompts on run ${i + 2}, expected ${due}`);
    }
    const sorted = [...runsMs].sort((a, b) => a - b);
    return { communities, due, firstMs, medianMs: sorted[Math.floor(sorted.length / 2)]!, runsMs, plans };
  } finally {
    client.close();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
}
