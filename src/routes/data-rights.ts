/**
 * Data rights in the API: a member downloads everything about them (GET /me/export) and deletes their account
 * (DELETE /me); a facilitator downloads their community (GET /communities/:slug/export). Both downloads are
 * zips streamed as they are built (src/domain/data-rights/zip-stream.ts).
 */
import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { confirmsErasure, eraseAccount } from '../domain/data-rights/erase-account';
import { eraseStoredImages } from '../domain/data-rights/erase-images';
import { communityExportZip } from '../domain/data-rights/export-community';
import { memberExportZip } from '../domain/data-rights/export-member';
import { invalidField } from '../domain/errors';
import { isHttps, requireCaller, sessionCookieName } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { eraseAccountBody, slugParam } from '../schemas';
import { yieldToRequests } from '../yield-to-requests';

/** A zip download that no cache keeps: it holds personal or private data. */
export function zipDownload(c: Context<AppEnv>, stream: ReadableStream<Uint8Array>, filename: string) {
  return c.body(stream, 200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'private, no-store',
  });
}

/** Erases the caller's account, then their stored images; the summary says what went. */
export async function eraseCaller(c: Context<AppEnv>, confirm: string) {
  const caller = requireCaller(c);
  if (!confirmsErasure(confirm, caller)) {
    throw invalidField('confirm', 'type "delete my account" or your email address to confirm');
  }
  const { imageIds, ...summary } = await eraseAccount(c.get('db'), caller, c.get('now'));
  await eraseStoredImages(c.get('db'), c.get('deps').images, imageIds);
  deleteCookie(c, sessionCookieName(c), { path: '/', secure: isHttps(c) });
  c.header('Cache-Control', 'no-store');
  return summary;
}

const day = (now: Date) => now.toISOString().slice(0, 10);

export const dataRightsRoutes = new Hono<AppEnv>()
  .get('/me/export', async (c) => {
    const stream = await memberExportZip(c.get('db'), c.get('deps').images, requireCaller(c), c.get('now'));
    return zipDownload(c, stream, `kindling-export-${day(c.get('now'))}.zip`);
  })
  .delete('/me', validate('json', eraseAccountBody), async (c) => c.json(await eraseCaller(c, c.req.valid('json').confirm), 200))
  .get('/communities/:slug/export', validate('param', slugParam), async (c) => {
    // The answers are read prompt by prompt as the zip is written, letting other requests go between prompts.
    const { slug, stream } = await communityExportZip(c.get('db'), c.get('deps').images, c.req.valid('param').slug, c.get('caller'), c.get('now'), {
      pause: yieldToRequests,
    });
    return zipDownload(c, stream, `kindling-${slug}-${day(c.get('now'))}.zip`);
  });
