/**
 * Runs the real Worker in workerd for tests: migrates a local D1 in a temp folder with `wrangler d1 migrations
 * apply`, then serves src/worker.ts with `wrangler dev` on 127.0.0.1 (a free port; Cron Triggers fired through
 * /__scheduled, which needs wrangler's own bundling, so dev bundles rather than serving the dry-run output; mail on
 * the console). Alongside, the deployable bundle is built as `npm run build:worker` does, for checks on its shape.
 * A platform proxy over the same folder gives the test the Worker's D1 and R2 bindings. Offline throughout.
 * Every wait is bounded, and wrangler's whole process group is killed at the end (or if the test run dies).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const wranglerBin = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

/** No metrics, no error reports, no banner or update check, no colours; logs stay in the temp folder. */
function wranglerEnv(logDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    WRANGLER_LOG_PATH: logDir,
    // wrangler.toml's [build] would build the web app in every suite at once; the suites build it once themselves.
    KINDLING_WEB_BUILD: 'skip',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    CI: 'true',
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // detached: the group holds wrangler, esbuild and workerd
  } catch {
    // already gone
  }
}

/** Runs one wrangler command to completion within `timeoutMs`; rejects with its output otherwise. */
export function wrangler(args: string[], opts: { logDir: string; timeoutMs?: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], {
      cwd: root,
      env: wranglerEnv(opts.logDir),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new Error(`wrangler ${args.join(' ')} timed out after ${opts.timeoutMs ?? 60_000} ms:\n${output}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`wrangler ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface PlatformProxy {
  env: Record<string, any>;
  dispose(): Promise<void>;
}

export interface WorkerHome {
  baseUrl: string;
  /** The --persist-to folder: the local D1 file is under v3/d1/miniflare-D1DatabaseObject/. */
  state: string;
  /** The built bundle (`wrangler deploy --dry-run --outdir`), as deployed. */
  bundleFile: string;
  /** Everything wrangler dev printed so far (the Worker's console.log included). */
  output(): string;
  /** The Worker's bindings (DB, IMAGES) over the same local state, from the test process. */
  bindings: PlatformProxy['env'];
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Vars over wrangler.toml's; by default the console mailer, no demo seed and no tick on requests. */
  vars?: Record<string, string>;
  /** Run with wrangler.toml's [vars] alone, as plain `npx wrangler dev` does. */
  asConfigured?: boolean;
  /** Runs after the local D1 is migrated and before wrangler dev starts, with the --persist-to folder. */
  prepare?: (state: string, logDir: string) => Promise<void>;
  readyTimeoutMs?: number;
}

export async function startWorker(opts: StartOptions = {}): Promise<WorkerHome> {
  const dir = mkdtempSync(join(tmpdir(), 'kindling-worker-'));
  const state = join(dir, 'state');
  const bundleDir = join(dir, 'bundle');
  // The assets folder must exist; the web build may not have run.
  mkdirSync(join(root, 'dist', 'web'), { recursive: true });

  let child: ChildProcess | undefined;
  let proxy: PlatformProxy | undefined;
  const onExit = () => child && killGroup(child, 'SIGKILL');
  process.once('exit', onExit);

  async function stop() {
    process.removeListener('exit', onExit);
    await proxy?.dispose().catch(() => {});
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child!, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  }

  try {
    const logDir = join(dir, 'logs');
    await Promise.all([
      wrangler(['deploy', '--dry-run', '--outdir', bundleDir], { logDir, timeoutMs: 90_000 }),
      wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { logDir, timeoutMs: 90_000 }),
    ]);
    const bundleFile = join(bundleDir, 'worker.js');
    await opts.prepare?.(state, logDir);

    const [port, inspectorPort] = [await freePort(), await freePort()];
    // The scenarios build their own state and run the scheduler themselves.
    const defaults = opts.asConfigured ? {} : { MAIL_TRANSPORT: 'console', SEED_DEMO: 'never', TICK_ON_REQUESTS: 'off' };
    const vars = Object.entries({ ...defaults, ...opts.vars }).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
    child = spawn(
      process.execPath,
      [
        wranglerBin, 'dev', '--config', join(root, 'wrangler.toml'), '--local',
        '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort),
        '--persist-to', state, '--test-scheduled', '--show-interactive-dev-session=false',
        ...vars,
      ],
      { cwd: root, env: wranglerEnv(logDir), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));

    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`wrangler dev was not ready in time:\n${output}`);
      const ok = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }

    const { getPlatformProxy } = await import('wrangler');
    proxy = (await getPlatformProxy({
      configPath: join(root, 'wrangler.toml'),
      persist: { path: join(state, 'v3') },
    })) as unknown as PlatformProxy;

    return { baseUrl, state, bundleFile, output: () => output, bindings: proxy.env, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
