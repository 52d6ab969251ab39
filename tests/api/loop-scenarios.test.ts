/**
 * The shared loop scenarios (tests/scenarios/loop.scenario.ts) against the Node home: the same app over a fresh,
 * migrated libSQL file, the real clock, images in a folder, and a mailer that keeps what it delivered.
 * tests/worker/worker.test.ts runs the very same scenarios against the Worker in workerd.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Client } from '@libsql/client';
import type { Db } from '../../db/client';
import { migrateLibsql, openLibsql } from '../../db/libsql';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import type { Mailer, OutgoingMail } from '../../src/deps';
import { deliverOutbox } from '../../src/jobs/outbox';
import { tick } from '../../src/jobs/tick';
import { folderImageStore } from '../../src/storage-fs';
import { dataRightsScenarios } from '../scenarios/data-rights.scenario';
import { feedScenarios } from '../scenarios/feeds.scenario';
import { loopScenarios } from '../scenarios/loop.scenario';
import type { ScenarioTarget } from '../scenarios/target';

let dir: string;
let client: Client;
let target: ScenarioTarget;
const pending = new Set<Promise<unknown>>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kindling-scenarios-'));
  const opened = await openLibsql({ url: `file:${join(dir, `kindling-${randomUUID()}.db`)}` });
  client = opened.client;
  const db: Db = opened.db;
  await migrateLibsql(db);

  const delivered: OutgoingMail[] = [];
  const mailer: Mailer = { send: async (mail) => void delivered.push(mail) };
  const images = folderImageStore(join(dir, 'images'));
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

  target = {
    name: 'node',
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
});

afterAll(async () => {
  await Promise.allSettled([...pending]);
  client?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

loopScenarios(() => target);
feedScenarios(() => target);
dataRightsScenarios(() => target);
