/**
 * My profile page (signed-in only), its display-name form and the sign-out form, both working without
 * JavaScript (the page uses PATCH /api/me and POST /api/auth/sign-out when it can).
 */
import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { endSession, updateMe } from '../../domain/auth';
import { myProfile } from '../../domain/profile';
import type { Caller } from '../../domain/sessions';
import { isHttps, sessionCookieName } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { updateMeBody } from '../../schemas';
import { translator } from '../../../web/src/i18n';
import { currentSessionToken } from '../auth';
import { formBodyLimit, renderPage, viewerLang } from './render';

async function profilePage(c: Context<AppEnv>, caller: Caller, notice: 'saved' | 'nameInvalid' | null) {
  const profile = await myProfile(c.var.db, caller);
  const t = translator(viewerLang(c));
  return renderPage(
    c,
    'Profile',
    { me: { name: caller.name, email: caller.email }, ...profile, now: c.var.now.toISOString(), notice },
    { title: t('profile.title'), status: notice === 'nameInvalid' ? 400 : 200 },
  );
}

export const profilePageRoutes = new Hono<AppEnv>()
  .get('/me', async (c) => {
    const caller = c.var.caller;
    if (!caller) return c.redirect('/sign-in', 303);
    return profilePage(c, caller, c.req.query('saved') === '1' ? 'saved' : null);
  })
  .post('/me', formBodyLimit(1024), async (c) => {
    const caller = c.var.caller;
    if (!caller) return c.redirect('/sign-in', 303);
    const form = await c.req.parseBody();
    const parsed = updateMeBody.safeParse({ name: typeof form.name === 'string' ? form.name : undefined });
    if (!parsed.success) return profilePage(c, caller, 'nameInvalid');
    await updateMe(c.var.db, caller.id, parsed.data);
    return c.redirect('/me?saved=1', 303);
  })
  .post('/sign-out', async (c) => {
    // The same as POST /api/auth/sign-out: end the session, drop the cookie.
    const token = currentSessionToken(c);
    if (token) await endSession(c.var.db, token);
    deleteCookie(c, sessionCookieName(c), { path: '/', secure: isHttps(c) });
    c.header('Cache-Control', 'no-store');
    return c.redirect('/', 303);
  });
