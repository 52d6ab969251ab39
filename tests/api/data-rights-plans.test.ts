/**
 * A member's export and erasure look up the member's rows through an index, never by reading a whole table
 * that grows with the installation: on the benchmark's data (1,000,000 answers) one scan of a table of that size
 * took ~50 ms, and the erasure holds the only writer while it runs. SQLite's own plans, for every statement the
 * two requests send (the plan of a DELETE includes the lookups its foreign keys make).
 *
 * One exception: the points ledger, read and deleted by member across communities. It gains a row per answer, so
 * an index by member alone would cost every answer one more write, for the sake of a rare request (~50 ms per
 * million answers).
 */
import type { InArgs, InStatement } from '@libsql/client';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { watchClient } from '../helpers/client-spy';
import { download, seedTraces } from '../helpers/data-rights';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedTraces>>;
beforeEach(async () => {
  t = await makeTestApp();
  s = await seedTraces(t);
});
afterEach(() => t.close());

/** Tables with a row per member (and community, or answer) grow with the installation; the ledger is allowed (above). */
const GROWS_WITH = ['user_id', 'submission_id', 'reporter_id'];
const ALLOWED_SCANS = new Set(['points_ledger']);
/** A whole-table read: of the table itself, or of all of one of its indexes. */
const WHOLE_READ = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX \w+)?$/;

/**
 * Every whole read of a table that grows with the installation, in the plans of what `run` sent, with the
 * statement it came from. An INSERT is explained without foreign keys: with them, its plan also lists lookups in
 * every table whose rows may point at the new row, which SQLite makes only while a deferred foreign-key violation
 * is pending (never here). A DELETE or UPDATE keeps them: its cascades are real lookups.
 */
async function wholeReadsOf(run: () => Promise<unknown>): Promise<string[]> {
  const sent: InStatement[] = [];
  await watchClient(t.client, { sent: (x) => sent.push(...x) }, run);
  expect(sent.length).toBeGreaterThan(10);
  const own = new Database(t.file, { readonly: true });
  try {
    const tables = own.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[];
    const growing = new Set(
      tables
        .filter(({ name }) => (own.prepare(`pragma table_info("${name}")`).all() as { name: string }[]).some((c) => GROWS_WITH.includes(c.name)))
        .map(({ name }) => name)
        .filter((name) => !ALLOWED_SCANS.has(name)),
    );
    expect(growing).toContain('scores');
    return sent.flatMap((x) => {
      const { sql, args } = typeof x === 'string' ? { sql: x, args: [] as InArgs } : x;
      if (!/^\s*(select|insert|update|delete|with)\b/i.test(sql)) return [];
      own.exec(`PRAGMA foreign_keys = ${/^\s*insert\b/i.test(sql) ? 'OFF' : 'ON'}`);
      const plan = own.prepare(`explain query plan ${sql}`).all(...((args ?? []) as unknown[])) as { detail: string }[];
      return plan
        .filter((p) => growing.has(WHOLE_READ.exec(p.detail)?.[1] ?? ''))
        .map((p) => `${p.detail} in: ${sql.slice(0, 120)}`);
    });
  } finally {
    own.close();
  }
}

describe("a member's data rights read through indexes", () => {
  it('GET /api/me/export scans no table that grows with the installation', async () => {
    const reads = await wholeReadsOf(async () => expect((await download(t, '/api/me/export', s.mo.token)).res.status).toBe(200));
    expect(reads).toEqual([]);
  });

  it('DELETE /api/me scans no table that grows with the installation', async () => {
    const reads = await wholeReadsOf(async () => {
      const res = await t.call('DELETE', '/api/me', { token: s.mo.token, body: { confirm: 'delete my account' } });
      expect(res.status, res.text).toBe(200);
    });
    expect(reads).toEqual([]);
  });
});
