/** Puts an exported image into an R2 bucket with `wrangler r2 object put`: the local one of `wrangler dev`, or the deployed one. */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

export function putInR2(bucket: string, image: { id: string; file: string; contentType: string }, localPersistTo: string | null): void {
  const wrangler = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
  const where = localPersistTo === null ? ['--remote'] : ['--local', '--persist-to', localPersistTo];
  execFileSync(process.execPath, [wrangler, 'r2', 'object', 'put', `${bucket}/${image.id}`, '--file', image.file, '--content-type', image.contentType, ...where], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    timeout: 60_000,
  });
}
