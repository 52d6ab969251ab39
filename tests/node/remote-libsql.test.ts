/**
 * Kindling on a remote libSQL server, and an installation moved there and back. The server is a local stand-in
 * (tests/helpers/hrana-server.ts: Hrana 2 over HTTP, as `@libsql/client` speaks to sqld or Turso) over a file.
 * - `kindling migrate`, `import` and `export` work against the remote URL;
 * - Node → remote libSQL → Node gives back every row of every table and every image, byte for byte;
 * - the app over the remote URL serves what was moved and passes the shared core-loop, feed and data-rights
 *   scenarios that the Node file and the Worker pass.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';
import { startHranaServer, type HranaServer } from '../helpers/hrana-server';
import { png, uploadRaw } from '../helpers/images';
import { differences, exportedContent } from '../helpers/installation-export';
import { dataRightsScenarios } from '../scenarios/data-rights.scenario';
import { feedScenarios } from '../scenarios/feeds.scenario';
import { loopScenarios } from '../scenarios/loop.scenario';
import { nodeHome, type NodeHome } from '../scenarios/node-target';
import { client as jsonClient } from '../scenarios/target';

const root = join(__dirname, '..', '..');
let dir = '';
let server: HranaServer;
let remote: NodeHome;
const out: Record<string, string> = {};
const moved = { slug: '', promptId: 0, imageId: '', memberToken: '', points: 0 };

function kindling(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['bin/kindling.mjs', ...args], { cwd: root, timeout: 120_000, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      err ? reject(new Error(`kindling ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
    ),
  );
}

/** Tables in the remote server's file, read beside the server as an operator would with the sqlite3 shell. */
function remoteTables(): string[] {
  const db = new Database(join(dir, 'remote.db'), { readonly: true } as never);
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kindling-remote-'));
  // The Node home, populated through its API.
  const node = await makeTestApp(new Date().toISOString());
  const { member, community, prompt } = await communityWithOpenPrompt(node);
  const image = await uploadRaw(node, png(5, 3), { token: member.token });
  const answer = await node.call('POST', `/api/prompts/${prompt.id}/submissions`, {
    token: member.token,
    body: { level: 'easy', body: 'Carried to the server', visibility: 'public', anonymous: false, imageId: image.json.id },
  });
  expect(answer.status, answer.text).toBe(201);
  Object.assign(moved, { slug: community.slug, promptId: prompt.id, imageId: image.json.id, memberToken: member.token, points: answer.json.points });
  node.client.close();
  out.exportNode = await kindling(['export', '--to', join(dir, 'from-node')], { DATABASE_URL: `file:${node.file}`, IMAGES_DIR: node.imagesDir });
  node.close();

  // Into the remote server: migrated and loaded by the CLI over HTTP.
  server = await startHranaServer(join(dir, 'remote.db'), { authToken: 'remote-secret' });
  const remoteEnv = { DATABASE_URL: server.url, DATABASE_AUTH_TOKEN: 'remote-secret', IMAGES_DIR: join(dir, 'remote-images'), SEED_DEMO: 'never' };
  out.migrate = await kindling(['migrate'], remoteEnv);
  out.import = await kindling(['import', '--from', join(dir, 'from-node')], remoteEnv);
  // And back out of it.
  out.exportRemote = await kindling(['export', '--to', join(dir, 'from-remote')], remoteEnv);

  remote = await nodeHome({ url: server.url, authToken: 'remote-secret', imagesDir: join(dir, 'remote-images'), name: 'remote libSQL', migrate: false });
}, 240_000);

afterAll(async () => {
  await remote?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an installation moved from Node to a remote libSQL server and back', () => {
  it('is migrated, imported and exported by the CLI over the remote URL', () => {
    expect(out.migrate).toContain('The database schema is up to date.');
    expect(remoteTables().length).toBeGreaterThan(30);
    expect(out.import).toMatch(/Imported \d+ row\(s\) and 1 image\(s\)/);
    expect(out.exportRemote).toMatch(/Exported \d+ row\(s\) from \d+ table\(s\) and 1 image\(s\)/);
    expect(server.pipelines()).toBeGreaterThan(10);
  });

  it('comes back with every row of every table and every image, byte for byte', () => {
    const before = exportedContent(join(dir, 'from-node'));
    const after = exportedContent(join(dir, 'from-remote'));
    expect(differences(before, after)).toEqual([]);
    expect(before.size).toBeGreaterThan(30);
    expect(before.get('tables/submissions')).toContain('Carried to the server');
  });

  it('serves the moved community, answer, image, token and points from the remote database', async () => {
    const call = jsonClient(remote.target);
    const auth = { Authorization: `Bearer ${moved.memberToken}` };
    expect((await call('GET', `/api/communities/${moved.slug}`)).status).toBe(200);
    expect((await call('GET', `/api/prompts/${moved.promptId}/gallery`)).text).toContain('Carried to the server');
    expect((await remote.target.fetch(`/api/images/${moved.imageId}`)).status).toBe(200);
    expect((await call('GET', '/api/me', undefined, auth)).status).toBe(200);
    const board = await call('GET', `/api/communities/${moved.slug}/leaderboard?period=all`, undefined, auth);
    expect(board.text).toContain(`"points":${moved.points}`);
    const hard = await call('POST', `/api/prompts/${moved.promptId}/submissions`, { level: 'hard', body: 'Answered on the server' }, auth);
    expect(hard.status, hard.text).toBe(201);
  });
});

loopScenarios(() => remote.target);
feedScenarios(() => remote.target);
dataRightsScenarios(() => remote.target);
