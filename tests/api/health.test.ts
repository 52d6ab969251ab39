import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRouterName } from 'hono/dev';
import { checkpointInBackground } from '../../db/checkpointer';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('the app shell', () => {
  it('answers /healthz without the database, and /readyz through it', async () => {
    expect(await t.call('GET', '/readyz')).toMatchObject({ status: 200, json: { ok: true } });
    t.client.close();
    // Liveness holds while the database is gone; readiness says so with the JSON error shape.
    expect(await t.call('GET', '/healthz')).toMatchObject({ status: 200, json: { ok: true } });
    const ready = await t.call('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.json.error.code).toBe('unavailable');
  });

  it("routes with Hono's RegExpRouter", () => {
    // A pattern RegExpRouter cannot compile (a static segment beside a parameter that goes deeper) makes
    // Hono fall back to its slower TrieRouter for every request, silently; this catches such a route.
    expect(getRouterName(t.app)).toBe('SmartRouter + RegExpRouter');
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    const res = await t.call('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });

  it('sets WAL, synchronous=NORMAL, busy_timeout and foreign keys on the connection', async () => {
    const read = async (pragma: string) => Object.values((await t.client.execute(`PRAGMA ${pragma}`)).rows[0]!)[0];
    expect(await read('journal_mode')).toBe('wal');
    expect(await read('synchronous')).toBe(1); // NORMAL
    expect(await read('busy_timeout')).toBe(5000);
    expect(await read('foreign_keys')).toBe(1);
  });

  it('refuses bodies over the limit with 413', async () => {
    const res = await t.call('POST', '/api/communities', { body: { name: 'x'.repeat(70_000) } });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload_too_large');
  });

  it('refuses by the declared Content-Length too, and lets a declared small body through', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(70_000) });
    const refused = await t.call('POST', '/api/communities', { body: big, headers: { 'Content-Length': String(big.length) } });
    expect(refused.status).toBe(413);
    expect(refused.json.error.code).toBe('payload_too_large');
    const small = JSON.stringify({ email: 'declared@example.org' });
    const sent = await t.call('POST', '/api/auth/email-link', { body: small, headers: { 'Content-Length': String(small.length) } });
    expect(sent.status).toBe(202);
  });

  it('refuses a cross-site unsafe request', async () => {
    const res = await t.call('POST', '/api/auth/sign-out', {
      headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('cross_site');
  });

  it('lets a same-origin form post through even when the page hid its origin (Origin: null)', async () => {
    const res = await t.call('POST', '/api/auth/sign-out', {
      headers: { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(res.status).toBe(200);
    const forged = await t.call('POST', '/api/auth/sign-out', { headers: { Origin: 'null' } });
    expect(forged.status).toBe(403);
  });

  it('can move WAL checkpoints off the request path', async () => {
    const stop = await checkpointInBackground(t.client, t.file, { everyMs: 10 });
    const read = async (sql: string) => Object.values((await t.client.execute(sql)).rows[0]!);
    expect(await read('PRAGMA wal_autocheckpoint')).toEqual([0]);
    // A restarted WAL is trimmed back to the truncation threshold (64 MB by default), never left huge.
    expect(await read('PRAGMA journal_size_limit')).toEqual([64 * 1024 * 1024]);
    // In WAL mode a commit touches only the WAL: the database file changes only when a checkpoint copies
    // frames into it, and this connection no longer checkpoints, so a change there is the worker's doing.
    const fileState = () => {
      const { size, mtimeMs } = statSync(t.file);
      return `${size}:${mtimeMs}`;
    };
    const before = fileState();
    await t.call('POST', '/api/auth/email-link', { body: { email: 'wal@example.org' } });
    await expect.poll(fileState, { timeout: 5_000 }).not.toBe(before);
    const [, logFrames, checkpointed] = await read('PRAGMA wal_checkpoint(PASSIVE)');
    expect(checkpointed).toBe(logFrames);
    stop();
  });
});
