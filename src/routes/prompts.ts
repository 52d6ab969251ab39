/** Answering a prompt and browsing its gallery. */
import { Hono } from 'hono';
import { listGallery } from '../domain/gallery';
import { submitAnswer } from '../domain/submissions';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { galleryQuery, idParam, submissionBody } from '../schemas';

export const promptRoutes = new Hono<AppEnv>()
  .post('/prompts/:id/submissions', validate('param', idParam), validate('json', submissionBody), async (c) => {
    const caller = requireCaller(c);
    const input = { ...c.req.valid('json'), promptId: c.req.valid('param').id, caller };
    return c.json(await submitAnswer(c.var.db, input, c.var.now), 201);
  })
  .get('/prompts/:id/gallery', validate('param', idParam), validate('query', galleryQuery), async (c) => {
    const input = { ...c.req.valid('query'), promptId: c.req.valid('param').id, caller: c.var.caller };
    return c.json(await listGallery(c.var.db, input, c.var.now), 200);
  });
