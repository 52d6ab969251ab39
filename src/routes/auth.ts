import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { endSession, redeemSignInLink, requestSignInLink } from '../domain/identity/auth';
import { SESSION_ABSOLUTE_MS } from '../domain/identity/sessions';
import { normalizeEmail } from '../domain/identity/users';
import { errorKind } from '../error-kind';
import { deliverOutbox } from '../jobs/outbox';
import { isHttps, sessionCookieName } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { clientIp, enforce } from '../middleware/rate-limit';
import { validate } from '../middleware/validate';
import { confirmBody, emailLinkBody } from '../schemas';
import { translator, type Lang } from '../../web/src/i18n';
import { viewerLang } from './web/render';

/** HttpOnly keeps scripts away from it; Lax still lets the emailed link's page post back to us. */
export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c),
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function currentSessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, sessionCookieName(c));
}

/**
 * Sends the queued mail after answering: the response never waits on the mailer, and the work can never
 * reject (the outbox keeps unsent mail for the next run), so a detached promise cannot crash the process.
 */
function deliverMailSoon(c: Context<AppEnv>) {
  const { deps, db, now } = c.var;
  const work = deliverOutbox(db, deps.mailer, now).catch((err: unknown) => {
    // The error's kind only: messages from mail servers often quote the address.
    console.error(`[mail] outbox delivery failed: ${errorKind(err)}`);
  });
  if (deps.defer) deps.defer(work);
}

/**
 * Queues a sign-in link for the address and starts delivery: shared by the API and the no-JavaScript sign-in
 * page. The mail is in the asked language (else the request's), and the link carries `next` and that language.
 */
export async function sendSignInLink(c: Context<AppEnv>, request: { email: string; next?: string | undefined; lang?: Lang | undefined }) {
  const baseUrl = c.get('deps').config.publicUrl ?? new URL(c.req.url).origin;
  const lang = request.lang ?? viewerLang(c);
  const t = translator(lang);
  const mail = { subject: t('mail.signIn.subject'), text: (url: string) => t('mail.signIn.text', { url }) };
  // Per IP first: a flood from one machine then never touches the counters of the addresses it names.
  const ip = clientIp(c);
  if (ip !== undefined) await enforce(c, 'signInPerIp', ip);
  // Nobody can flood an inbox through us; the limit says nothing about whether the address has an account.
  await enforce(c, 'signInPerAddress', normalizeEmail(request.email));
  await requestSignInLink(c.get('db'), { ...request, baseUrl, lang, mail }, c.get('now'));
  deliverMailSoon(c);
}

export const authRoutes = new Hono<AppEnv>()
  .post('/auth/email-link', validate('json', emailLinkBody), async (c) => {
    await sendSignInLink(c, c.req.valid('json'));
    // The same answer for every address, known or not.
    return c.json({ ok: true as const }, 202);
  })
  .post('/auth/confirm', validate('json', confirmBody), async (c) => {
    const input = { ...c.req.valid('json'), previousSession: currentSessionToken(c) };
    const { user, sessionToken } = await redeemSignInLink(c.get('db'), input, c.get('now'));
    setSessionCookie(c, sessionToken);
    return c.json({ user }, 200);
  })
  .post('/auth/sign-out', async (c) => {
    const token = currentSessionToken(c);
    if (token) await endSession(c.get('db'), token);
    deleteCookie(c, sessionCookieName(c), { path: '/', secure: isHttps(c) });
    return c.json({ ok: true as const }, 200);
  });
