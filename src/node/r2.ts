/**
 * An R2 bucket reached through `wrangler r2 object put/get`: the local one of `wrangler dev` (its --persist-to
 * folder), or the deployed one (`--remote`). For moving images in and out of a Workers home with the CLI.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function wrangler(args: string[], localPersistTo: string | null): void {
  const bin = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
  const where = localPersistTo === null ? ['--remote'] : ['--local', '--persist-to', localPersistTo];
  execFileSync(process.execPath, [bin, ...args, ...where], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    timeout: 60_000,
  });
}

export function putInR2(bucket: string, image: { id: string; file: string; contentType: string }, localPersistTo: string | null): void {
  wrangler(['r2', 'object', 'put', `${bucket}/${image.id}`, '--file', image.file, '--content-type', image.contentType], localPersistTo);
}

/**
 * The bytes of one object, or null when the bucket has none under that key. wrangler does not print the
 * object's content type, so the caller takes it from the image's row.
 */
export function getFromR2(bucket: string, key: string, localPersistTo: string | null): Uint8Array | null {
  const dir = mkdtempSync(join(tmpdir(), 'kindling-r2-'));
  try {
    const file = join(dir, 'object');
    wrangler(['r2', 'object', 'get', `${bucket}/${key}`, '--file', file], localPersistTo);
    return new Uint8Array(readFileSync(file));
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
