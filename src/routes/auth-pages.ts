/**
 * The page an emailed sign-in link opens, in the app's shell and the member's language (the link's `lang`,
 * else the browser's). GET only shows a Continue button (mail scanners open every link, so GET never signs in
 * nor consumes the token); the button's form POST redeems it and goes back to the link's `next` page.
 * Works without JavaScript.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { peekSignInLink, redeemSignInLink } from '../domain/identity/auth';
import { DomainError } from '../domain/errors';
import { suggestName } from '../domain/identity/users';
import type { AppEnv } from '../middleware/env';
import { confirmBody, langs, tokenQuery } from '../schemas';
import { translator, type Lang } from '../../web/src/i18n';
import type { ConfirmProps } from '../../web/src/pages/Confirm';
import { currentSessionToken, setSessionCookie } from './auth';
import { localPath, renderPage, viewerLang } from './web/render';

const langOf = (c: Context<AppEnv>, asked: unknown): Lang =>
  (langs as readonly unknown[]).includes(asked) ? (asked as Lang) : viewerLang(c);

function page(c: Context<AppEnv>, props: ConfirmProps, lang: Lang, status: 200 | 400 | 413 = 200): Response {
  // The token is in the URL and the form: keep it out of caches and Referer headers. Like every page, it is
  // kept out of other sites' frames (a framed Continue button could be clicked into signing a member into
  // someone else's account) by the page CSP's frame-ancestors 'none'.
  c.header('Referrer-Policy', 'no-referrer');
  const t = translator(lang);
  const title = props.state === 'invalid' ? t('confirm.invalidTitle') : t('confirm.title');
  const res = renderPage(c, 'Confirm', props, { title, status, lang });
  res.headers.set('Cache-Control', 'no-store');
  return res;
}

const linkProblem = (c: Context<AppEnv>, lang: Lang, status: 400 | 413 = 400) => page(c, { state: 'invalid' }, lang, status);

// Annotated, not inferred (as webRoutes): page props derive from AppType, so this sub-app stays out of it.
export const authPageRoutes: Hono<AppEnv> = new Hono<AppEnv>()
  .get('/auth/confirm', async (c) => {
    const lang = langOf(c, c.req.query('lang'));
    const query = tokenQuery.safeParse({ token: c.req.query('token') });
    // Read-only: an expired link says so now instead of after the click.
    const link = query.success ? await peekSignInLink(c.get('db'), query.data.token, c.get('now')) : null;
    if (!query.success || !link) return linkProblem(c, lang);
    const next = localPath(c.req.query('next'), '') || null;
    const askName = link.newAccount ? { suggestion: suggestName(link.email), tooLong: false } : null;
    return page(c, { state: 'confirm', email: link.email, token: query.data.token, next, askName }, lang);
  })
  .post(
    '/auth/confirm',
    bodyLimit({ maxSize: 4096, onError: (c) => linkProblem(c as Context<AppEnv>, viewerLang(c as Context<AppEnv>), 413) }),
    async (c) => {
      const form = await c.req.parseBody();
      const lang = langOf(c, form.lang);
      // A blank name field means "no name given", not an empty name.
      const name = typeof form.name === 'string' && form.name.trim() ? form.name : undefined;
      const parsed = confirmBody.safeParse({ token: form.token, name });
      const next = localPath(form.next, '/');
      if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'name') && typeof form.token === 'string') {
        // The link is still unused: show the same form again, with the name kept and the reason beside it.
        const link = await peekSignInLink(c.get('db'), form.token, c.get('now'));
        if (!link) return linkProblem(c, lang);
        const askName = { suggestion: String(form.name).slice(0, 200), tooLong: true };
        return page(c, { state: 'confirm', email: link.email, token: form.token, next: next === '/' ? null : next, askName }, lang, 400);
      }
      if (!parsed.success) return linkProblem(c, lang);
      try {
        const input = { ...parsed.data, previousSession: currentSessionToken(c) };
        const { sessionToken } = await redeemSignInLink(c.get('db'), input, c.get('now'));
        setSessionCookie(c, sessionToken);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'link_invalid') return linkProblem(c, lang);
        throw err;
      }
      c.header('Cache-Control', 'no-store');
      return c.redirect(next, 303);
    },
  );
