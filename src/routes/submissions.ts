/** An author taking an answer back, and peers encouraging it. */
import { Hono } from 'hono';
import { answerIdFor } from '../domain/answers/ids';
import { giveKudos } from '../domain/answers/kudos';
import { deleteAnswer } from '../domain/answers/submissions';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { idempotencyReceipt, receiptInBatch } from '../middleware/idempotency';
import { rateLimit } from '../middleware/rate-limit';
import { validate } from '../middleware/validate';
import { answerIdParam, kudosBody } from '../schemas';

export const submissionRoutes = new Hono<AppEnv>()
  .delete('/submissions/:id', validate('param', answerIdParam), async (c) => {
    const caller = requireCaller(c);
    const input = { submissionId: await answerIdFor(c.get('db'), c.req.valid('param').id, caller), caller };
    const deleted = await deleteAnswer(c.get('db'), input, c.get('now'), c.get('deps').images);
    return c.json(deleted, 200);
  })
  .post('/submissions/:id/kudos', receiptInBatch, rateLimit('kudos'), validate('param', answerIdParam), validate('json', kudosBody), async (c) => {
    const caller = requireCaller(c);
    const submissionId = await answerIdFor(c.get('db'), c.req.valid('param').id, caller);
    const input = { submissionId, caller, kind: c.req.valid('json').kind };
    const given = await giveKudos(c.get('db'), input, c.get('now'), idempotencyReceipt(c, 200));
    return c.json(given, 200);
  });
