/** The built web app on Node: its manifest (which files each page links) and its static files. */
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetsFromManifest, type WebAssets } from '../web/src/assets';
import { IMMUTABLE } from './security-headers';

const webDist = fileURLToPath(new URL('../dist/web', import.meta.url));

/** Undefined when the web app was not built; pages then render without JavaScript. */
export function loadWebAssets(): WebAssets | undefined {
  const manifestPath = `${webDist}/.vite/manifest.json`;
  if (!existsSync(manifestPath)) return undefined;
  return assetsFromManifest(JSON.parse(readFileSync(manifestPath, 'utf8')));
}

/**
 * Hashed file names never change content, so browsers may keep them for a year. The build writes a .br and
 * a .gz copy beside each text file; the one the browser accepts is sent as is, with Vary: Accept-Encoding.
 * Cache-Control is set on the response serveStatic returns: its onFound hook runs after the response is
 * built, too late for c.header() to reach it (hashed files went out with no Cache-Control at all).
 */
const serveFiles = serveStatic({ root: relative(process.cwd(), webDist) || '.', precompressed: true });
export const serveWebAssets: MiddlewareHandler = async (c, next) => {
  const found = await serveFiles(c, next);
  found?.headers.set('Cache-Control', IMMUTABLE);
  return found;
};
