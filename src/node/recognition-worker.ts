/**
 * The recognition drain's thread (src/node/recognition-thread.ts): its own connection to the database file for
 * reads, its writes sent to the server's thread. Drains as the server would have (src/jobs/recognition.ts), on
 * each 'drain' the server sends after a write.
 */
import type { ResultSet } from '@libsql/client';
import { parentPort, workerData } from 'node:worker_threads';
import { dbFromLibsql } from '../../db/client';
import { forwardedWrites, fromPlainResult, type WriteRequest } from '../../db/forwarded-writes';
import { openLibsql } from '../../db/libsql';
import { errorKind } from '../error-kind';
import { drainRecognitionSoon } from '../jobs/recognition';
import type { FromThread, ToThread, ToThreadReply } from './recognition-thread';

const port = parentPort!;
const { client: local } = await openLibsql({ url: (workerData as { databaseUrl: string }).databaseUrl });

let nextId = 0;
const waiting = new Map<number, { resolve(results: ResultSet[]): void; reject(error: Error): void }>();
const writes = (write: WriteRequest) =>
  new Promise<ResultSet[]>((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    port.postMessage({ id, write } satisfies FromThread);
  });

const deps = {
  db: dbFromLibsql(forwardedWrites(local, writes)),
  clock: () => new Date(),
  defer: (work: Promise<unknown>) => {
    work.catch((err: unknown) => console.error(`[recognition] background drain failed: ${errorKind(err)}`));
  },
};

port.on('message', (message: ToThread | ToThreadReply) => {
  if (message === 'drain') return drainRecognitionSoon(deps);
  const waiter = waiting.get(message.id);
  waiting.delete(message.id);
  if (!waiter) return;
  if ('error' in message) waiter.reject(new Error(message.error));
  else waiter.resolve(message.results.map(fromPlainResult));
});
