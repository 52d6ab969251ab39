/**
 * Writes the seeded data set straight into a fresh libSQL file: users, API tokens, communities, memberships,
 * series, prompts, answers, ledger rows and kudos. Scores are NOT inserted: the migration's ledger trigger
 * maintains them exactly as in production, and `verify` checks them against the ledger afterwards.
 * Dates are anchored to the real "now" (the server under test runs on the real clock); every other choice
 * comes from the seed. Row counts move by a few dozen with the time of day, since each community's
 * "today" (and so its number of opened prompts) depends on its time zone.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient, type Client, type Transaction } from '@libsql/client';
import { dbFromLibsql } from '../../db/client';
import { migrateLibsql } from '../../db/libsql';
import { closingDay } from '../../src/domain/series/schedule';
import { addDays } from '../../src/domain/time';
import { rollShoutouts } from '../../src/jobs/shoutouts';
import { writeAnswers, POINTS, type OpenedPrompt } from './answers';
import { personName, startOf, tokenHash } from './content';
import { BIG_ID, isPeer, PEER, planCommunities, WRITES_ID, type PlannedCommunity } from './population';
import type { Profile } from './profile';
import { Rng } from './rng';
import { verify } from './verify';
import { inTransaction, TableWriter } from './writer';

/** A daily series that started this many days ago: 31 prompts open (today's included), the rest still to come. */
const HISTORY_DAYS = 30;
const MAIN_PROMPTS = 45;
/** Prompts of the answer-less series in the writes community: half for Kindling's POSTs, half for baseline (c). */
const WRITE_PROMPTS = 40;
const HOUR = 3_600_000;

export interface BenchData {
  file: string;
  big: { id: number; slug: string };
  /** The big community's prompt with the most answers: the gallery scenarios read it. */
  gallery: { promptId: number; answers: number };
  writePrompts: { kindling: number[]; baseline: number[] };
  /** The issue 16 load shape (population.ts PEER): its members, and each of its communities' 90 open prompts. */
  peer: { members: number[]; prompts: number[][] };
  /** Users 1..members of the big and writes communities; each has the token `tokenFor(id)`. */
  members: number[];
  /** Answers in the big community that members other than the author may see, for the kudos scenario. */
  /** `ref` as a client addresses the answer: an anonymous one by its public id (its sequential id is 404 to others). */
  kudosTargets: { ref: string; authorId: number }[];
  rows: Record<string, number>;
  seconds: number;
}

interface Ids {
  series: number;
  prompt: number;
  submission: number;
}

/**
 * `generate` in a process of its own, as the bench runs it. The bench's process is also the load generator, and
 * after filling the full data set in-process it kept ~3.7 GB of memory and its own GC ran 5-8 times as often
 * during a round, stalling its event loop up to ~40 ms: the latencies it recorded grew by those stalls (the
 * answer POST's p99 read 21-29 ms instead of 13-20 ms for the same server, `tests/bench/README.md`).
 */
export function generateApart(profile: Profile, file: string, now: Date): BenchData {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--json', JSON.stringify(profile), file, now.toISOString()];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').at(-1)!) as BenchData;
}

export async function generate(profile: Profile, file: string, now: Date): Promise<BenchData> {
  const started = performance.now();
  const rng = new Rng(profile.seed);
  const client = createClient({ url: `file:${file}`, concurrency: 1 });
  try {
    // A fresh throwaway file: no journal and no fsync while filling it; WAL is switched on at the end.
    await client.execute('PRAGMA journal_mode = OFF');
    await client.execute('PRAGMA synchronous = OFF');
    await client.execute('PRAGMA cache_size = -262144');
    await migrateLibsql(dbFromLibsql(client));
    await client.execute('PRAGMA foreign_keys = OFF'); // checked once at the end by `verify`

    const communities = planCommunities(profile, rng, now);
    await writePeople(client, profile, communities, rng, now);

    const ids: Ids = { series: 0, prompt: 0, submission: 0 };
    const writes = communities.find((c) => c.id === WRITES_ID)!;
    let writePromptIds: number[] = [];
    const peers = communities.filter(isPeer);
    const peerPrompts: number[][] = [];
    await inTransaction(client, async (tx) => {
      const opened = await writeSeries(tx, writes, ids, WRITE_PROMPTS, addDays(writes.today, 1 - WRITE_PROMPTS), now);
      writePromptIds = opened.map((p) => p.id);
      for (const peer of peers) {
        const open = await writeSeries(tx, peer, ids, PEER.prompts, addDays(peer.today, 1 - PEER.prompts), now);
        if (open.length !== PEER.prompts) throw new Error(`${peer.slug}: ${open.length} of ${PEER.prompts} prompts open`);
        peerPrompts.push(open.map((p) => p.id));
      }
    });

    const ordinary = communities.filter((c) => c.id !== BIG_ID && c.id !== WRITES_ID && !isPeer(c));
    const ordinaryMembers = ordinary.reduce((n, c) => n + c.members.length, 0);
    const bigAnswers = Math.round(profile.answers * (ordinary.length ? profile.bigShare : 1));
    let gallery = { promptId: 0, answers: 0 };
    for (const c of [communities[0]!, ...ordinary]) {
      const answers = c.id === BIG_ID ? bigAnswers : Math.round(((profile.answers - bigAnswers) * c.members.length) / ordinaryMembers);
      await inTransaction(client, async (tx) => {
        const opened = await writeSeries(tx, c, ids, MAIN_PROMPTS, addDays(c.today, -HISTORY_DAYS), now);
        const busiest = await writeAnswers(tx, c, opened, answers, ids, rng, now);
        if (c.id === BIG_ID) gallery = busiest;
      });
    }

    // Steady state, as if the server had run all along: every ended week has its shout-out roll already.
    // Otherwise each server's first ticks would roll the backlog during the measurements. Rolled before WAL
    // is switched on, so the rolls are in the file itself: the write scenarios' copy of it had none.
    while ((await rollShoutouts(dbFromLibsql(client), now)) > 0);
    await client.execute('PRAGMA journal_mode = WAL');
    const data: BenchData = {
      file,
      big: { id: BIG_ID, slug: communities[0]!.slug },
      gallery,
      writePrompts: {
        kindling: writePromptIds.slice(0, WRITE_PROMPTS / 2),
        baseline: writePromptIds.slice(WRITE_PROMPTS / 2),
      },
      members: writes.members,
      peer: { members: peers[0]!.members, prompts: peerPrompts },
      kudosTargets: await kudosTargets(client),
      rows: await verify(client),
      seconds: 0,
    };
    data.seconds = (performance.now() - started) / 1000;
    return data;
  } finally {
    client.close();
  }
}

async function writePeople(client: Client, profile: Profile, communities: PlannedCommunity[], rng: Rng, now: Date) {
  const t = now.getTime() - 90 * 24 * HOUR;
  await inTransaction(client, async (tx) => {
    const users = new TableWriter(tx, 'users', ['id', 'email', 'name', 'show_on_leaderboards', 'is_steward', 'created_at']);
    for (let u = 1; u <= profile.members; u++) {
      await users.add(u, `member${u}@bench.kindling.test`, personName(rng), rng.chance(0.95) ? 1 : 0, 0, t);
    }
    await users.flush();
    const tokens = new TableWriter(tx, 'api_tokens', ['id', 'user_id', 'token_hash', 'label', 'created_at']);
    for (const u of communities.find((c) => c.id === WRITES_ID)!.members) await tokens.add(u, u, tokenHash(u), 'bench', t);
    await tokens.flush();
    const rows = new TableWriter(tx, 'communities', ['id', 'slug', 'name', 'time_zone', 'day_start_hour', 'visibility', 'created_at']);
    const members = new TableWriter(tx, 'memberships', ['community_id', 'user_id', 'role', 'joined_at']);
    for (const c of communities) {
      await rows.add(c.id, c.slug, `Bench ${c.id}`, c.timeZone, c.dayStartHour, c.visibility, t);
      for (const [i, u] of c.members.entries()) await members.add(c.id, u, i < c.facilitators ? 'facilitator' : 'member', t);
    }
    await rows.flush();
    await members.flush();
  });
}


/** One running daily series; returns its prompts that have opened, oldest first. */
async function writeSeries(tx: Transaction, c: PlannedCommunity, ids: Ids, count: number, startDay: string, now: Date) {
  const seriesId = ++ids.series;
  const lastDay = addDays(startDay, count - 1);
  const createdAt = startOf(startDay, c.timeZone, c.dayStartHour) - 24 * HOUR;
  await tx.execute({
    sql: `INSERT INTO series (id, community_id, title, description, start_date, cadence, status, closes_at, created_by, created_at)
          VALUES (?, ?, ?, '', ?, 'daily', 'running', ?, ?, ?)`,
    args: [seriesId, c.id, `Series ${seriesId}`, startDay, startOf(closingDay(lastDay), c.timeZone, c.dayStartHour), c.members[0]!, createdAt],
  });
  const prompts = new TableWriter(tx, 'prompts', [
    'id', 'series_id', 'community_id', 'position', 'easy_text', 'hard_text', 'easy_points', 'hard_points', 'opens_on', 'opens_at', 'opened_at',
  ]);
  const opened: OpenedPrompt[] = [];
  for (let position = 1; position <= count; position++) {
    const id = ++ids.prompt;
    const opensOn = addDays(startDay, position - 1);
    const opensAt = startOf(opensOn, c.timeZone, c.dayStartHour);
    const isOpen = opensAt <= now.getTime();
    if (isOpen) opened.push({ id, opensOn, opensAt });
    await prompts.add(id, seriesId, c.id, position, `Easy ${id}`, `Hard ${id}`, POINTS.easy, POINTS.hard, opensOn, opensAt, isOpen ? opensAt : null);
  }
  await prompts.flush();
  return opened;
}

async function kudosTargets(client: Client) {
  const { rows } = await client.execute({
    sql: `SELECT id, user_id, anonymous, public_id FROM submissions WHERE community_id = ? AND visibility != 'facilitators' ORDER BY id LIMIT 20000`,
    args: [BIG_ID],
  });
  return rows.map((r) => ({ ref: Number(r.anonymous) ? String(r.public_id) : String(r.id), authorId: Number(r.user_id) }));
}

// `generateApart` runs this file as `--json <profile> <file> <now>`.
if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--json') {
  const [profile, file, now] = process.argv.slice(3) as [string, string, string];
  console.log(JSON.stringify(await generate(JSON.parse(profile) as Profile, file, new Date(now))));
}
