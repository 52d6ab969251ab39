/**
 * The shared loop scenarios (tests/scenarios/loop.scenario.ts) against the Node home: the same app over a fresh,
 * migrated libSQL file, the real clock, images in a folder, and a mailer that keeps what it delivered.
 * tests/worker/worker.test.ts runs the very same scenarios against the Worker in workerd, and
 * tests/node/remote-libsql.test.ts against a remote libSQL server.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { dataRightsScenarios } from '../scenarios/data-rights.scenario';
import { feedScenarios } from '../scenarios/feeds.scenario';
import { mailLinkScenarios } from '../scenarios/mail-links.scenario';
import { loopScenarios } from '../scenarios/loop.scenario';
import { nodeHome, type NodeHome } from '../scenarios/node-target';

let dir: string;
let home: NodeHome;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kindling-scenarios-'));
  home = await nodeHome({ url: `file:${join(dir, `kindling-${randomUUID()}.db`)}`, imagesDir: join(dir, 'images') });
});

afterAll(async () => {
  await home?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

loopScenarios(() => home.target);
feedScenarios(() => home.target);
dataRightsScenarios(() => home.target);
mailLinkScenarios(() => home.target);
