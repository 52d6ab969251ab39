/**
 * A member's public profile page, /u/:id: it exists only for members who allowed it. For anyone else the
 * answer is the ordinary 404 page, the same as for an id that was never used.
 */
import { Hono } from 'hono';
import { publicProfile } from '../../domain/identity/public-profile';
import type { AppEnv } from '../../middleware/env';
import { translator } from '../../../web/src/i18n';
import { renderPage, viewerLang } from './render';
import { shownName } from '../../../web/src/lib/names';

export const memberPageRoutes = new Hono<AppEnv>().get('/u/:id{[0-9]{1,15}}', async (c) => {
  const { db, caller, now } = c.var;
  const profile = await publicProfile(db, Number(c.req.param('id')), caller, now);
  const t = translator(viewerLang(c));
  return renderPage(c, 'MemberProfile', { profile, now: now.toISOString() }, { title: t('member.title', { name: shownName(profile.name, t) }) });
});
