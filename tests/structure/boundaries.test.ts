/**
 * Import boundaries (issue #20): .dependency-cruiser.cjs says which way imports may run; this runs it over
 * src/ and web/ in every test run, and over a small tree of deliberate violations to show each rule bites.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const config = join(root, '.dependency-cruiser.cjs');
const cli = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Runs dependency-cruiser in `cwd` over `paths`; its exit code is the number of errors, so it is not thrown. */
async function cruise(cwd: string, paths: string[]): Promise<Violation[]> {
  const args = [cli, ...paths, '--config', config, '--output-type', 'json'];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 64 << 20 }).catch(
    (err: { stdout?: string; stderr?: string }) => {
      if (!err.stdout) throw new Error(`dependency-cruiser failed: ${err.stderr ?? String(err)}`);
      return { stdout: err.stdout };
    },
  );
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/**
 * What imports cannot show: the runtime's globals and the clock, which the domain is handed instead. Node's
 * Buffer is a global too, and Workers have none (no nodejs_compat): a directory cursor built with it failed there.
 */
const runtimeGlobals = /\bprocess\.|\bDate\.now\(\)|\bnew Date\(\)|\bBuffer\./;

const describeViolations = (found: Violation[]) => found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

const tmp = mkdtempSync(join(tmpdir(), 'kindling-boundaries-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(path: string, text: string) {
  mkdirSync(dirname(join(tmp, path)), { recursive: true });
  writeFileSync(join(tmp, path), text);
}

describe('import boundaries', () => {
  it('hold in src/ and web/', async () => {
    const found = await cruise(root, ['src', 'web']);
    expect(describeViolations(found)).toEqual([]);
  });

  it('are broken by a tree that breaks each rule, one violation per rule', async () => {
    symlinkSync(join(root, 'node_modules'), join(tmp, 'node_modules'), 'dir');
    write('tsconfig.json', JSON.stringify({ compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'preact' } }));
    write('src/routes/things.ts', "export const things = 1;\n");
    write('src/api-type.ts', 'export type AppType = { ok: true };\nexport const notAType = 1;\n');
    write('src/schemas/index.ts', 'export const LIMIT = 3;\n');
    write('src/domain/rule.ts', 'export const rule = 2;\n');
    write(
      'src/domain/bad.ts',
      [
        "import { Hono } from 'hono';",
        "import { readFileSync } from 'node:fs';",
        "import { env } from 'cloudflare:workers';",
        "import { things } from '../routes/things';",
        'export const bad = [Hono, readFileSync, env, things];',
      ].join('\n'),
    );
    write('src/domain/recognition/drain.ts', 'export const drainRecognition = () => 0;\n');
    write('src/jobs/recognition.ts', "import { drainRecognition } from '../domain/recognition/drain';\nexport const drainSoon = drainRecognition;\n");
    write('src/domain/badge-read.ts', "import { drainRecognition } from './recognition/drain';\nexport const read = drainRecognition;\n");
    write('src/routes/answers.ts', "import { drainSoon } from '../jobs/recognition';\nexport const post = drainSoon;\n");
    // Node's modules and src/node/ belong to the Node home: allowed there, refused in the app.
    write('src/node/db.ts', "import { readFileSync } from 'node:fs';\nexport const open = readFileSync;\n");
    write('src/node.ts', "import { open } from './node/db';\nexport const start = open;\n");
    write('src/routes/files.ts', "import { readFileSync } from 'node:fs';\nexport const files = readFileSync;\n");
    write('src/app.ts', "import { open } from './node/db';\nexport const app = open;\n");
    // src/worker/ belongs to the Workers home in the same way.
    write('src/worker/sessions.ts', 'export const session = 1;\n');
    write('src/worker.ts', "import { session } from './worker/sessions';\nexport const fetch = session;\n");
    write('src/routes/replicas.ts', "import { session } from '../worker/sessions';\nexport const replicas = session;\n");
    write('src/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write('src/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
    write(
      'web/src/Page.tsx',
      [
        "import { LIMIT } from '../../src/schemas';",
        "import type { AppType } from '../../src/api-type';",
        "import { notAType } from '../../src/api-type';",
        "import { rule } from '../../src/domain/rule';",
        'export type T = AppType;',
        'export const Page = () => <p>{LIMIT + notAType + rule}</p>;',
      ].join('\n'),
    );

    const found = describeViolations(await cruise(tmp, ['src', 'web']));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^domain-not-hono: src\/domain\/bad\.ts → .*node_modules\/hono\//),
        'domain-not-runtime: src/domain/bad.ts → fs', // node:fs, as the resolver names it
        'node-apis-in-the-node-home: src/domain/bad.ts → fs',
        'node-apis-in-the-node-home: src/routes/files.ts → fs',
        'node-home-stays-outside-the-app: src/app.ts → src/node/db.ts',
        'worker-home-stays-outside-the-app: src/routes/replicas.ts → src/worker/sessions.ts',
        'domain-not-runtime-by-name: src/domain/bad.ts → cloudflare:workers',
        'domain-not-routes: src/domain/bad.ts → src/routes/things.ts',
        'web-only-schemas-and-types: web/src/Page.tsx → src/domain/rule.ts',
        'web-api-type-only: web/src/Page.tsx → src/api-type.ts',
        expect.stringMatching(/^no-circular: src\/(a|b)\.ts → src\/(b|a)\.ts$/),
        'recognition-drain-off-the-read-path: src/domain/badge-read.ts → src/domain/recognition/drain.ts',
        'recognition-drain-started-in-one-place: src/routes/answers.ts → src/jobs/recognition.ts',
      ]),
    );
    // And nothing else: the schemas import, the types-only import of the API type, and each home's own imports
    // (src/node.ts → src/node/db.ts → node:fs, src/worker.ts → src/worker/sessions.ts) are allowed.
    expect(found).toHaveLength(13);
  });

  it('keep process, Buffer and the clock out of src/domain (time is passed in as `now`)', () => {
    const files = readdirSync(join(root, 'src/domain'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => runtimeGlobals.test(readFileSync(join(root, 'src/domain', f), 'utf8')));
    expect(offenders).toEqual([]);
    // The pattern itself bites on each.
    for (const bad of ['process.env.X', 'const t = Date.now();', 'at = new Date();', "Buffer.from(x).toString('base64url')"]) expect(bad).toMatch(runtimeGlobals);
    expect('new Date(now.getTime())').not.toMatch(runtimeGlobals);
  });
});
