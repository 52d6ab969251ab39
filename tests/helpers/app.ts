/** A real app over a fresh, migrated libSQL file in a temp folder, with a clock the test moves by hand. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { dbFromLibsql } from '../../db/client';
import { migrateLibsql, openLibsql } from '../../db/libsql';
import { trackWrites } from '../../src/node/data-version';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { drainRecognition } from '../../src/domain/recognition/drain';
import { createApiToken } from '../../src/domain/identity/sessions';
import { findOrCreateUser } from '../../src/domain/identity/users';
import { noMailer } from '../../src/mail/transports';
import { folderImageStore } from '../../src/node/storage-fs';

export class TestClock {
  constructor(public current: Date) {}
  now = () => new Date(this.current);
  set(iso: string | Date) {
    this.current = new Date(iso);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * `defer` is Deps.defer (after-response work): absent by default, so nothing runs behind a test's back and
 * recognition is refreshed where a test says so (`settleRecognition`).
 */
export async function makeTestApp(
  start = '2026-03-02T12:00:00Z',
  env: Record<string, string> = {},
  opts: { defer?: (work: Promise<unknown>) => void } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'kindling-test-'));
  const file = join(dir, `kindling-${randomUUID()}.db`);
  const opened = await openLibsql({ url: `file:${file}` });
  await migrateLibsql(opened.db);
  // As on Node (src/node/db.ts): writes are tracked, so read caches can skip the database safely.
  const { client: trackedClient, dataVersion } = trackWrites(opened.client, `${file}-wal`);
  const db = dbFromLibsql(trackedClient);
  const client = opened.client;
  const clock = new TestClock(new Date(start));
  const config = parseConfig({ MAIL_TRANSPORT: 'none', ...env });
  // Images live in the test's own temp folder, removed with it on close.
  const imagesDir = join(dir, 'images');
  const images = folderImageStore(imagesDir);
  const app = createApp({ db, clock: clock.now, mailer: noMailer, config, images, dataVersion, ...(opts.defer ? { defer: opts.defer } : {}) });

  /** A signed-in user for tests that are not about signing in: returns a Bearer token. */
  async function userToken(email: string, name?: string): Promise<{ token: string; userId: number }> {
    const user = await findOrCreateUser(db, email, clock.now(), name ?? email.split('@')[0]);
    return { token: await createApiToken(db, user.id, 'test', clock.now()), userId: user.id };
  }

  /** JSON request helper: `call('POST', '/api/x', { body, token, headers })`. */
  async function call(
    method: string,
    path: string,
    opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['Content-Type'] ??= 'application/json';
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    const res = await app.request(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, text, headers: res.headers };
  }

  /**
   * Does what the after-response drain (and the tick) does: refreshes every queued member's recognition.
   * Reads never refresh it themselves, so a test reads badges after a change once this has run, as a member
   * sees them a moment after their answer.
   */
  const settleRecognition = () => drainRecognition(db);

  function close() {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  }

  return { app, db, client, file, clock, config, images, imagesDir, call, userToken, settleRecognition, close };
}

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;
