/**
 * `redocly lint` (the npm package's CLI, run as a client's tooling would) over the document the app serves:
 * no problem of any kind under the recommended rules, so every operation documents its 4xx responses.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';

const run = promisify(execFile);
const cli = join(process.cwd(), 'node_modules/@redocly/cli/bin/cli.js');

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer?: string }[];
}

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z', { PUBLIC_URL: 'https://kindling.example' });
});
afterAll(() => t.close());

async function lint(doc: unknown): Promise<Problem[]> {
  const file = join(t.file + '-openapi.json');
  writeFileSync(file, JSON.stringify(doc));
  // Exit code 1 means problems were found; the JSON report is on stdout either way.
  const { stdout } = await run(process.execPath, [cli, 'lint', file, '--format=json', '--config', 'redocly.yaml']).catch(
    (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }),
  );
  return (JSON.parse(stdout) as { problems: Problem[] }).problems;
}

describe('redocly lint', () => {
  it('finds no errors and no warnings in the served document', async () => {
    const { json: doc } = await t.call('GET', '/api/openapi.json');
    expect(doc.servers).toEqual([{ url: 'https://kindling.example' }]);
    const problems = await lint(doc);
    expect(problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
  });

  it('would flag an operation without a 4xx response (the check can fail)', async () => {
    const { json: doc } = await t.call('GET', '/api/openapi.json');
    const op = doc.paths['/api/badges'].get;
    for (const status of Object.keys(op.responses)) if (status.startsWith('4')) delete op.responses[status];
    const problems = await lint(doc);
    expect(problems.map((p) => p.ruleId)).toContain('operation-4xx-response');
  });
});
