/**
 * A community's chat webhooks (facilitators): list, add, remove. Adding only checks and stores the URL; it is
 * never fetched here (posts go out from the scheduler's queue, src/jobs/chat-posts.ts).
 */
import { Hono } from 'hono';
import { addChatWebhook, listChatWebhooks, removeChatWebhook } from '../domain/chat/webhooks';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { slugParam } from '../schemas';
import { chatWebhookBody, chatWebhookParam } from '../schemas/chat-webhooks';

export const chatWebhookRoutes = new Hono<AppEnv>()
  .get('/communities/:slug/webhooks', validate('param', slugParam), async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ items: await listChatWebhooks(c.get('db'), requireCaller(c), c.req.valid('param').slug) });
  })
  .post('/communities/:slug/webhooks', validate('param', slugParam), validate('json', chatWebhookBody), async (c) => {
    const { url, format } = c.req.valid('json');
    const rules = { allowLoopback: c.get('deps').config.chatWebhooksAllowLoopback };
    const webhook = await addChatWebhook(c.get('db'), { caller: requireCaller(c), slug: c.req.valid('param').slug, url, format, rules }, c.get('now'));
    return c.json(webhook, 201);
  })
  .delete('/communities/:slug/webhooks/:id', validate('param', chatWebhookParam), async (c) => {
    const { slug, id } = c.req.valid('param');
    return c.json(await removeChatWebhook(c.get('db'), { caller: requireCaller(c), slug, id }));
  });
