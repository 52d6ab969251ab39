/**
 * The author's own tools for a posted answer: change who sees it or claim it (PATCH), and the ready-to-paste
 * share text (GET …/share); plus members' public profiles (GET /api/users/:id/profile).
 */
import { Hono } from 'hono';
import { answerIdFor } from '../domain/answers/ids';
import { updateAnswerSettings } from '../domain/answers/settings';
import { shareForAuthor } from '../domain/answers/share';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { answerIdParam, answerSettingsBody } from '../schemas';
import { publicProfileRoutes } from './public-profile';

export const answerSettingsRoutes = new Hono<AppEnv>()
  .patch('/submissions/:id', validate('param', answerIdParam), validate('json', answerSettingsBody), async (c) => {
    const caller = requireCaller(c);
    const input = { submissionId: await answerIdFor(c.get('db'), c.req.valid('param').id, caller), caller, ...c.req.valid('json') };
    const settings = await updateAnswerSettings(c.get('db'), input, c.get('now'));
    return c.json(settings, 200);
  })
  .get('/submissions/:id/share', validate('param', answerIdParam), async (c) => {
    // Links must work from the main space: the configured public URL, else this request's origin.
    const baseUrl = c.get('deps').config.publicUrl ?? new URL(c.req.url).origin;
    const caller = requireCaller(c);
    const input = { submissionId: await answerIdFor(c.get('db'), c.req.valid('param').id, caller), caller, baseUrl };
    return c.json(await shareForAuthor(c.get('db'), input), 200);
  })
  .route('/', publicProfileRoutes);
