/**
 * My profile page (signed-in only), its display-name form and the sign-out form, both working without
 * JavaScript (the page uses PATCH /api/me and POST /api/auth/sign-out when it can); and the no-JavaScript
 * handlers of its recognition forms: settings, "I posted in the main space", dismissing a nudge.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { endSession, updateMe } from '../../domain/identity/auth';
import { DomainError } from '../../domain/errors';
import { reportMainSpace } from '../../domain/recognition/ladder';
import { myRecognition } from '../../domain/recognition/mine';
import { dismissNudge } from '../../domain/recognition/nudges';
import { myMailPreferences, updateMailPreferences, type MailPreferenceChange } from '../../domain/reach/mail-preferences';
import { myProfile } from '../../domain/identity/profile';
import type { Caller } from '../../domain/identity/sessions';
import { isHttps, sessionCookieName } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { updateMeBody } from '../../schemas';
import { translator } from '../../../web/src/i18n';
import { currentSessionToken } from '../auth';
import { formBodyLimit, renderPage, viewerLang } from './render';

async function profilePage(c: Context<AppEnv>, caller: Caller, notice: 'saved' | 'nameInvalid' | null) {
  const profile = await myProfile(c.get('db'), caller);
  const recognition = await myRecognition(c.get('db'), caller, c.get('now'));
  const t = translator(viewerLang(c));
  const changed = c.req.query('changed');
  const answerId = Number(c.req.query('answer'));
  const mail = await myMailPreferences(c.get('db'), caller, c.get('now'));
  const saved = {
    settings: c.req.query('saved') === 'settings',
    mail: c.req.query('saved') === 'mail',
    answer:
      (changed === 'claimed' || changed === 'visibility') && Number.isInteger(answerId)
        ? { id: answerId, kind: changed as 'claimed' | 'visibility' }
        : null,
  };
  return renderPage(
    c,
    'Profile',
    { me: { id: caller.id, name: caller.name, email: caller.email }, ...profile, ...recognition, mail, now: c.get('now').toISOString(), notice, saved },
    { title: t('profile.title'), status: notice === 'nameInvalid' ? 400 : 200 },
  );
}

/** A form about something gone meanwhile (a community left, a nudge already handled) just goes back. */
async function ignoreGone(work: Promise<unknown>) {
  try {
    await work;
  } catch (err) {
    if (!(err instanceof DomainError && (err.code === 'not_found' || err.code === 'forbidden'))) throw err;
  }
}

export const profilePageRoutes = new Hono<AppEnv>()
  .get('/me', async (c) => {
    const caller = c.get('caller');
    if (!caller) return c.redirect('/sign-in', 303);
    return profilePage(c, caller, c.req.query('saved') === '1' ? 'saved' : null);
  })
  .post('/me', formBodyLimit(1024), async (c) => {
    const caller = c.get('caller');
    if (!caller) return c.redirect('/sign-in', 303);
    const form = await c.req.parseBody();
    const parsed = updateMeBody.safeParse({ name: typeof form.name === 'string' ? form.name : undefined });
    if (!parsed.success) return profilePage(c, caller, 'nameInvalid');
    await updateMe(c.get('db'), caller.id, parsed.data);
    return c.redirect('/me?saved=1', 303);
  })
  .post('/me/settings', formBodyLimit(1024), async (c) => {
    // The same change as PATCH /api/me: an unticked checkbox sends nothing, so absent means off.
    const caller = c.get('caller');
    if (!caller) return c.redirect('/sign-in', 303);
    const form = await c.req.parseBody();
    await updateMe(c.get('db'), caller.id, { publicProfile: form.publicProfile === 'on', nudges: form.nudges === 'on' });
    return c.redirect('/me?saved=settings#settings-heading', 303);
  })
  .post('/me/mail', formBodyLimit(16 * 1024), async (c) => {
    // The same change as PATCH /api/me/mail-preferences, from fields named `mode:<slug>`, `hour:<slug>`, `pause:<slug>`.
    const caller = c.get('caller');
    if (!caller) return c.redirect('/sign-in', 303);
    const form = await c.req.parseBody();
    const changes = new Map<string, MailPreferenceChange>();
    for (const [name, value] of Object.entries(form)) {
      const match = /^(mode|hour|pause):(.{1,40})$/.exec(name);
      if (!match || typeof value !== 'string') continue;
      const change = changes.get(match[2]!) ?? { slug: match[2]! };
      changes.set(change.slug, change);
      if (match[1] === 'mode' && (value === 'daily' || value === 'weekly' || value === 'off')) change.mode = value;
      else if (match[1] === 'hour' && /^\d{1,2}$/.test(value) && Number(value) <= 23) change.hour = Number(value);
      else if (match[1] === 'pause' && /^[0-8]$/.test(value)) change.pauseWeeks = Number(value);
    }
    // A mode shown again unchanged must not clear a back-off the member did not touch.
    const current = new Map((await myMailPreferences(c.get('db'), caller, c.get('now'))).communities.map((p) => [p.slug, p]));
    for (const change of changes.values()) if (change.mode === current.get(change.slug)?.mode) delete change.mode;
    const lang = form.lang === 'fr' || form.lang === 'en' ? form.lang : undefined;
    await ignoreGone(updateMailPreferences(c.get('db'), caller, { lang, communities: [...changes.values()] }, c.get('now')));
    return c.redirect('/me?saved=mail#mail-heading', 303);
  })
  .post('/me/main-space', formBodyLimit(1024), async (c) => {
    const caller = c.get('caller');
    if (!caller) return c.redirect('/sign-in', 303);
    const form = await c.req.parseBody();
    const slug = typeof form.slug === 'string' ? form.slug : '';
    await ignoreGone(reportMainSpace(c.get('db'), { slug, caller }, c.get('now')));
    return c.redirect(`/me#ladder-${encodeURIComponent(slug)}`, 303);
  })
  .post('/me/nudges/:id{[0-9]{1,15}}/dismiss', async (c) => {
    const caller = c.get('caller');
    if (!caller) return c.redirect('/sign-in', 303);
    await ignoreGone(dismissNudge(c.get('db'), { caller, id: Number(c.req.param('id')) }, c.get('now')));
    return c.redirect('/me', 303);
  })
  .post('/sign-out', async (c) => {
    // The same as POST /api/auth/sign-out: end the session, drop the cookie.
    const token = currentSessionToken(c);
    if (token) await endSession(c.get('db'), token);
    deleteCookie(c, sessionCookieName(c), { path: '/', secure: isHttps(c) });
    c.header('Cache-Control', 'no-store');
    return c.redirect('/', 303);
  });
