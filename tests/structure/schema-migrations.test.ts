/**
 * The tables in db/schema/ and the committed migrations describe the same database: drizzle-kit, run over a
 * copy of db/migrations, finds nothing to migrate. A column added to the schema without its migration (or the
 * reverse) fails here instead of on the next `npm run db:generate`.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const drizzleKit = join(root, 'node_modules/drizzle-kit/bin.cjs');
const tmp = mkdtempSync(join(tmpdir(), 'kindling-schema-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** drizzle-kit generate over `schema` into a copy of the migrations; what it printed and the files it left. */
async function generate(schema: string, name: string) {
  const out = join(tmp, name);
  cpSync(join(root, 'db/migrations'), out, { recursive: true });
  // drizzle-kit reads --out relative to the working directory (it prefixes './').
  const args = [drizzleKit, 'generate', '--dialect', 'sqlite', '--schema', schema, '--out', relative(root, out)];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root });
  return { stdout, files: readdirSync(out).sort() };
}

describe('schema and migrations', () => {
  it('agree: drizzle-kit finds no change to migrate', async () => {
    const { stdout, files } = await generate('./db/schema/index.ts', 'as-is');
    expect(stdout).toContain('No schema changes');
    expect(files).toEqual(readdirSync(join(root, 'db/migrations')).sort());
  });

  it('disagree when the schema has a table the migrations lack (the check bites)', async () => {
    const extra = join(tmp, 'extra.ts');
    // Outside the repository, so drizzle-orm is named by the path the schema's own import resolves to.
    const sqliteCore = createRequire(join(root, 'package.json')).resolve('drizzle-orm/sqlite-core');
    writeFileSync(
      extra,
      [
        `export * from '${join(root, 'db/schema/index.ts')}';`,
        `import { integer, sqliteTable } from '${sqliteCore}';`,
        "export const unmigrated = sqliteTable('unmigrated', { id: integer('id').primaryKey() });",
      ].join('\n'),
    );
    const { stdout, files } = await generate(relative(root, extra), 'with-extra');
    expect(stdout).not.toContain('No schema changes');
    expect(files.filter((f) => f.endsWith('.sql'))).toHaveLength(readdirSync(join(root, 'db/migrations')).filter((f) => f.endsWith('.sql')).length + 1);
  });
});
