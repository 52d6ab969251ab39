/**
 * The stewards' network dashboard (issue 14) over 1,000 communities, on its own file: (1) the daily
 * precompute, every community's stored figures (and the analytics snapshot they are taken from) computed from
 * nothing, in-process, as the tick and the first view pay it (target ≤ 10 s for all 1,000); (2) the dashboard
 * as a steward reads it (GET /api/network and the /network page through the real app in-process, one request
 * at a time, from the stored rows): target p99 ≤ 200 ms.
 *
 * `npm run bench -- --only=network`, or alone: `npx tsx tests/bench/network.ts [communities]`.
 */
import { createClient } from '@libsql/client';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dbFromLibsql } from '../../db/client';
import { migrateLibsql, openLibsql } from '../../db/libsql';
import { networkSnapshot } from '../../src/domain/stewards/snapshot';
import { addDays, dayStartsAt, localDay } from '../../src/domain/time';
import { timeZones, tokenFor, tokenHash } from './content';
import { withApp } from './inprocess';
import { Rng } from './rng';
import { inTransaction, TableWriter } from './writer';

const DAY = 86_400_000;
/** Days of each community's series (one prompt a day, every one opened): the dashboard's 12 weeks. */
const PROMPTS = 84;
const MEMBERS = 20;

export const NETWORK_TARGET_P99_MS = 200;
export const NETWORK_PRECOMPUTE_TARGET_MS = 10_000;

export interface NetworkBench {
  communities: number;
  answers: number;
  /** Every community's figures computed from nothing, in-process. */
  precomputeMs: number;
  api: { p50: number; p99: number; requests: number };
  page: { p50: number; p99: number; requests: number };
}

/**
 * Writes `count` communities of MEMBERS members (user 1, a steward, in none of them), one series each, and
 * answers whose number varies by community: a fifth quiet for weeks, most occasional, a few lively.
 */
async function generateNetworkDb(file: string, count: number, now: number, seed: number) {
  const rng = new Rng(seed);
  const client = createClient({ url: `file:${file}`, concurrency: 1 });
  let answers = 0;
  try {
    await client.execute('PRAGMA journal_mode = OFF');
    await client.execute('PRAGMA synchronous = OFF');
    await migrateLibsql(dbFromLibsql(client));
    await client.execute('PRAGMA foreign_keys = OFF');
    await inTransaction(client, async (tx) => {
      const users = new TableWriter(tx, 'users', ['id', 'email', 'name', 'is_steward', 'created_at']);
      await users.add(1, 'steward@bench.test', 'Steward', 1, now - 400 * DAY);
      for (let u = 2; u <= count * MEMBERS + 1; u++) await users.add(u, `n${u}@bench.test`, `Member ${u}`, 0, now - 400 * DAY);
      await users.flush();
      await tx.execute({ sql: `INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (1, ?, 'bench', ?)`, args: [tokenHash(1), now] });
      const communities = new TableWriter(tx, 'communities', ['id', 'slug', 'name', 'time_zone', 'visibility', 'created_at']);
      const memberships = new TableWriter(tx, 'memberships', ['community_id', 'user_id', 'role', 'joined_at']);
      const series = new TableWriter(tx, 'series', ['id', 'community_id', 'title', 'start_date', 'cadence', 'status', 'created_by', 'created_at']);
      const prompts = new TableWriter(tx, 'prompts', ['id', 'series_id', 'community_id', 'position', 'easy_text', 'hard_text', 'easy_points', 'hard_points', 'opens_on', 'opens_at', 'opened_at']);
      const subs = new TableWriter(tx, 'submissions', ['prompt_id', 'community_id', 'user_id', 'level', 'body', 'visibility', 'anonymous', 'points', 'on_time', 'created_at', 'public_id'], 'ON CONFLICT DO NOTHING');
      let promptId = 0;
      for (let c = 1; c <= count; c++) {
        const timeZone = rng.pick(timeZones);
        await communities.add(c, `net-${c}`, `Community ${c}`, timeZone, rng.chance(0.5) ? 'public' : 'private', now - 400 * DAY);
        const first = 2 + (c - 1) * MEMBERS;
        for (let m = 0; m < MEMBERS; m++) await memberships.add(c, first + m, m === 0 ? 'facilitator' : 'member', now - 200 * DAY);
        const start = addDays(localDay(new Date(now), timeZone), -PROMPTS + 1);
        await series.add(c, c, 'Twelve weeks', start, 'daily', 'running', first, now - 100 * DAY);
        const opens: { id: number; at: number }[] = [];
        for (let p = 1; p <= PROMPTS; p++) {
          const day = addDays(start, p - 1);
          const at = dayStartsAt(day, timeZone).getTime();
          opens.push({ id: ++promptId, at });
          await prompts.add(promptId, c, c, p, 'e', 'h', 1, 3, day, at, at);
        }
        // A fifth of the network has gone quiet (answers only in its first weeks); a tenth is lively.
        const quiet = rng.chance(0.2);
        const perCommunity = rng.chance(0.1) ? 400 : 60;
        for (let a = 0; a < perCommunity; a++) {
          const prompt = opens[quiet ? rng.int(PROMPTS / 3) : rng.int(PROMPTS)]!;
          const at = Math.min(now - 60_000, prompt.at + Math.floor(rng.next() * DAY));
          await subs.add(prompt.id, c, first + rng.int(MEMBERS), rng.chance(0.3) ? 'hard' : 'easy', 'Bench answer', 'community', 0, 1, 1, at, randomBytes(16).toString('hex'));
          answers++;
        }
      }
      for (const w of [communities, memberships, series, prompts, subs]) await w.flush();
    });
    await client.execute('PRAGMA journal_mode = WAL');
    return answers;
  } finally {
    client.close();
  }
}

async function sequential(file: string, path: string, warm: number, measured: number) {
  return withApp(file, async ({ app }) => {
    const init = { headers: { authorization: `Bearer ${tokenFor(1)}` } };
    const times: number[] = [];
    for (let i = 0; i < warm + measured; i++) {
      const t0 = performance.now();
      const res = await app.request(`http://127.0.0.1${path}`, init);
      await res.text();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      if (i >= warm) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    return { p50: at(0.5), p99: at(0.99), requests: times.length };
  });
}

/** Generates the network, times the precompute, then reads the dashboard (JSON and page). */
export async function benchNetwork(file: string, log: (line: string) => void, count = 1_000, seed = 14): Promise<NetworkBench> {
  const now = Date.now();
  const t0 = performance.now();
  const answers = await generateNetworkDb(file, count, now, seed);
  log(`  network data: ${count} communities, ${count * MEMBERS} members, ${answers} answers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { client } = await openLibsql({ url: `file:${file}`, synchronous: 'NORMAL' });
  let precomputeMs: number;
  try {
    const t1 = performance.now();
    const rows = await networkSnapshot(dbFromLibsql(client), new Date(now));
    precomputeMs = performance.now() - t1;
    if (rows.length !== count) throw new Error(`the precompute gave ${rows.length} rows for ${count} communities`);
  } finally {
    client.close();
  }
  log(`  daily precompute of ${count} communities: ${(precomputeMs / 1000).toFixed(2)} s (target ≤ ${NETWORK_PRECOMPUTE_TARGET_MS / 1000} s)`);
  const api = await sequential(file, '/api/network?sort=health&order=desc', 10, 200);
  log(`  GET /api/network, one at a time: p50 ${api.p50.toFixed(1)} ms, p99 ${api.p99.toFixed(1)} ms over ${api.requests} (target p99 ≤ ${NETWORK_TARGET_P99_MS} ms)`);
  const page = await sequential(file, '/network', 10, 100);
  log(`  GET /network (page), one at a time: p50 ${page.p50.toFixed(1)} ms, p99 ${page.p99.toFixed(1)} ms over ${page.requests}`);
  return { communities: count, answers, precomputeMs, api, page };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const work = mkdtempSync(join(tmpdir(), 'kindling-network-'));
  benchNetwork(join(work, 'network.db'), console.log, Number(process.argv[2] ?? 1_000))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => rmSync(work, { recursive: true, force: true }));
}
