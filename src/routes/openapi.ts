/** GET /api/openapi.json: the API described from the same zod schemas the routes validate with. */
import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';
import { buildOpenApi } from '../openapi';

/**
 * The document only changes with the code, so it is built once per server URL. Without PUBLIC_URL the
 * server is `/`: relative to where the document was fetched (and no cache entry per Host header).
 */
const built = new Map<string | undefined, ReturnType<typeof buildOpenApi>>();

export const openapiRoutes = new Hono<AppEnv>().get('/openapi.json', (c) => {
  const url = c.get('deps').config.publicUrl ?? '/';
  let doc = built.get(url);
  if (!doc) built.set(url, (doc = buildOpenApi(url)));
  return c.json(doc);
});
