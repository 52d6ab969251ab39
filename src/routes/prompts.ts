/** Answering a prompt and browsing its gallery. */
import { Hono } from 'hono';
import { galleryPageJson, type GalleryItem } from '../domain/answers/gallery';
import { submitAnswer } from '../domain/answers/submissions';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { idempotencyReceipt, receiptInBatch } from '../middleware/idempotency';
import { rateLimit } from '../middleware/rate-limit';
import { validate } from '../middleware/validate';
import { galleryQuery, idParam, submissionBody } from '../schemas';
import { jsonText } from './json-text';

/** What GET /prompts/:id/gallery answers, for the typed client. */
interface GalleryPage {
  items: GalleryItem[];
  nextCursor: string | null;
}

export const promptRoutes = new Hono<AppEnv>()
  .post('/prompts/:id/submissions', receiptInBatch, rateLimit('answers'), validate('param', idParam), validate('json', submissionBody), async (c) => {
    const caller = requireCaller(c);
    const input = { ...c.req.valid('json'), promptId: c.req.valid('param').id, caller };
    const answer = await submitAnswer(c.get('db'), input, c.get('now'), idempotencyReceipt(c, 201));
    return c.json(answer, 201);
  })
  .get('/prompts/:id/gallery', validate('param', idParam), validate('query', galleryQuery), async (c) => {
    const input = { ...c.req.valid('query'), promptId: c.req.valid('param').id, caller: c.get('caller') };
    // The page arrives as JSON text from SQLite and goes out as it is, never parsed and re-serialised here.
    return jsonText<GalleryPage>(c, await galleryPageJson(c.get('db'), input));
  });
