/**
 * The facilitators' chat webhooks page, /c/:slug/webhooks (404 for everyone else, as the spotlight queue),
 * and its no-JavaScript forms: the same domain functions as the API. A refused URL shows the page again with
 * the reason; a success redirects (POST, then GET).
 */
import { Hono, type Context } from 'hono';
import { addChatWebhook, listChatWebhooks, removeChatWebhook, type ChatWebhookView } from '../../domain/chat/webhooks';
import { DomainError } from '../../domain/errors';
import type { AppEnv } from '../../middleware/env';
import { chatWebhookBody } from '../../schemas/chat-webhooks';
import { translator } from '../../../web/src/i18n';
import { communityForViewer } from '../../domain/communities/access';
import { formBodyLimit, renderNotFound, renderPage, viewerLang } from './render';

/** The page's data, or null for anyone who is not a facilitator (they get the ordinary 404 page). */
async function webhooksFor(c: Context<AppEnv>, slug: string) {
  const { db, caller } = c.var;
  if (!caller) return null;
  try {
    const { community } = await communityForViewer(db, slug, caller);
    return { community: { slug: community.slug, name: community.name }, items: await listChatWebhooks(db, caller, slug) };
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'forbidden')) return null;
    throw err;
  }
}

function render(c: Context<AppEnv>, found: { community: { slug: string; name: string }; items: ChatWebhookView[] }, extra: { done?: 'added' | 'removed' | null; error?: string | null }) {
  const t = translator(viewerLang(c));
  return renderPage(
    c,
    'ChatWebhooks',
    { ...found, done: extra.done ?? null, error: extra.error ?? null },
    { title: t('webhooks.title', { community: found.community.name }), status: extra.error ? 400 : 200 },
  );
}

export const chatWebhookPageRoutes = new Hono<AppEnv>()
  .get('/c/:slug/webhooks', async (c) => {
    const found = await webhooksFor(c, c.req.param('slug'));
    if (!found) return renderNotFound(c);
    const done = c.req.query('done');
    return render(c, found, { done: done === 'added' || done === 'removed' ? done : null });
  })
  .post('/c/:slug/webhooks', formBodyLimit(4096), async (c) => {
    const slug = c.req.param('slug');
    const found = await webhooksFor(c, slug);
    if (!found) return renderNotFound(c);
    const form = await c.req.parseBody();
    const body = chatWebhookBody.safeParse({ url: form.url, format: form.format });
    const t = translator(viewerLang(c));
    if (!body.success) return render(c, found, { error: t('webhooks.invalid') });
    try {
      const rules = { allowLoopback: c.get('deps').config.chatWebhooksAllowLoopback };
      await addChatWebhook(c.get('db'), { caller: c.get('caller')!, slug, ...body.data, rules }, c.get('now'));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid_input') return render(c, found, { error: t('webhooks.invalid') });
      if (err instanceof DomainError && err.code === 'webhook_limit') return render(c, found, { error: t('webhooks.limit') });
      throw err;
    }
    return c.redirect(`/c/${encodeURIComponent(slug)}/webhooks?done=added`, 303);
  })
  .post('/c/:slug/webhooks/:id/delete', async (c) => {
    const slug = c.req.param('slug');
    const caller = c.get('caller');
    const id = Number(c.req.param('id'));
    if (!caller || !Number.isSafeInteger(id) || id <= 0) return renderNotFound(c);
    try {
      await removeChatWebhook(c.get('db'), { caller, slug, id });
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'forbidden')) return renderNotFound(c);
      throw err;
    }
    return c.redirect(`/c/${encodeURIComponent(slug)}/webhooks?done=removed`, 303);
  });
