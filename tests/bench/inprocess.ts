/**
 * The real Kindling app in this process, over a bench file, with a client that records every statement it
 * sends. Used to check each scenario's request and explain its queries, and to find a deep gallery cursor
 * the way a client would (by paging), so the bench never depends on the cursor's private format.
 */
import type { Client, InStatement, InValue } from '@libsql/client';
import { dbFromLibsql, type Db } from '../../db/client';
import { openLibsql } from '../../db/libsql';
import { createApp } from '../../src/app';
import { memoryFront } from '../../src/domain/limits/memory-front';
import { databaseStore } from '../../src/domain/limits/store';
import { parseConfig } from '../../src/config';
import { noMailer } from '../../src/mail/transports';
import { folderImageStore, imagesDirFor } from '../../src/node/storage-fs';

export interface Recorded {
  statements: { sql: string; args: InValue[] }[];
  /** Calls into the client: each is one trip through the driver (a batch counts once). */
  calls: number;
  /** Calls that wrote, i.e. separate commits (and, with synchronous=FULL, separate fsyncs). */
  commits: number;
}

export const newRecord = (): Recorded => ({ statements: [], calls: 0, commits: 0 });

const isWrite = (sql: string) => /^\s*(insert|update|delete|replace)\b/i.test(sql);
const normalise = (s: InStatement) => (typeof s === 'string' ? { sql: s, args: [] } : { sql: s.sql, args: (s.args ?? []) as InValue[] });

/** A client that logs what passes through it; everything else goes straight to the real one. */
function recording(client: Client, log: Recorded): Client {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'execute') {
        return (stmt: InStatement, args?: InValue[]) => {
          const s = normalise(typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt);
          log.statements.push(s);
          log.calls++;
          if (isWrite(s.sql)) log.commits++;
          return target.execute(stmt as never, args as never);
        };
      }
      if (prop === 'batch') {
        return (stmts: InStatement[], mode?: never) => {
          const all = stmts.map(normalise);
          log.statements.push(...all);
          log.calls++;
          if (all.some((s) => isWrite(s.sql))) log.commits++;
          return target.batch(stmts, mode);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function recordingDb(client: Client, log: Recorded): Db {
  return dbFromLibsql(recording(client, log));
}

export interface InProcessApp {
  app: ReturnType<typeof createApp>;
  client: Client;
  log: Recorded;
}

/** Opens `file` as the Node server does (openLibsql's PRAGMAs, images beside the file) and runs `use` against the real app. */
export async function withApp<T>(file: string, use: (it: InProcessApp) => Promise<T>): Promise<T> {
  const { client } = await openLibsql({ url: `file:${file}` });
  try {
    const log = newRecord();
    const config = parseConfig({ DATABASE_URL: `file:${file}`, MAIL_TRANSPORT: 'none', SEED_DEMO: 'never' });
    const images = folderImageStore(imagesDirFor(config));
    const db = recordingDb(client, log);
    // As src/node.ts does: the memory front keeps the rate-limit counters off the hot writes' plans.
    const app = createApp({ db, clock: () => new Date(), mailer: noMailer, config, images, rateLimits: memoryFront(databaseStore(db)) });
    return await use({ app, client, log });
  } finally {
    client.close();
  }
}

export interface DeepPage {
  /** The cursor Kindling gave out, for the Kindling scenario. */
  cursor: string;
  /** The same position as baseline (b)'s row-value bound: the gallery key and public id the cursor holds. */
  key: number;
  publicId: string;
}

/** Pages a visitor's gallery 100 at a time until `share` of its answers lie above, and returns that cursor. */
export async function deepGalleryPage(file: string, promptId: number, share: number): Promise<DeepPage> {
  return withApp(file, async ({ app }) => {
    const pages: { items: { id: number; createdAt: string }[]; nextCursor: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const res = await app.request(`http://127.0.0.1/api/prompts/${promptId}/gallery?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      if (!res.ok) throw new Error(`Gallery paging answered ${res.status}: ${await res.text()}`);
      const page = (await res.json()) as (typeof pages)[number];
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor);
    const total = pages.reduce((n, p) => n + p.items.length, 0);
    const deep = pages[Math.min(pages.length - 2, Math.floor((total * share) / 100))];
    const last = deep?.items.at(-1);
    if (!deep?.nextCursor || !last) throw new Error(`Prompt ${promptId} has too few public answers for a deep page`);
    const [key, publicId] = Buffer.from(deep.nextCursor, 'hex').toString().split('.');
    return { cursor: deep.nextCursor, key: Number(key), publicId: publicId! };
  });
}
