/** Signs in through the real email-link flow (request → outbox → confirm), as a member's browser would. */
import { desc, eq, isNull } from 'drizzle-orm';
import { expect } from 'vitest';
import { outbox } from '../../db/schema';
import type { TestApp } from './app';

/**
 * Waits until the background mail delivery the request started has marked every mail sent, so no detached
 * work is still using the database when the test closes it.
 */
export async function mailSettled(t: TestApp) {
  for (let i = 0; i < 200; i++) {
    if ((await t.db.select({ id: outbox.id }).from(outbox).where(isNull(outbox.sentAt))).length === 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('mail was never delivered');
}

/** Asks for a link and returns the token read from the queued mail's actionUrl. */
export async function requestLink(t: TestApp, email: string): Promise<string> {
  const res = await t.call('POST', '/api/auth/email-link', { body: { email } });
  expect(res.status, res.text).toBe(202);
  await mailSettled(t);
  const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, email.trim().toLowerCase())).orderBy(desc(outbox.id)).limit(1);
  const token = new URL(mail!.actionUrl!).searchParams.get('token');
  expect(token).toBeTruthy();
  return token!;
}

/** The `name=value` pair of the response's session cookie, ready for a Cookie header; null if none was set. */
export function sessionCookieFrom(headers: Headers): string | null {
  const cookie = headers.getSetCookie().find((c) => /^(__Host-)?kindling_session=/.test(c));
  return cookie ? cookie.split(';')[0]! : null;
}

export async function confirm(t: TestApp, token: string, opts: { name?: string; cookie?: string } = {}) {
  return t.call('POST', '/api/auth/confirm', {
    body: { token, ...(opts.name ? { name: opts.name } : {}) },
    headers: opts.cookie ? { Cookie: opts.cookie } : {},
  });
}

/** Full sign-in; returns the cookie to send and the user the API answered with. */
export async function signIn(t: TestApp, email: string, opts: { name?: string; cookie?: string } = {}) {
  const res = await confirm(t, await requestLink(t, email), opts);
  expect(res.status, res.text).toBe(200);
  const cookie = sessionCookieFrom(res.headers);
  expect(cookie).toBeTruthy();
  return { cookie: cookie!, user: res.json.user as { id: number; name: string; email: string } };
}
