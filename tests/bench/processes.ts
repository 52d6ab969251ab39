/**
 * Child servers under test: started with a free port, awaited until they print their ready line (bounded),
 * watched for memory, and always stopped — on success, on failure, and when the bench itself is interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const RSS_SAMPLE_MS = 100;

const running = new Set<ChildProcess>();

// Never leave a server behind: kill what is still running when the bench exits or is interrupted.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Peak memory of a process, from /proc: the largest VmRSS sampled and the kernel's own high-water mark. */
class MemoryWatch {
  peakKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), RSS_SAMPLE_MS);
    this.timer.unref();
  }

  sample(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      for (const field of ['VmRSS', 'VmHWM']) {
        const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
        this.peakKb = Math.max(this.peakKb, kb);
      }
    } catch {
      // the process is gone; keep what was seen
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface Server {
  url: string;
  pid: number;
  /** False once the process has exited (a crash, or a signal from outside the bench). */
  alive(): boolean;
  /** The last few KB it printed, for error messages. */
  output(): string;
  /** Stops the server (SIGTERM, then SIGKILL after a grace period) and returns its peak RSS in MB. */
  stop(): Promise<number>;
}

/**
 * The flags `npm start` gives node before dist/node.mjs (package.json): the bench runs Kindling's server as it
 * runs in production, memory settings included.
 */
export function npmStartNodeFlags(cwd: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const run = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\/node\.mjs\b/.exec(scripts.start);
  if (!run) throw new Error(`package.json's start script does not run "node … dist/node.mjs": ${scripts.start}`);
  return run[1]!.trim().split(' ').filter(Boolean);
}

/**
 * Runs an entry in a plain `node` process, so the pid is the server itself: built JavaScript as is (Kindling's
 * dist/node.mjs with the node flags `npm start` gives it), TypeScript with tsx's loader.
 */
export async function startServer(
  entry: string,
  cwd: string,
  env: Record<string, string>,
  ready: RegExp,
  /** A folder for a V8 CPU profile of the whole run (written when the server stops). */
  cpuProfDir?: string,
): Promise<Server> {
  const port = await freePort();
  const profiling = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const asStarted = entry.endsWith(join('dist', 'node.mjs')) ? npmStartNodeFlags(cwd) : [];
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...profiling, ...asStarted, ...loader, entry], {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child));
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const memory = new MemoryWatch(child.pid!);
  const stop = async () => {
    memory.sample();
    memory.stop();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    return memory.peakKb / 1024;
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${entry} was not ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      const check = () => {
        if (ready.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${entry} exited before it was ready (code ${child.exitCode})`));
      });
    });
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- its output ---\n${output}`);
  }
  const alive = () => child.exitCode === null && child.signalCode === null;
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, alive, output: () => output, stop };
}
