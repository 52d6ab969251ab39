import { Hono } from 'hono';
import { createSeries, getSeries, pauseSeries, resumeSeries } from '../domain/series/series';
import { editPrompt, promptEditLog, reorderPrompts } from '../domain/series/editing';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { createSeriesBody, idParam, slugParam } from '../schemas';
import { editPromptBody, reorderBody } from '../schemas/series-transfer';

export const seriesRoutes = new Hono<AppEnv>()
  .post('/communities/:slug/series', validate('param', slugParam), validate('json', createSeriesBody), async (c) => {
    const { slug } = c.req.valid('param');
    return c.json(await createSeries(c.get('db'), requireCaller(c), slug, c.req.valid('json'), c.get('now')), 201);
  })
  .get('/series/:id', validate('param', idParam), async (c) =>
    c.json(await getSeries(c.get('db'), c.get('caller'), c.req.valid('param').id)),
  )
  .post('/series/:id/pause', validate('param', idParam), async (c) =>
    c.json(await pauseSeries(c.get('db'), requireCaller(c), c.req.valid('param').id)),
  )
  .post('/series/:id/resume', validate('param', idParam), async (c) =>
    c.json(await resumeSeries(c.get('db'), requireCaller(c), c.req.valid('param').id, c.get('now'))),
  )
  .patch('/prompts/:id', validate('param', idParam), validate('json', editPromptBody), async (c) =>
    c.json(await editPrompt(c.get('db'), requireCaller(c), c.req.valid('param').id, c.req.valid('json'), c.get('now'))),
  )
  .patch('/series/:id/order', validate('param', idParam), validate('json', reorderBody), async (c) =>
    c.json(await reorderPrompts(c.get('db'), requireCaller(c), c.req.valid('param').id, c.req.valid('json').promptIds)),
  )
  .get('/series/:id/edits', validate('param', idParam), async (c) =>
    c.json(await promptEditLog(c.get('db'), requireCaller(c), c.req.valid('param').id)),
  );
