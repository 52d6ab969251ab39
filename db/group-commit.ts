/** Group commit for an embedded file's client, and the gate that holds its writes back (see `groupCommits`). */
import type { Client, InStatement, ResultSet, TransactionMode } from '@libsql/client';
import { isBusy } from './busy-statements';
import { isSelect } from './statement-kind';

interface QueuedBatch {
  statements: InStatement[];
  mode: TransactionMode | undefined;
  resolve(results: ResultSet[]): void;
  reject(error: unknown): void;
}

/** Batches from more requests than this wait for the next commit: one group's latency stays bounded. */
const MOST_BATCHES_PER_COMMIT = 32;

/**
 * Group commit for an embedded file: write batches that arrive in the same turn of the event loop (from
 * concurrent requests) run as one transaction, one after the other, so they share one commit — the larger
 * part of a small write's cost (pages of every table and index it touches written to the WAL). Each batch
 * still happens entirely or not at all: when the joint transaction fails, it is rolled back whole and every
 * batch in it runs again on its own, so a failing batch (a duplicate answer, a lost Idempotency-Key race)
 * fails alone with its own error, and the others commit as if they had run one after another. Only a database
 * that stayed locked (SQLITE_BUSY) fails the whole group at once.
 */
function groupCommits(client: Client): WriteGate {
  const runBatch = client.batch.bind(client);
  const queue: QueuedBatch[] = [];
  let running: Promise<unknown> | null = null;
  let paused = false;

  const runAlone = (b: QueuedBatch) => runBatch(b.statements, b.mode).then(b.resolve, b.reject);
  async function runGroup(group: QueuedBatch[]) {
    if (group.length <= 1) return group[0] && runAlone(group[0]);
    let results: ResultSet[];
    try {
      results = await runBatch(group.flatMap((b) => b.statements), 'write');
    } catch (err) {
      // The database stayed locked for the whole busy timeout: each batch alone would wait that long again.
      if (isBusy(err)) return group.forEach((b) => b.reject(err));
      for (const b of group) await runAlone(b);
      return;
    }
    let from = 0;
    for (const b of group) b.resolve(results.slice(from, (from += b.statements.length)));
  }
  function commitGroup() {
    if (paused || queue.length === 0) return;
    const group = queue.splice(0, MOST_BATCHES_PER_COMMIT);
    if (queue.length > 0) setImmediate(commitGroup);
    const run: Promise<unknown> = runGroup(group).finally(() => {
      if (running === run) running = null;
    });
    running = run;
  }

  client.batch = (statements: InStatement[], mode?: TransactionMode) => {
    // Reads run at once, as a lone read does: queued, a batch of them held the group's write transaction open,
    // and the commit of every answer in it waited for the reads (the recognition drain's: 1-28 ms).
    if (mode === 'read' || statements.every(isSelect)) return runBatch(statements, 'read');
    return new Promise<ResultSet[]>((resolve, reject) => {
      // Waiting for the check phase lets every request whose input has arrived reach its write first.
      if (queue.push({ statements, mode, resolve, reject }) === 1) setImmediate(commitGroup);
    });
  };
  return {
    async pause() {
      paused = true;
      while (running) await running;
    },
    resume() {
      paused = false;
      setImmediate(commitGroup);
    },
  };
}

/**
 * Holds the grouped write batches back (they wait in their queue, asynchronously) and lets them go again: the
 * background checkpointer asks for it while it empties the WAL (`checkpointInBackground`).
 */
export interface WriteGate {
  /** Resolves once no group is being committed; later ones wait until `resume`. */
  pause(): Promise<void>;
  resume(): void;
}

const writeGates = new WeakMap<Client, WriteGate>();

/** Makes `client` (an embedded file's) commit its write batches in groups, and keeps its gate for `writeGateOf`. */
export function commitInGroups(client: Client): void {
  writeGates.set(client, groupCommits(client));
}

/** The gate of a client `openLibsql` opened on a file (undefined for others). */
export const writeGateOf = (client: Client): WriteGate | undefined => writeGates.get(client);

