/**
 * The Node home's recognition drain in a thread of its own. On Node every database call runs on the thread that
 * makes it, so a drain on the server's thread held requests back for as long as each of its parts took: a full
 * refresh of two members ~4.5 ms, once a turn of the event loop for a whole pass, which set the answer POST's
 * p99 in the bench's peer scenario (tests/bench/README.md, "tenth pass"). Here the drain reads through a
 * connection of its own in a worker thread, and sends its writes to the server's connection, where they join the
 * group commit like any request's (db/forwarded-writes.ts). The server's thread only runs those writes.
 *
 * Should the thread fail to start or die, it takes no more drains, and they run on the server's thread as before.
 */
import type { Client } from '@libsql/client';
import { Worker } from 'node:worker_threads';
import { toPlainResult, type PlainResult, type WriteRequest } from '../../db/forwarded-writes';
import { errorKind } from '../error-kind';

export type ToThread = 'drain';
export type FromThread = { id: number; write: WriteRequest };
export type ToThreadReply = { id: number; results: PlainResult[] } | { id: number; error: string };

/**
 * Bundled, this code is part of dist/node.mjs and the thread's bundle lies beside it; from the source (tsx, vitest),
 * the thread is the TypeScript file beside this one, run through tsx.
 */
function startWorker(workerData: { databaseUrl: string }): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./node-recognition-worker.mjs', import.meta.url), { workerData });
  // Node 20 loads no TypeScript entry in a worker, tsx's --import or not: register tsx's loader first, then import it.
  const entry = JSON.stringify(new URL('./recognition-worker.ts', import.meta.url).href);
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); })`;
  return new Worker(code, { eval: true, workerData });
}

export interface RecognitionThread {
  /** Asks the thread for a drain (what `drainRecognitionSoon` would start here); false once it has stopped. */
  drainSoon(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts the thread on the embedded file at `databaseUrl`. `writer` runs its writes: the server's client, so they
 * join its group commit and count as its writes for the read caches (src/node/data-version.ts).
 */
export function recognitionThread(writer: Client, databaseUrl: string): RecognitionThread {
  const worker = startWorker({ databaseUrl });
  let alive = true;
  const gone = (why: string) => {
    if (!alive) return;
    alive = false;
    // A drain it was asked for and had not finished is left to the next write's drain, or the tick's.
    console.error(`[recognition] the drain's thread stopped (${why}); drains run on the server's thread`);
  };
  worker.on('message', ({ id, write }: FromThread) => {
    writer.batch(write.statements, write.mode).then(
      (results) => worker.postMessage({ id, results: results.map(toPlainResult) } satisfies ToThreadReply),
      // The kind and message of a failed write (a constraint, a busy database), never its parameters.
      (err: unknown) => worker.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies ToThreadReply),
    );
  });
  worker.on('error', (err) => gone(errorKind(err)));
  worker.on('exit', (code) => gone(`exit ${code}`));
  worker.unref();
  return {
    drainSoon() {
      if (alive) worker.postMessage('drain' satisfies ToThread);
      return alive;
    },
    async stop() {
      alive = false; // said before it exits, so its exit is not reported as a failure
      await worker.terminate();
    },
  };
}
