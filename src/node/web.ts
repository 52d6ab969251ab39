/** The built web app on Node: its manifest (which files each page links) and its static files. */
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { assetsFromManifest, type WebAssets } from '../../web/src/assets';
import { IMMUTABLE } from '../security-headers';

/**
 * The built web app in `webDist` (dist/web): what its pages link (`assets`, undefined when the web app was not
 * built; pages then render without JavaScript) and a middleware serving its files (`serve`).
 */
export function webFilesIn(webDist: string): { assets: WebAssets | undefined; serve: MiddlewareHandler } {
  return { assets: loadWebAssets(webDist), serve: serveWebAssets(webDist) };
}

function loadWebAssets(webDist: string): WebAssets | undefined {
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
function serveWebAssets(webDist: string): MiddlewareHandler {
  const serveFiles = serveStatic({ root: relative(process.cwd(), webDist) || '.', precompressed: true });
  return async (c, next) => {
    const found = await serveFiles(c, next);
    found?.headers.set('Cache-Control', IMMUTABLE);
    return found;
  };
}
