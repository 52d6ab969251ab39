/**
 * Moving an installation between homes: a populated Node installation (embedded file and images folder) is
 * exported with `kindling export`, imported with `kindling import` into a fresh local D1 and the local R2 bucket,
 * and the Worker in workerd then serves it as it was: the community, the answer and its image, the member's
 * token and points. Exported again from the local D1 and R2, it loads into a remote libSQL server with the rows
 * and images it had on Node. The shared core-loop scenarios then run on the moved installation.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';
import { startHranaServer } from '../helpers/hrana-server';
import { png, uploadRaw } from '../helpers/images';
import { differences, exportedContent } from '../helpers/installation-export';
import { loopScenarios } from '../scenarios/loop.scenario';
import type { ScenarioTarget } from '../scenarios/target';
import { workerTarget } from './target';
import { root, startWorker, type WorkerHome } from './wrangler';

let home: WorkerHome;
let target: ScenarioTarget;
let exportDir = '';
let importOutput = '';
const moved = { slug: '', promptId: 0, answerId: 0, imageId: '', memberToken: '', points: 0, imageBytes: new Uint8Array() };

function kindling(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['bin/kindling.mjs', ...args], { cwd: root, timeout: 120_000, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      err ? reject(new Error(`kindling ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
    ),
  );
}

beforeAll(async () => {
  // The Node home, populated through its API at the real time (the Worker's clock cannot be moved).
  const node = await makeTestApp(new Date().toISOString());
  const { member, community, prompt } = await communityWithOpenPrompt(node);
  const bytes = png(6, 4);
  const image = await uploadRaw(node, bytes, { token: member.token });
  const answer = await node.call('POST', `/api/prompts/${prompt.id}/submissions`, {
    token: member.token,
    body: { level: 'easy', body: 'Moved with care', visibility: 'public', anonymous: false, imageId: image.json.id },
  });
  expect(answer.status, answer.text).toBe(201);
  Object.assign(moved, {
    slug: community.slug, promptId: prompt.id, answerId: answer.json.id, imageId: image.json.id, memberToken: member.token,
    points: answer.json.points, imageBytes: (await node.images.get(image.json.id))!.body,
  });
  exportDir = mkdtempSync(join(tmpdir(), 'kindling-export-'));
  node.client.close();
  await kindling(['export', '--to', exportDir], { DATABASE_URL: `file:${node.file}`, IMAGES_DIR: node.imagesDir });
  node.close();

  home = await startWorker({
    async prepare(state) {
      importOutput = await kindling(['import', '--from', exportDir, '--local-d1', '--persist-to', state, '--r2-bucket', 'kindling-images'], {});
    },
  });
  target = workerTarget(home);
}, 240_000);

afterAll(async () => {
  await home?.stop();
  rmSync(exportDir, { recursive: true, force: true });
}, 30_000);

const get = (path: string, token?: string) =>
  fetch(`${home.baseUrl}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(15_000) });

describe('an installation moved from Node to D1 + R2', () => {
  it('says what it imported', () => {
    expect(importOutput).toMatch(/Imported \d+ row\(s\) and 1 image\(s\) into the R2 bucket kindling-images/);
  });

  it('serves the community, the answer and its image as they were', async () => {
    expect((await get(`/api/communities/${moved.slug}`)).status).toBe(200);
    const gallery = await (await get(`/api/prompts/${moved.promptId}/gallery`)).json();
    expect(JSON.stringify(gallery)).toContain('Moved with care');
    const image = await get(`/api/images/${moved.imageId}`);
    expect(image.status).toBe(200);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(moved.imageBytes);
  });

  it('moves on from D1 + R2 to a remote libSQL server with every row and image it had on Node', async () => {
    const fromD1 = mkdtempSync(join(tmpdir(), 'kindling-export-d1-'));
    const fromRemote = mkdtempSync(join(tmpdir(), 'kindling-export-remote-'));
    const server = await startHranaServer(join(fromRemote, 'remote.db'));
    try {
      const exportOutput = await kindling(['export', '--to', fromD1, '--local-d1', '--persist-to', home.state, '--r2-bucket', 'kindling-images'], {});
      expect(exportOutput).toMatch(/and 1 image\(s\)/);
      const remoteEnv = { DATABASE_URL: server.url, IMAGES_DIR: join(fromRemote, 'images-home'), SEED_DEMO: 'never' };
      await kindling(['import', '--from', fromD1], remoteEnv);
      await kindling(['export', '--to', join(fromRemote, 'export')], remoteEnv);
      const node = exportedContent(exportDir);
      // Serving the reads above wrote nothing of the installation's: D1 holds exactly what Node exported.
      expect(differences(node, exportedContent(fromD1))).toEqual([]);
      expect(differences(exportedContent(fromD1), exportedContent(join(fromRemote, 'export')))).toEqual([]);
    } finally {
      await server.close();
      rmSync(fromD1, { recursive: true, force: true });
      rmSync(fromRemote, { recursive: true, force: true });
    }
  }, 120_000);

  it("keeps the member's API token and points, and the member answers on", async () => {
    expect((await get('/api/me', moved.memberToken)).status).toBe(200);
    const board = await (await get(`/api/communities/${moved.slug}/leaderboard?period=all`, moved.memberToken)).json();
    expect(JSON.stringify(board)).toContain(`"points":${moved.points}`);
    const hard = await fetch(`${home.baseUrl}/api/prompts/${moved.promptId}/submissions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${moved.memberToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ level: 'hard', body: 'And once more, on the new home' }),
    });
    expect(hard.status, await hard.clone().text()).toBe(201);
  });
});

loopScenarios(() => target);
