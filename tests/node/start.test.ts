/**
 * `npm start` as a new user meets it: the real Node entry point on a fresh database file, reached over HTTP.
 * Every wait is bounded, and the server is always stopped.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let server: ChildProcess;
let output = '';
let base: string;
let env: NodeJS.ProcessEnv;
/** A member made with the CLI's token (the private-community test), answering in the demo later. */
let ownerAuth: Record<string, string>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Resolves with the first match of `pattern` in the server's output from `from` on; fails after `ms`. */
function waitFor(pattern: RegExp, ms: number, from = 0): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const match = output.slice(from).match(pattern);
      if (match) done(() => resolve(match));
      else if (server.exitCode !== null) done(() => reject(new Error(`server exited (${server.exitCode}):\n${output}`)));
      else if (Date.now() - started > ms) done(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${output}`)));
    }, 50);
    const done = (then: () => void) => {
      clearInterval(poll);
      then();
    };
  });
}

function exited(child: ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kindling-start-'));
  const port = await freePort();
  env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'data', 'kindling.db')}`, MAIL_TRANSPORT: 'console' };
  // What `npm start` runs after building the web app: the bundled server.
  await new Promise<void>((resolve, reject) =>
    execFile('npm', ['run', '--silent', 'build:server'], { cwd: root }, (err) => (err ? reject(err) : resolve())),
  );
  server = spawn(process.execPath, ['dist/node.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  const [, url] = await waitFor(/Kindling is running at (http:\/\/\S+)/, 25_000);
  base = url!;
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    if ((await exited(server, 5_000)) === null) server.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start on a fresh machine', () => {
  it('serves /readyz and says where the demo community is', async () => {
    const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outbox: { oldestUnsentSeconds: null, failing: 0, givenUp: 0, suppressed: 0 } });
    await waitFor(/Demo community: \S+\/c\/kindling-demo/, 5_000);
  });

  it('serves / as an HTML page listing the seeded demo community', async () => {
    const res = await fetch(`${base}/`, { signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Kindling demo');
    expect(page).toContain('href="/c/kindling-demo"');
  });

  it('signs a new user in through the link printed in the console', async () => {
    const from = output.length;
    const ask = await fetch(`${base}/api/auth/email-link`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'newcomer@example.org' }),
      signal: AbortSignal.timeout(5_000),
    });
    expect(ask.status).toBe(202);
    const [link] = await waitFor(/http:\/\/\S+\/auth\/confirm\?token=[\w-]+/, 10_000, from);
    expect(output).not.toContain('newcomer@example.org');

    const page = await fetch(link, { signal: AbortSignal.timeout(5_000) });
    expect(page.status).toBe(200);
    const token = new URL(link).searchParams.get('token')!;
    const confirm = await fetch(`${base}/auth/confirm`, {
      method: 'POST',
      body: new URLSearchParams({ token, name: 'Newcomer' }),
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
    });
    expect(confirm.status).toBe(303);
    const cookie = confirm.headers.get('set-cookie')!.split(';')[0]!;
    const me = await fetch(`${base}/api/me`, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(5_000) });
    expect(await me.json()).toMatchObject({ name: 'Newcomer' });
  });

  it('never lists a private community on / to outsiders, and escapes what members wrote', async () => {
    const cli = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['bin/kindling.mjs', 'token', 'create', '--email', 'owner@example.org'], { cwd: root, env, timeout: 30_000 }, (err, stdout) =>
        err ? reject(err) : resolve(stdout),
      ),
    );
    const auth = { Authorization: `Bearer ${cli.trim().split('\n').at(-1)}` };
    ownerAuth = auth;
    const created = await fetch(`${base}/api/communities`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ slug: 'secret-circle', name: 'Secret <b>circle</b>', timeZone: 'Asia/Tokyo', visibility: 'private' }),
      signal: AbortSignal.timeout(5_000),
    });
    expect(created.status).toBe(201);

    const outsider = await (await fetch(`${base}/`, { signal: AbortSignal.timeout(5_000) })).text();
    expect(outsider).not.toContain('secret-circle');
    expect(outsider).not.toContain('Secret');
    const member = await (await fetch(`${base}/`, { headers: auth, signal: AbortSignal.timeout(5_000) })).text();
    expect(member).toContain('Secret &lt;b');
    expect(member).not.toContain('Secret <b>');
    expect(member).toContain('Kindling demo');
  });

  it("refreshes an answer's badges in the recognition drain's own thread", async () => {
    const json = { ...ownerAuth, 'Content-Type': 'application/json' };
    const timeout = () => AbortSignal.timeout(5_000);
    expect((await fetch(`${base}/api/communities/kindling-demo/join`, { method: 'POST', headers: json, body: '{}', signal: timeout() })).status).toBe(200);
    const today = (await (await fetch(`${base}/api/communities/kindling-demo/today`, { headers: ownerAuth, signal: timeout() })).json()) as {
      prompts: { id: number }[];
    };
    const answer = await fetch(`${base}/api/prompts/${today.prompts[0]!.id}/submissions`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ level: 'easy', body: 'A first small thing.' }),
      signal: timeout(),
    });
    expect(answer.status).toBe(201);
    const badgeIds = async () => {
      const mine = await fetch(`${base}/api/communities/kindling-demo/badges/me`, { headers: ownerAuth, signal: timeout() });
      return ((await mine.json()) as { badges: { id: string }[] }).badges.map((b) => b.id);
    };
    await eventually(async () => (await badgeIds()).includes('first-answer'), 10_000, 100);
    expect(await badgeIds()).toContain('first-answer');
    // The bundled thread (dist/node-recognition-worker.mjs) started and did the drain: no fallback was needed.
    expect(output).not.toContain("drain's thread stopped");
  });

  it('stops cleanly on SIGTERM', async () => {
    server.kill('SIGTERM');
    expect(await exited(server, 8_000)).toBe(0);
  });
});
