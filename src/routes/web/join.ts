/**
 * Joining a community from the web: one button for a public community, an invite code for a private one.
 * A private or unknown community is never named to someone who cannot see it; both get the invite-code form.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { communityForViewer } from '../../domain/communities/access';
import { joinCommunity } from '../../domain/communities/communities';
import { DomainError } from '../../domain/errors';
import type { AppEnv } from '../../middleware/env';
import { joinBody } from '../../schemas';
import { translator } from '../../../web/src/i18n';
import type { JoinProps } from '../../../web/src/pages/Join';
import { renderPage, viewerLang } from './render';

async function joinPage(c: Context<AppEnv>, slug: string, extra: { inviteCode?: string; error?: JoinProps['error'] } = {}) {
  const { db, caller } = c.var;
  let visible: Awaited<ReturnType<typeof communityForViewer>> | null = null;
  try {
    visible = await communityForViewer(db, slug, caller);
  } catch (err) {
    if (!(err instanceof DomainError && err.code === 'not_found')) throw err;
  }
  const props: JoinProps = {
    slug,
    name: visible?.community.name ?? null,
    state: !caller ? 'signIn' : visible && visible.role !== 'visitor' ? 'member' : 'form',
    needsCode: visible?.community.visibility !== 'public',
    inviteCode: extra.inviteCode ?? c.req.query('code') ?? '',
    error: extra.error ?? null,
  };
  const t = translator(viewerLang(c));
  const title = props.name ? t('join.title', { community: props.name }) : t('join.privateTitle');
  return renderPage(c, 'Join', props, { title, status: extra.error ? 400 : 200 });
}

export const joinRoutes = new Hono<AppEnv>()
  .get('/c/:slug/join', (c) => joinPage(c, c.req.param('slug')))
  .post(
    '/c/:slug/join',
    bodyLimit({ maxSize: 4096, onError: (c) => joinPage(c as Context<AppEnv>, c.req.param('slug') ?? '', { error: 'join.inviteInvalid' }) }),
    async (c) => {
      const slug = c.req.param('slug');
      const { db, caller, now } = c.var;
      if (!caller) return c.redirect('/sign-in', 303);
      const form = await c.req.parseBody();
      const raw = typeof form.inviteCode === 'string' ? form.inviteCode.trim() : '';
      const parsed = joinBody.safeParse({ inviteCode: raw || undefined });
      if (!parsed.success) return joinPage(c, slug, { inviteCode: raw.slice(0, 64), error: 'join.inviteInvalid' });
      try {
        const joined = await joinCommunity(db, caller, slug, parsed.data.inviteCode, now);
        return c.redirect(`/c/${encodeURIComponent(joined.slug)}?joined=1`, 303);
      } catch (err) {
        // An unknown community and a wrong code read the same: neither confirms that a private community exists.
        if (err instanceof DomainError && err.code === 'not_found') {
          return joinPage(c, slug, { inviteCode: raw, error: 'join.inviteInvalid' });
        }
        throw err;
      }
    },
  );
