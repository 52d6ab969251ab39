/**
 * db/prepared.ts builds a query once per database and binds values on each use. A bound query must behave
 * exactly as the query built afresh would: same rows, same column mapping, in a batch as alone, and never
 * mix up two databases or two uses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateLibsql, openLibsql } from '../../db/libsql';
import { prepared, preparedSql, type Placeholders } from '../../db/prepared';
import { users } from '../../db/schema';

const dir = mkdtempSync(join(tmpdir(), 'kindling-prepared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freshDb(name: string) {
  const opened = await openLibsql({ url: `file:${join(dir, `${name}.db`)}` });
  await migrateLibsql(opened.db);
  return opened;
}

type NewUser = { email: string; name: string; steward: boolean; at: number };
const insertUser = prepared((db, p: Placeholders<NewUser>) =>
  db
    .insert(users)
    .values({ email: p.email, name: p.name, isSteward: p.steward, createdAt: p.at })
    .returning({ id: users.id, isSteward: users.isSteward }),
);
const userByEmail = prepared((db, p: Placeholders<{ email: string }>) =>
  db.select({ name: users.name, isSteward: users.isSteward, shout: sql<string>`upper(${users.name})` }).from(users).where(eq(users.email, p.email)),
);

describe('prepared queries', () => {
  it('bind new values on every use, in a batch and alone, with the columns mapped as Drizzle maps them', async () => {
    const { db, client } = await freshDb('one');
    const [ana, bo] = await db.batch([
      insertUser.bind(db, { email: 'ana@example.org', name: 'Ana', steward: true, at: 1 }),
      insertUser.bind(db, { email: 'bo@example.org', name: 'Bo', steward: false, at: 2 }),
    ]);
    // Booleans come back as booleans: the column's mapping applies to a placeholder's value too.
    expect(ana).toEqual([{ id: 1, isSteward: true }]);
    expect(bo).toEqual([{ id: 2, isSteward: false }]);
    expect(await userByEmail.run(db, { email: 'bo@example.org' })).toEqual([{ name: 'Bo', isSteward: false, shout: 'BO' }]);
    expect(await userByEmail.run(db, { email: 'ana@example.org' })).toEqual([{ name: 'Ana', isSteward: true, shout: 'ANA' }]);
    expect(await userByEmail.run(db, { email: 'nobody@example.org' })).toEqual([]);
    // The stored row is what a query built afresh reads.
    expect(await db.select({ steward: users.isSteward, at: users.createdAt }).from(users).where(eq(users.id, 1))).toEqual([{ steward: true, at: 1 }]);
    client.close();
  });

  it('keeps each database to itself', async () => {
    const first = await freshDb('first');
    const second = await freshDb('second');
    await insertUser.run(first.db, { email: 'only@first.org', name: 'First', steward: false, at: 1 });
    await insertUser.run(second.db, { email: 'only@second.org', name: 'Second', steward: false, at: 1 });
    expect(await userByEmail.run(first.db, { email: 'only@second.org' })).toEqual([]);
    expect(await userByEmail.run(second.db, { email: 'only@second.org' })).toEqual([{ name: 'Second', isSteward: false, shout: 'SECOND' }]);
    first.client.close();
    second.client.close();
  });

  it('names a missing value instead of running without it', async () => {
    const { db, client } = await freshDb('missing');
    await expect(userByEmail.run(db, {} as { email: string })).rejects.toThrow(/No value for placeholder "email"/);
    client.close();
  });
});

describe('raw statements built once (preparedSql)', () => {
  const byName = preparedSql<{ name: string; limit: number }>(
    (v) => sql`SELECT email, ${'constant'} AS tag FROM users WHERE name = ${v.name} OR name = upper(${v.name}) ORDER BY email LIMIT ${v.limit}`,
  );

  it('puts each use’s values where its placeholders were, beside the constants, and equals the statement built afresh', async () => {
    const { db, client } = await freshDb('raw');
    for (const [email, name] of [['a@example.org', 'Ana'], ['b@example.org', 'ANA'], ['c@example.org', 'Bo']]) {
      await insertUser.run(db, { email: email!, name: name!, steward: false, at: 1 });
    }
    expect(await byName.all(db, { name: 'Ana', limit: 5 })).toEqual([
      { email: 'a@example.org', tag: 'constant' },
      { email: 'b@example.org', tag: 'constant' },
    ]);
    expect(await byName.all(db, { name: 'Bo', limit: 1 })).toEqual([{ email: 'c@example.org', tag: 'constant' }]);
    const afresh = sql`SELECT email, ${'constant'} AS tag FROM users WHERE name = ${'Ana'} OR name = upper(${'Ana'}) ORDER BY email LIMIT ${1}`;
    expect(await byName.all(db, { name: 'Ana', limit: 1 })).toEqual(await db.all(afresh));
    client.close();
  });

  it('keeps a "?" of the statement\'s own text (in a string literal) apart from its values', async () => {
    const { db, client } = await freshDb('quoted');
    const quoted = preparedSql<{ name: string }>((v) => sql`SELECT 'why?' AS q, ${v.name} AS name`);
    expect(await quoted.all(db, { name: 'Ana' })).toEqual([{ q: 'why?', name: 'Ana' }]);
    client.close();
  });
});
