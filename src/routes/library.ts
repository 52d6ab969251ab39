/** The network library: publish a series, list what was published, copy an entry into your community. */
import { Hono } from 'hono';
import { copyEntry, listLibrary, publishSeries } from '../domain/series/library';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { idParam } from '../schemas';
import { copyBody, publishBody } from '../schemas/series-transfer';

export const libraryRoutes = new Hono<AppEnv>()
  .get('/library', async (c) => {
    requireCaller(c);
    return c.json(await listLibrary(c.get('db')));
  })
  .post('/series/:id/publish', validate('param', idParam), validate('json', publishBody), async (c) =>
    c.json(await publishSeries(c.get('db'), requireCaller(c), c.req.valid('param').id, c.req.valid('json'), c.get('now')), 201),
  )
  .post('/library/:id/copy', validate('param', idParam), validate('json', copyBody), async (c) =>
    c.json(await copyEntry(c.get('db'), requireCaller(c), c.req.valid('param').id, c.req.valid('json'), c.get('now')), 201),
  );
