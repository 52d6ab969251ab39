/**
 * The page an emailed sign-in link opens. GET only shows a Continue button (mail scanners open every link, so
 * GET never signs in nor consumes the token); the button's form POST redeems it. Works without JavaScript.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { peekSignInLink, redeemSignInLink } from '../domain/auth';
import { DomainError } from '../domain/errors';
import type { AppEnv } from '../middleware/env';
import { confirmBody, tokenQuery } from '../schemas';
import { currentSessionToken, setSessionCookie } from './auth';

function page(c: Context<AppEnv>, title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>, status: 200 | 400 | 413 = 200) {
  // The token is in the URL and the form: keep it out of caches and Referer headers, and out of other sites'
  // frames (a framed Continue button could be clicked into signing a member into someone else's account).
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  return c.html(
    html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Kindling</title>
<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
input,button{font:inherit;padding:.5rem .75rem}button{cursor:pointer}label{display:block;margin:1rem 0 .25rem}</style>
</head>
<body><main><h1>${title}</h1>${body}</main></body>
</html>`,
    status,
  );
}

const linkProblem = (c: Context<AppEnv>, status: 400 | 413 = 400) =>
  page(
    c,
    'This link no longer works',
    html`<p>Sign-in links work once, within 10 minutes, and only the newest one counts.</p>
<p><a href="/">Go to Kindling</a> and ask for a new link.</p>`,
    status,
  );

export const authPageRoutes = new Hono<AppEnv>()
  .get('/auth/confirm', async (c) => {
    const query = tokenQuery.safeParse({ token: c.req.query('token') });
    // Read-only: an expired link says so now instead of after the click.
    const link = query.success ? await peekSignInLink(c.get('db'), query.data.token, c.get('now')) : null;
    if (!query.success || !link) return linkProblem(c);
    return page(
      c,
      'Sign in',
      html`<p>You are signing in as <strong>${link.email}</strong>.</p>
<form method="post" action="/auth/confirm">
<input type="hidden" name="token" value="${query.data.token}">
${link.newAccount
  ? html`<label for="name">Your display name (optional, you can change it later)</label>
<input id="name" name="name" maxlength="60" autocomplete="nickname">`
  : ''}
<p><button type="submit">Continue</button></p>
</form>`,
    );
  })
  .post(
    '/auth/confirm',
    bodyLimit({ maxSize: 4096, onError: (c) => linkProblem(c as Context<AppEnv>, 413) }),
    async (c) => {
      const form = await c.req.parseBody();
      // A blank name field means "no name given", not an empty name.
      const name = typeof form.name === 'string' && form.name.trim() ? form.name : undefined;
      const parsed = confirmBody.safeParse({ token: form.token, name });
      if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'name')) {
        return page(c, 'Check your name', html`<p>A display name has 60 characters at most. Go back and shorten it.</p>`, 400);
      }
      if (!parsed.success) return linkProblem(c);
      try {
        const input = { ...parsed.data, previousSession: currentSessionToken(c) };
        const { sessionToken } = await redeemSignInLink(c.get('db'), input, c.get('now'));
        setSessionCookie(c, sessionToken);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'link_invalid') return linkProblem(c);
        throw err;
      }
      c.header('Cache-Control', 'no-store');
      return c.redirect('/', 303);
    },
  );
