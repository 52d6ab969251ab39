/**
 * Community analytics (issue 12): a community of 5,000 members and 100,000 answers over 16 weeks, on its own
 * file. Measures (1) the snapshot's computation, in-process (what the tick, or the first view of the day,
 * pays), and (2) the analytics page and its JSON under HTTP load against the real server (`dist/node.mjs`),
 * as the facilitator: the target is the page's p99 ≤ 50 ms.
 */
import { createClient } from '@libsql/client';
import { randomBytes } from 'node:crypto';
import { dbFromLibsql } from '../../db/client';
import { migrateLibsql, openLibsql } from '../../db/libsql';
import { currentAnalytics } from '../../src/domain/analytics';
import { dayStartsAt, localDay, addDays } from '../../src/domain/time';
import { tokenFor, tokenHash } from './content';
import { withApp } from './inprocess';
import { combine, measureOnce, warmUp, type LoadResult, type RequestSource } from './load';
import type { Profile } from './profile';
import type { Server } from './processes';
import { Rng } from './rng';
import { inTransaction, TableWriter } from './writer';

const DAY = 86_400_000;
const SLUG = 'bench-analytics';
const TIME_ZONE = 'Europe/Paris';
/** Days of the series (one prompt a day); every one has opened. */
const PROMPTS = 112;

export const ANALYTICS_TARGET_P99_MS = 50;

export interface AnalyticsBench {
  members: number;
  answers: number;
  kudos: number;
  /** The snapshot's computation, cold, in-process. */
  computeMs: number;
  /** One request at a time through the real app in-process (no HTTP, no load generator): the page's own cost. */
  inProcess: { p50: number; p99: number; requests: number };
  page: LoadResult | null;
  json: LoadResult | null;
}

/** Writes the community; answers follow a few keen members and many occasional ones, as real ones do. */
export async function generateAnalyticsDb(file: string, members: number, answers: number, now: number, seed: number) {
  const rng = new Rng(seed);
  const client = createClient({ url: `file:${file}`, concurrency: 1 });
  try {
    await client.execute('PRAGMA journal_mode = OFF');
    await client.execute('PRAGMA synchronous = OFF');
    await migrateLibsql(dbFromLibsql(client));
    await client.execute('PRAGMA foreign_keys = OFF');
    const today = localDay(new Date(now), TIME_ZONE);
    const start = addDays(today, -PROMPTS + 1);
    let kudosCount = 0;
    await inTransaction(client, async (tx) => {
      await tx.execute({ sql: `INSERT INTO communities (id, slug, name, time_zone, visibility, created_at) VALUES (1, ?, 'Bench analytics', ?, 'private', ?)`, args: [SLUG, TIME_ZONE, now - 400 * DAY] });
      await tx.execute({ sql: `INSERT INTO series (id, community_id, title, start_date, cadence, status, created_by, created_at) VALUES (1, 1, 'Sixteen weeks', ?, 'daily', 'running', 1, ?)`, args: [start, now] });
      await tx.execute({ sql: `INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (1, ?, 'bench', ?)`, args: [tokenHash(1), now] });
      const users = new TableWriter(tx, 'users', ['id', 'email', 'name', 'created_at']);
      const memberships = new TableWriter(tx, 'memberships', ['community_id', 'user_id', 'role', 'joined_at']);
      for (let u = 1; u <= members; u++) {
        await users.add(u, `a${u}@bench.test`, `Member ${u}`, now - 400 * DAY);
        // Joined before the series began, over the year before it.
        await memberships.add(1, u, u <= 3 ? 'facilitator' : 'member', now - (PROMPTS + 1) * DAY - Math.floor(rng.next() * 365 * DAY));
      }
      await users.flush();
      await memberships.flush();
      const prompts = new TableWriter(tx, 'prompts', ['id', 'series_id', 'community_id', 'position', 'easy_text', 'hard_text', 'easy_points', 'hard_points', 'opens_on', 'opens_at', 'opened_at']);
      const opensAt: number[] = [];
      for (let p = 1; p <= PROMPTS; p++) {
        const day = addDays(start, p - 1);
        opensAt[p] = dayStartsAt(day, TIME_ZONE).getTime();
        await prompts.add(p, 1, 1, p, 'e', 'h', 1, 3, day, opensAt[p]!, opensAt[p]!);
      }
      await prompts.flush();
      const subs = new TableWriter(tx, 'submissions', ['id', 'prompt_id', 'community_id', 'user_id', 'level', 'body', 'visibility', 'anonymous', 'points', 'on_time', 'created_at', 'public_id'], 'ON CONFLICT DO NOTHING');
      const visibilities = ['facilitators', 'community', 'community', 'public'] as const;
      const seen = new Set<number>();
      let id = 0;
      while (id < answers) {
        // Squaring skews toward low ids: a keen core answers most days, the long tail now and then.
        const user = 1 + Math.floor(rng.next() ** 2 * members);
        const prompt = 1 + rng.int(PROMPTS);
        const hard = rng.chance(0.3);
        const key = (user * (PROMPTS + 1) + prompt) * 2 + (hard ? 1 : 0);
        if (seen.has(key)) continue;
        seen.add(key);
        const at = Math.min(now - 60_000, opensAt[prompt]! + Math.floor(rng.next() * 1.5 * DAY));
        await subs.add(++id, prompt, 1, user, hard ? 'hard' : 'easy', 'Bench answer', rng.pick(visibilities), rng.chance(0.1) ? 1 : 0, hard ? 3 : 1, 1, at, randomBytes(16).toString('hex'));
      }
      await subs.flush();
      const kudos = new TableWriter(tx, 'kudos', ['submission_id', 'user_id', 'kind', 'created_at'], 'ON CONFLICT DO NOTHING');
      for (let k = 0; k < answers / 4; k++) {
        const sub = 1 + rng.int(answers);
        await kudos.add(sub, 1 + rng.int(members), rng.pick(['applause', 'learned', 'relate']), now - Math.floor(rng.next() * 100 * DAY));
      }
      await kudos.flush();
      kudosCount = kudos.written;
    });
    await client.execute('PRAGMA journal_mode = WAL');
    return { kudos: kudosCount };
  } finally {
    client.close();
  }
}

/** The page requested 500 times in a row through the app in-process, after 50 unmeasured ones. */
async function sequentialPage(file: string) {
  return withApp(file, async ({ app }) => {
    const init = { headers: { authorization: `Bearer ${tokenFor(1)}` } };
    const url = `http://127.0.0.1/c/${SLUG}/analytics`;
    const times: number[] = [];
    for (let i = 0; i < 550; i++) {
      const t0 = performance.now();
      const res = await app.request(url, init);
      await res.text();
      if (res.status !== 200) throw new Error(`The analytics page answered ${res.status}`);
      if (i >= 50) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    return { p50: at(0.5), p99: at(0.99), requests: times.length };
  });
}

/**
 * Generates the data, times the snapshot's computation, then loads the page and the JSON over HTTP with
 * `start` (the real server on the file). `log` prints progress.
 */
export async function benchAnalytics(
  file: string,
  profile: Profile,
  start: (file: string) => Promise<Server>,
  log: (line: string) => void,
  sizes = { members: 5_000, answers: 100_000 },
): Promise<AnalyticsBench> {
  const now = Date.now();
  const t0 = performance.now();
  const { kudos } = await generateAnalyticsDb(file, sizes.members, sizes.answers, now, profile.seed);
  log(`  analytics data: ${sizes.members} members, ${sizes.answers} answers, ${kudos} kudos in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { client } = await openLibsql({ url: `file:${file}`, synchronous: 'NORMAL' });
  let computeMs: number;
  try {
    const db = dbFromLibsql(client);
    const [community] = await db.query.communities.findMany({ limit: 1 });
    const t1 = performance.now();
    await currentAnalytics(db, community!, new Date());
    computeMs = performance.now() - t1;
  } finally {
    client.close();
  }
  log(`  analytics snapshot computed in ${computeMs.toFixed(0)} ms (cold, in-process)`);
  const inProcess = await sequentialPage(file);
  log(`  analytics page in-process, one at a time: p50 ${inProcess.p50.toFixed(1)} ms, p99 ${inProcess.p99.toFixed(1)} ms over ${inProcess.requests}`);

  const auth = { authorization: `Bearer ${tokenFor(1)}` };
  const page: RequestSource = { fixed: { method: 'GET', path: `/c/${SLUG}/analytics`, headers: auth } };
  const json: RequestSource = { fixed: { method: 'GET', path: `/api/communities/${SLUG}/analytics`, headers: auth } };
  const server = await start(file);
  try {
    const results: LoadResult[] = [];
    for (const source of [page, json]) {
      await warmUp(server.url, source, profile);
      const samples = [];
      for (let i = 0; i < profile.repeats; i++) samples.push(await measureOnce(server.url, source, profile, 200));
      results.push(combine(samples));
    }
    return { ...sizes, kudos, computeMs, inProcess, page: results[0]!, json: results[1]! };
  } finally {
    await server.stop();
  }
}
