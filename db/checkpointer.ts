/** WAL checkpoints in a thread of their own, keeping the WAL bounded (see `checkpointInBackground`). */
import type { Client } from '@libsql/client';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { writeGateOf } from './group-commit';

/** How the background checkpointer keeps the WAL small; see `checkpointInBackground`. */
export interface CheckpointOptions {
  /** How often it checkpoints (ms). */
  everyMs?: number;
  /** Once the WAL file is larger than this (bytes), it empties the WAL, which SQLite then truncates to this size. */
  truncateAboveBytes?: number;
  /** Told of each emptying: whether it copied every frame or found the database busy, and how long writes waited. */
  onTruncate?: (outcome: 'truncated' | 'busy', ms: number) => void;
}

export const DEFAULT_WAL_TRUNCATE_BYTES = 64 * 1024 * 1024;

/**
 * A thread of its own that checkpoints the file through its own connection: PASSIVE every `everyMs`, and
 * empties the WAL as soon as a look at its size (ten times as often, a stat call) finds it too large.
 * It reports each emptying to the parent: whether every frame was copied or the database was busy, and
 * for how long it ran (writers wait that long at most).
 */
const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.libsql);
const db = new Database(workerData.file);
// TRUNCATE waits for the writer and for readers of older snapshots: never longer than this.
db.exec('PRAGMA busy_timeout = ' + workerData.busyMs);
db.exec('PRAGMA journal_size_limit = ' + workerData.truncateAboveBytes);
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const truncate = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)');
const lookEveryMs = Math.max(1, Math.floor(workerData.everyMs / 10));
const CATCH_UP_PASSES = 10;
// Frames (4 KiB each) a pass may copy and still count as caught up: what writes add during the last one is
// what the held pass copies. Not a time: a pass never takes under its two fsyncs (1-3 ms under load here).
const FEW_FRAMES = 128;
let lastPassive = Date.now();
let asked = false;
parentPort.on('message', (message) => {
  if (message !== 'go') return;
  const began = performance.now();
  let busy = 1;
  try {
    // With the grouped writes held, PASSIVE copies the frames written since the last one, and the next write
    // starts the WAL over (SQLite trims the file to journal_size_limit then). Only if a write from outside the
    // groups, or a reader of an older snapshot, kept a frame back does TRUNCATE wait for them, as it always did:
    // it also syncs and truncates the file, ~6 ms more of held writes on this machine.
    const copied = passive.get();
    busy = copied.busy || copied.log !== copied.checkpointed ? truncate.get().busy : 0;
  } catch {
    // A busy or closing database: reported as busy, and the next look tries again.
  }
  asked = false;
  parentPort.postMessage({ outcome: busy ? 'busy' : 'truncated', ms: performance.now() - began });
});
setInterval(() => {
  try {
    const wal = statSync(workerData.file + '-wal', { throwIfNoEntry: false });
    if (asked) return;
    if (wal !== undefined && wal.size > workerData.truncateAboveBytes) {
      // PASSIVE first copies most frames without holding anyone up, again while a pass still found many written
      // during the one before; the last runs once the server has held its writes back (asked for, answered
      // 'go'), so it copies the few left before another frame is written.
      let before = -1;
      for (let pass = 0; pass < CATCH_UP_PASSES; pass++) {
        const { log, checkpointed } = passive.get();
        // Counted from the start of the WAL, which a write may have begun again meanwhile (then: go on).
        const copied = before >= 0 && checkpointed >= before ? checkpointed - before : Infinity;
        before = log === checkpointed ? checkpointed : -1;
        if (copied <= FEW_FRAMES) break;
      }
      asked = true;
      parentPort.postMessage({ ask: 'truncate' });
    } else if (Date.now() - lastPassive >= workerData.everyMs) {
      lastPassive = Date.now();
      passive.get();
    }
  } catch {
    // A busy or closing database: the next look tries again.
  }
}, lookEveryMs);
`;

/**
 * Moves WAL checkpoints off the request path, and keeps the WAL bounded. SQLite's automatic checkpoint
 * runs inside whichever commit crosses the threshold, which is what sets a write's p99; run on the
 * server's own thread instead, a checkpoint stops every request for as long as it copies (35 ms a second
 * under the bench's write load). So the connection's automatic checkpoint is turned off and a worker
 * thread, with its own connection, checkpoints every `everyMs`.
 *
 * PASSIVE never waits for, nor blocks, readers or the writer, but it also never restarts the WAL: SQLite
 * writes the WAL from its start again only when a write begins after a checkpoint copied everything, which
 * under steady writes never happens, so the file grew without limit (697 MB in minutes, issue 21). Once the
 * file passes `truncateAboveBytes`, the worker checkpoints with PASSIVE (again while a pass copied more than a few
 * frames, written during the one before: up to ten passes), then asks the server to hold its grouped writes
 * back (`WriteGate`: they wait in their queue, not in SQLite's busy handler, which sleeps on the server's
 * thread in 1, 2, 5, 10 ms steps), and checkpoints PASSIVE again: that copies the frames written since the
 * last pass and syncs, and the next write starts the WAL over. `journal_size_limit` trims the file to the
 * threshold whenever SQLite starts the WAL over. Should a frame escape the hold, TRUNCATE finishes the job.
 * Under the bench's answer load (~0.5 s apart) the held time was 16 ms (median) with TRUNCATE after one pass,
 * 10 ms with PASSIVE after one, 2-6 ms with PASSIVE after catching up (21 ms → 5 ms on the full data): the part
 * of the answer POST's p99 that this sets. Catching up until a pass copies few frames, rather than until one
 * is short (a pass never takes less than its two fsyncs), took the held pass from 6-12 ms to 3-6 ms (medians);
 * what is left is mostly those fsyncs, 1-20 ms on this shared disk under load. Hence the default threshold,
 * 64 MB: at most a few holds a run, whatever their length.
 * Returns a stop function.
 */
export async function checkpointInBackground(
  client: Client,
  file: string,
  { everyMs = 1000, truncateAboveBytes = DEFAULT_WAL_TRUNCATE_BYTES, onTruncate }: CheckpointOptions = {},
): Promise<() => void> {
  await client.execute('PRAGMA wal_autocheckpoint = 0');
  await client.execute(`PRAGMA journal_size_limit = ${Math.floor(truncateAboveBytes)}`);
  const libsql = createRequire(import.meta.url).resolve('libsql');
  const workerData = { libsql, file, everyMs, truncateAboveBytes: Math.floor(truncateAboveBytes), busyMs: 1000 };
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData });
  const gate = writeGateOf(client);
  let held = false;
  let deadline: NodeJS.Timeout | undefined;
  const release = () => {
    clearTimeout(deadline);
    if (held) gate?.resume();
    held = false;
  };
  worker.on('message', (m: { ask: 'truncate' } | { outcome: 'truncated' | 'busy'; ms: number }) => {
    if ('ask' in m) {
      const hold = held || !gate ? Promise.resolve() : ((held = true), gate.pause());
      void hold.then(() => {
        worker.postMessage('go');
        // Never held back for long: a checkpoint that does not answer within a second lets the writes go anyway.
        deadline = setTimeout(release, 1000).unref();
      });
      return;
    }
    release();
    onTruncate?.(m.outcome, m.ms);
  });
  worker.on('error', (err) => {
    release();
    console.error(`[checkpoint] background checkpoints stopped: ${err.name}`);
  });
  worker.on('exit', release);
  worker.unref();
  return () => void worker.terminate();
}
