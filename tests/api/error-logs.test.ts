import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { makeTestApp, type TestApp } from '../helpers/app';
import { errorKind } from '../../src/error-kind';

let t: TestApp;
let logged: string[];
beforeEach(async () => {
  t = await makeTestApp();
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

describe('error logs', () => {
  it('log a failed query by its kind and code, never with the parameters Drizzle quotes in its message', async () => {
    // A query that fails with the address as a bound parameter: the sign-in request writes it to the outbox.
    await t.client.execute('DROP TABLE outbox');
    const res = await t.call('POST', '/api/auth/email-link', { body: { email: 'secret.person@example.org' } });

    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side' } });
    expect(logged.join('\n')).toMatch(/\[error\] POST \/api\/auth\/email-link: \w+/);
    expect(logged.join('\n')).not.toContain('secret.person');
    expect(logged.join('\n')).not.toContain('outbox');
  });

  it('name the driver code of a failed query, and nothing of its text or values', async () => {
    const err = await t.db.run(sql`insert into no_such_table values (${'a private answer'})`).catch((e: unknown) => e);
    const kind = errorKind(err);
    expect(kind).toMatch(/SQLITE_ERROR/);
    expect(kind).not.toContain('private answer');
    expect(kind).not.toContain('no_such_table');
  });
});
