/**
 * Helper credits and featured help prompts (issue 15): the caller's balance, asking (members, paid in
 * credits), deciding (facilitators), reading one, and answering one (members, earning a credit).
 */
import { Hono } from 'hono';
import { askForHelp, decideHelp, helpPrompt, listHelp, removeHelpReply, replyToHelp } from '../domain/credits/help-prompts';
import { myCredits } from '../domain/credits/ledger';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { rateLimit } from '../middleware/rate-limit';
import { validate } from '../middleware/validate';
import { reportBody, slugParam } from '../schemas';
import { moderateHelpReply, reportHelpReply } from '../domain/moderation/help-replies';
import { helpDecisionBody, helpReplyActionParam, helpReplyBody, helpReplyParam, helpRequestBody, helpRequestParam } from '../schemas/live';

export const creditRoutes = new Hono<AppEnv>()
  .get('/communities/:slug/credits/me', validate('param', slugParam), async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(await myCredits(c.get('db'), requireCaller(c), c.req.valid('param').slug));
  })
  .get('/communities/:slug/help-prompts', validate('param', slugParam), async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(await listHelp(c.get('db'), c.get('caller'), c.req.valid('param').slug));
  })
  .post('/communities/:slug/help-prompts', rateLimit('helpPosts'), validate('param', slugParam), validate('json', helpRequestBody), async (c) => {
    const input = { caller: requireCaller(c), slug: c.req.valid('param').slug, question: c.req.valid('json').question };
    return c.json(await askForHelp(c.get('db'), input, c.get('now')), 201);
  })
  .get('/help-prompts/:id', validate('param', helpRequestParam), async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(await helpPrompt(c.get('db'), c.get('caller'), c.req.valid('param').id));
  })
  .post('/help-prompts/:id/decision', validate('param', helpRequestParam), validate('json', helpDecisionBody), async (c) => {
    const input = { caller: requireCaller(c), id: c.req.valid('param').id, decision: c.req.valid('json').decision };
    return c.json(await decideHelp(c.get('db'), input, c.get('now')));
  })
  .post('/help-prompts/:id/replies', rateLimit('helpPosts'), validate('param', helpRequestParam), validate('json', helpReplyBody), async (c) => {
    const input = { caller: requireCaller(c), id: c.req.valid('param').id, body: c.req.valid('json').body };
    return c.json(await replyToHelp(c.get('db'), input, c.get('now')), 201);
  })
  .delete('/help-replies/:id', validate('param', helpRequestParam), async (c) =>
    c.json(await removeHelpReply(c.get('db'), { caller: requireCaller(c), id: c.req.valid('param').id })),
  )
  // Reports and moderation of answers to help prompts, as for answers (src/routes/moderation.ts).
  .post('/help-replies/:id/reports', rateLimit('reports'), validate('param', helpReplyParam), validate('json', reportBody), async (c) => {
    const input = { helpReplyId: c.req.valid('param').id, caller: requireCaller(c), ...c.req.valid('json') };
    const { created, report } = await reportHelpReply(c.get('db'), input, c.get('now'));
    // A repeated report is the same report: 200 with it, 201 only when this request filed it.
    return c.json(report, created ? 201 : 200);
  })
  .post('/help-replies/:id/moderation/:action', validate('param', helpReplyActionParam), async (c) => {
    const { id, action } = c.req.valid('param');
    return c.json(await moderateHelpReply(c.get('db'), { helpReplyId: id, caller: requireCaller(c), action }, c.get('now')));
  });
