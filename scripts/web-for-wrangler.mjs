#!/usr/bin/env node
// wrangler's [build] command: plain `npx wrangler dev` (or deploy) on a fresh clone builds the web app that
// [assets] serves, once; later runs find it built and start at once (`npm run build:web` rebuilds it).
// KINDLING_WEB_BUILD=skip leaves it to the caller: the Worker tests build it themselves, once for every suite.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const manifest = new URL('../dist/web/.vite/manifest.json', import.meta.url);
if (process.env.KINDLING_WEB_BUILD === 'skip') process.exit(0);
if (existsSync(manifest)) {
  console.log('The web app is built (dist/web); `npm run build:web` rebuilds it.');
} else {
  console.log('Building the web app into dist/web (once) …');
  execFileSync('npm', ['run', 'build:web'], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
}
