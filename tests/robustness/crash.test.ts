/**
 * Power cuts while members answer: the real Node server, `DB_SYNCHRONOUS=FULL`, a bounded stream of answers,
 * and `kill -9` at random points. After every round the database must pass `PRAGMA integrity_check`, hold
 * every answer the server acknowledged (201), and keep scores equal to the ledger's sums. Unacknowledged
 * answers are retried with their Idempotency-Key after the restart, as a client would.
 * `npm test`: 3 kills over 600 answers; `npm run test:soak`: 5 kills over 5,000 (CRASH_ANSWERS, CRASH_KILLS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tick } from '../../src/jobs/tick';
import { makeTestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';
import { verify } from '../bench/verify';

const ANSWERS = Number(process.env.CRASH_ANSWERS ?? 600);
const KILLS = Number(process.env.CRASH_KILLS ?? 3);
const MEMBERS = 30;
const PROMPTS = Math.ceil(ANSWERS / (MEMBERS * 2));
const root = fileURLToPath(new URL('../..', import.meta.url));

interface Pending {
  token: string;
  promptId: number;
  level: 'easy' | 'hard';
  key: string;
}

let file: string;
let work: Pending[] = [];
/** Answer ids the server acknowledged with a 201. */
const acknowledged = new Set<number>();

beforeAll(async () => {
  // Built through the API in-process, on the file the server will open; the series opened 'today' for real.
  const now = new Date();
  const t = await makeTestApp(now.toISOString());
  file = t.file;
  const fac = await t.userToken('fran@example.org', 'Fran');
  const community = await createCommunity(t, fac.token);
  const start = new Date(now.getTime() - (PROMPTS - 1) * 86_400_000).toISOString().slice(0, 10);
  const prompts = Array.from({ length: PROMPTS }, (_, i) => ({ easy: `Easy ${i}`, hard: `Hard ${i}` }));
  const series = await createSeries(t, fac.token, community.slug, { startDate: start, prompts });
  await tick(t.db, now);
  for (let m = 0; m < MEMBERS; m++) {
    const { token } = await t.userToken(`m${m}@example.org`, `Member ${m}`);
    await join(t, token, community.slug);
    for (const p of series.prompts)
      for (const level of ['easy', 'hard'] as const) work.push({ token, promptId: p.id, level, key: `${m}-${p.id}-${level}` });
  }
  work = work.slice(0, ANSWERS);
  t.client.close();
}, 120_000);

afterAll(() => rmSync(dirname(file), { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${file}`, DB_SYNCHRONOUS: 'FULL', SEED_DEMO: 'never', MAIL_TRANSPORT: 'none' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) return { child, base };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${output}`);
}

/** Posts pending answers 8 at a time until `stopAfter` more are acknowledged or the server dies. */
async function answerUntil(base: string, stopAfter: number, onReached: () => void) {
  let count = 0;
  let cursor = 0;
  const queue = [...work];
  const done: Pending[] = [];
  async function lane() {
    while (cursor < queue.length) {
      const item = queue[cursor++]!;
      const res = await fetch(`${base}/api/prompts/${item.promptId}/submissions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${item.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': item.key },
        body: JSON.stringify({ level: item.level, body: `Answer ${item.key}` }),
      }).catch(() => null);
      if (!res) return; // the server is gone
      const json = (await res.json().catch(() => null)) as { id?: number; error?: { code: string; existingId?: number } } | null;
      if (res.status === 201 && json?.id) {
        acknowledged.add(json.id);
        done.push(item);
        if (++count === stopAfter) onReached();
      } else if (json?.error?.code === 'already_answered') {
        done.push(item); // written before a kill cut the response off
      } else {
        throw new Error(`unexpected ${res.status}: ${JSON.stringify(json)}`);
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, lane));
  work = work.filter((w) => !done.includes(w));
}

function checkFile() {
  const client = createClient({ url: `file:${file}` });
  return (async () => {
    try {
      const integrity = await client.execute('PRAGMA integrity_check');
      expect(integrity.rows.map((r) => r[0])).toEqual(['ok']);
      await verify(client); // throws when scores drift from the ledger or a foreign key is broken
      const ids = new Set((await client.execute('SELECT id FROM submissions')).rows.map((r) => Number(r.id)));
      const lost = [...acknowledged].filter((id) => !ids.has(id));
      expect(lost).toEqual([]);
      return ids.size;
    } finally {
      client.close();
    }
  })();
}

describe(`kill -9 while answering (${KILLS} kills over ${ANSWERS} answers)`, () => {
  it('loses no acknowledged answer, and the file stays whole with scores equal to the ledger', async () => {
    for (let round = 0; round <= KILLS; round++) {
      const { child, base } = await startServer();
      const exited = new Promise((r) => child.once('exit', r));
      const last = round === KILLS;
      // A random point within this round's share of the answers left.
      const share = Math.ceil(work.length / (KILLS - round + 1));
      const killAt = last ? Infinity : 1 + Math.floor(Math.random() * share);
      await answerUntil(base, killAt, () => child.kill('SIGKILL'));
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      await checkFile();
    }
    expect(work).toEqual([]);
    expect(await checkFile()).toBe(ANSWERS);
  }, 600_000);
});
