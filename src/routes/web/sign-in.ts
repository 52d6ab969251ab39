/**
 * The sign-in page: an email field whose plain POST asks for a link exactly as the API does (same helper),
 * then shows "check your email". The answer never says whether the address has an account. The page it was
 * opened from (`?next=`, else a same-site Referer) rides along, so signing in comes back to it.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { RateLimitedError } from '../../domain/limits/enforce';
import type { AppEnv } from '../../middleware/env';
import { emailLinkBody, isLocalPath } from '../../schemas';
import { translator } from '../../../web/src/i18n';
import type { SignInProps } from '../../../web/src/pages/SignIn';
import { sendSignInLink } from '../auth';
import { renderPage, viewerLang } from './render';

function signInPage(c: Context<AppEnv>, props: Omit<SignInProps, 'consoleMail'>, status: 200 | 400 | 413 | 429 = 200) {
  const consoleMail = c.get('deps').config.mailTransport === 'console';
  return renderPage(c, 'SignIn', { ...props, consoleMail }, { title: translator(viewerLang(c))('signIn.title'), status });
}

const asNext = (value: unknown) => (typeof value === 'string' && value.length <= 500 && isLocalPath(value) && !value.startsWith('/sign-in') ? value : null);

/** `?next=` wins; else the page the member came from on this very site (the header link, for instance). */
function nextOf(c: Context<AppEnv>): string | null {
  const asked = asNext(c.req.query('next'));
  if (asked) return asked;
  const referer = c.req.header('Referer');
  if (!referer) return null;
  try {
    const from = new URL(referer);
    return from.origin === new URL(c.req.url).origin ? asNext(from.pathname + from.search) : null;
  } catch {
    return null;
  }
}

export const signInRoutes = new Hono<AppEnv>()
  .get('/sign-in', (c) => signInPage(c, { sentTo: null, email: '', error: null, next: nextOf(c) }))
  .post(
    '/sign-in',
    bodyLimit({
      maxSize: 4096,
      onError: (c) => signInPage(c as Context<AppEnv>, { sentTo: null, email: '', error: 'signIn.error', next: null }, 413),
    }),
    async (c) => {
      const form = await c.req.parseBody();
      const email = typeof form.email === 'string' ? form.email.trim() : '';
      const next = asNext(form.next);
      const parsed = emailLinkBody.safeParse({ email, next: next ?? undefined });
      if (!parsed.success) return signInPage(c, { sentTo: null, email: email.slice(0, 254), error: 'signIn.error', next }, 400);
      try {
        await sendSignInLink(c, parsed.data);
      } catch (err) {
        if (!(err instanceof RateLimitedError)) throw err;
        // The form again, saying to wait; the address stays in the field so trying later is one click.
        const res = signInPage(c, { sentTo: null, email: parsed.data.email, error: 'signIn.rateLimited', next }, 429);
        res.headers.set('Retry-After', String(err.retryAfterSeconds));
        return res;
      }
      // Shown, not redirected to: the address stays out of URLs and logs, and out of every cache.
      const res = signInPage(c, { sentTo: parsed.data.email, email: '', error: null, next });
      res.headers.set('Cache-Control', 'no-store');
      return res;
    },
  );
