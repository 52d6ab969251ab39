/**
 * The Node home as a scenario target: the real app over any libSQL URL (an embedded file, a remote server such
 * as tests/helpers/hrana-server.ts, or an embedded replica of one), the real clock, images in a folder, and a
 * mailer that keeps what it delivered. tests/worker/target.ts is the same for the Worker in workerd.
 */
import type { Client } from '@libsql/client';
import type { Db } from '../../db/client';
import { migrateLibsql, openLibsql } from '../../db/libsql';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import type { Mailer, OutgoingMail } from '../../src/deps';
import { deliverOutbox } from '../../src/jobs/outbox';
import { tick } from '../../src/jobs/tick';
import { folderImageStore } from '../../src/node/storage-fs';
import type { ScenarioTarget } from './target';

export interface NodeHome {
  target: ScenarioTarget;
  db: Db;
  client: Client;
  /** The app's routes (method and path pattern), for tests that visit every one. */
  routes: { method: string; path: string }[];
  /** Waits for the after-response work still running, then closes the database. */
  close(): Promise<void>;
}

/** `migrate: false` for a database migrated beforehand (by `kindling migrate`, say). */
export async function nodeHome(opts: {
  url: string;
  authToken?: string;
  /** Makes the `file:` URL an embedded replica of this remote database (tests/helpers/replication-server.ts). */
  syncUrl?: string;
  syncIntervalSeconds?: number;
  imagesDir: string;
  name?: string;
  migrate?: boolean;
}): Promise<NodeHome> {
  const { db, client } = await openLibsql({ url: opts.url, authToken: opts.authToken, syncUrl: opts.syncUrl, syncIntervalSeconds: opts.syncIntervalSeconds });
  if (opts.syncUrl) await client.sync();
  if (opts.migrate ?? true) await migrateLibsql(db);
  const pending = new Set<Promise<unknown>>();
  const delivered: OutgoingMail[] = [];
  const mailer: Mailer = { send: async (mail) => void delivered.push(mail) };
  const images = folderImageStore(opts.imagesDir);
  const app = createApp({
    db,
    clock: () => new Date(),
    mailer,
    config: parseConfig({ MAIL_TRANSPORT: 'none' }),
    images,
    defer: (work) => {
      pending.add(work);
      void work.finally(() => pending.delete(work));
    },
  });
  const returned = new Set<string>();

  const target: ScenarioTarget = {
    name: opts.name ?? 'node',
    fetch: async (path, init) => app.request(path, init),
    async mailedLink(email) {
      for (const deadline = Date.now() + 5_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 10))) {
        const mail = delivered.findLast((m) => m.to === email && m.actionUrl && !returned.has(m.actionUrl));
        if (mail) {
          returned.add(mail.actionUrl!);
          return mail.actionUrl!;
        }
      }
      throw new Error(`no sign-in mail for ${email} within 5 s`);
    },
    async runScheduler() {
      const now = new Date();
      await tick(db, now, images);
      await deliverOutbox(db, mailer, now);
    },
    async query(sql, ...args) {
      const rs = await client.execute({ sql, args: args as never });
      return rs.rows.map((row) => Object.fromEntries(rs.columns.map((c, i) => [c, row[i]])));
    },
    storedImage: (key) => images.get(key),
  };
  return {
    target,
    db,
    client,
    routes: app.routes.map(({ method, path }) => ({ method, path })),
    async close() {
      await Promise.allSettled([...pending]);
      client.close();
    },
  };
}
