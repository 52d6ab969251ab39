/**
 * Helper credits and featured help prompts (issue 15): the caller's balance, asking (members, paid in
 * credits), deciding (facilitators), reading one, answering one (members, earning a credit), and reporting
 * an answer to the facilitators, who remove or keep it.
 */
import { Hono } from 'hono';
import { askForHelp, decideHelp, helpPrompt, listHelp, removeHelpReply, replyToHelp } from '../domain/credits/help-prompts';
import { keepHelpReply, reportedHelpReplies, reportHelpReply } from '../domain/credits/help-reply-reports';
import { myCredits } from '../domain/credits/ledger';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { rateLimit } from '../middleware/rate-limit';
import { validate } from '../middleware/validate';
import { reportBody, slugParam } from '../schemas';
import { helpDecisionBody, helpReplyBody, helpRequestBody, helpRequestParam } from '../schemas/live';

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
  // Reports, as for answers: a repeated report is the same report (200), 201 only when this request filed it.
  .post('/help-replies/:id/reports', rateLimit('reports'), validate('param', helpRequestParam), validate('json', reportBody), async (c) => {
    const input = { caller: requireCaller(c), id: c.req.valid('param').id, ...c.req.valid('json') };
    const { created, report } = await reportHelpReply(c.get('db'), input, c.get('now'));
    return c.json(report, created ? 201 : 200);
  })
  .post('/help-replies/:id/keep', validate('param', helpRequestParam), async (c) =>
    c.json(await keepHelpReply(c.get('db'), { caller: requireCaller(c), id: c.req.valid('param').id })),
  )
  .get('/communities/:slug/help-replies/reported', validate('param', slugParam), async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(await reportedHelpReplies(c.get('db'), { caller: requireCaller(c), slug: c.req.valid('param').slug }));
  });
