/**
 * Plain `npx wrangler dev` on a fresh clone: wrangler.toml's [build] runs scripts/web-for-wrangler.mjs, which builds
 * the web app that [assets] serves when it is missing (wrangler stops without it) and leaves a built one alone.
 * The script runs here in a copy of the repository's layout whose `build:web` only writes the manifest, so the
 * test sees what it runs without building the real app beside the other suites.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { root } from './wrangler';

const copy = mkdtempSync(join(tmpdir(), 'kindling-web-build-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function runScript(env: Record<string, string> = {}): string {
  const { KINDLING_WEB_BUILD: _, ...rest } = process.env;
  return execFileSync(process.execPath, ['scripts/web-for-wrangler.mjs'], { cwd: copy, env: { ...rest, ...env }, encoding: 'utf8' });
}

describe("wrangler's build step", () => {
  it('is the script, for wrangler dev and for production deploys', () => {
    expect(unstable_readConfig({ config: join(root, 'wrangler.toml') }).build.command).toBe('node scripts/web-for-wrangler.mjs');
    expect(unstable_readConfig({ config: join(root, 'wrangler.toml'), env: 'production' }).build.command).toBe('node scripts/web-for-wrangler.mjs');
  });

  it('builds the web app when it is missing, once, and can be told to leave it to the caller', () => {
    mkdirSync(join(copy, 'scripts'));
    copyFileSync(join(root, 'scripts', 'web-for-wrangler.mjs'), join(copy, 'scripts', 'web-for-wrangler.mjs'));
    const build = "node -e \"require('fs').mkdirSync('dist/web/.vite',{recursive:true});require('fs').appendFileSync('builds','x')\" && echo {} > dist/web/.vite/manifest.json";
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ name: 'copy', private: true, scripts: { 'build:web': build } }));

    expect(runScript({ KINDLING_WEB_BUILD: 'skip' })).toBe('');
    expect(existsSync(join(copy, 'dist'))).toBe(false);

    expect(runScript()).toContain('Building the web app into dist/web');
    expect(existsSync(join(copy, 'dist', 'web', '.vite', 'manifest.json'))).toBe(true);
    expect(runScript()).toContain('The web app is built');
    expect(readFileSync(join(copy, 'builds'), 'utf8')).toBe('x');
  });
});
