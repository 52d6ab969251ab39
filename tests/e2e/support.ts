/**
 * End-to-end support: the real Node server (src/node.ts) on 127.0.0.1 over a fresh database file, and
 * Debian's Chromium driven by playwright-core. CI must have Chromium (.ci/run installs it); a developer
 * machine without it skips the browser suite and says why.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { openLibsql } from '../../db/libsql';
import type { Db } from '../../db/client';
import { outbox } from '../../db/schema';
import { createApiToken } from '../../src/domain/identity/sessions';
import { findOrCreateUser } from '../../src/domain/identity/users';

export const CHROMIUM = '/usr/bin/chromium';
const root = new URL('../..', import.meta.url).pathname;

/** True when the browser suite can run. In CI a missing Chromium is an error, never a silent skip. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run must install it (apt-get install -y chromium)`);
  console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium to run the browser suite)`);
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let built = false;
/** The pages link the built client; build it once per test run. */
function buildWeb() {
  if (built) return;
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], { cwd: root, stdio: 'inherit', timeout: 120_000 });
  built = true;
}

export interface RunningKindling {
  base: string;
  db: Db;
  /** A Bearer token for a user, created straight in the database (for setting up state through the API). */
  tokenFor(email: string, name: string): Promise<string>;
  /** The newest sign-in link mailed to an address, read from the outbox as the mail transport would send it. */
  signInLink(email: string): Promise<string>;
  api(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: any }>;
  stop(): Promise<void>;
}

export async function startKindling(): Promise<RunningKindling> {
  buildWeb();
  const dir = mkdtempSync(join(tmpdir(), 'kindling-e2e-'));
  const port = await freePort();
  const url = `file:${join(dir, 'kindling.db')}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/node.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: url, MAIL_TRANSPORT: 'none', SEED_DEMO: 'never' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const started = Date.now();
  while (!/running at/.test(output)) {
    if (child.exitCode !== null || Date.now() - started > 30_000) {
      child.kill('SIGKILL');
      throw new Error(`Kindling did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const base = `http://127.0.0.1:${port}`;
  const { db, client } = await openLibsql({ url });

  return {
    base,
    db,
    async tokenFor(email, name) {
      const user = await findOrCreateUser(db, email, new Date(), name);
      return createApiToken(db, user.id, 'e2e', new Date());
    },
    async signInLink(email) {
      for (let i = 0; i < 100; i++) {
        const [mail] = await db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.id)).limit(1);
        if (mail?.actionUrl) return mail.actionUrl;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('no sign-in mail in the outbox');
    },
    async api(method, path, token, body) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
    async stop() {
      client.close();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const timer = setTimeout(() => (child.kill('SIGKILL'), r(null)), 5_000);
          child.once('exit', () => (clearTimeout(timer), r(null)));
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
}

const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the current page (WCAG 2.x A/AA rules). */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  // Evaluated through the DevTools protocol, which page CSPs do not govern; a <script> tag would be refused.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as any).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.target.join(' ')) }));
  });
}

export const artifactsDir = join(root, 'tests/artifacts');

/** Signs in the way a person does: the sign-in page, the mailed link (read from the outbox), Continue. */
export async function signInThroughEmail(k: RunningKindling, page: Page, email: string, name: string) {
  await page.goto(`${k.base}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await page.getByText('Check your email').waitFor();
  await page.goto(await k.signInLink(email));
  const nameField = page.getByLabel(/name/i);
  if (await nameField.count()) await nameField.first().fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${k.base}/`);
}

export async function expectAccessible(page: Page) {
  expect(await seriousA11yViolations(page), page.url()).toEqual([]);
}

/**
 * A public community whose facilitator (the token's user) starts a daily series today with one prompt: the
 * set-up the browser tests share. Returns the prompt's id.
 */
export async function publicCommunityWithPromptToday(
  k: RunningKindling,
  facilitator: string,
  community: { slug: string; name: string },
  series: { title: string; easy: string; hard: string },
): Promise<number> {
  const made = await k.api('POST', '/api/communities', facilitator, { ...community, timeZone: 'UTC', visibility: 'public' });
  expect(made.status).toBe(201);
  const started = await k.api('POST', `/api/communities/${community.slug}/series`, facilitator, {
    title: series.title,
    startDate: new Date().toISOString().slice(0, 10),
    cadence: 'daily',
    prompts: [{ easy: series.easy, hard: series.hard }],
  });
  expect(started.status).toBe(201);
  return started.json.prompts[0].id;
}
