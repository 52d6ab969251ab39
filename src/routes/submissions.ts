/** An author taking an answer back, and peers encouraging it. */
import { Hono } from 'hono';
import { giveKudos } from '../domain/kudos';
import { deleteAnswer } from '../domain/submissions';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { idParam, kudosBody } from '../schemas';

export const submissionRoutes = new Hono<AppEnv>()
  .delete('/submissions/:id', validate('param', idParam), async (c) => {
    const input = { submissionId: c.req.valid('param').id, caller: requireCaller(c) };
    return c.json(await deleteAnswer(c.var.db, input, c.var.now, c.var.deps.images), 200);
  })
  .post('/submissions/:id/kudos', validate('param', idParam), validate('json', kudosBody), async (c) => {
    const input = { submissionId: c.req.valid('param').id, caller: requireCaller(c), kind: c.req.valid('json').kind };
    return c.json(await giveKudos(c.var.db, input, c.var.now), 200);
  });
