import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outbox, sessions, signInLinks, users } from '../../db/schema';
import { sha256Hex } from '../../src/domain/crypto';
import { createApp } from '../../src/app';
import type { Mailer } from '../../src/deps';
import { makeTestApp, type TestApp } from '../helpers/app';
import { confirm, mailSettled, requestLink, sessionCookieFrom, signIn } from '../helpers/sign-in';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const MINUTE = 60_000;
const me = (cookie: string) => t.call('GET', '/api/me', { headers: { Cookie: cookie } });

describe('email-link sign-in', () => {
  it('runs the whole flow: link, Continue page, confirm, cookie, /api/me, sign-out', async () => {
    const token = await requestLink(t, 'ada@example.org');
    const [mail] = await t.db.select().from(outbox);
    expect(mail!.actionUrl).toBe(`http://localhost/auth/confirm?token=${token}&lang=en`);
    expect(mail!.text).toContain(mail!.actionUrl);

    const pageRes = await t.app.request(`/auth/confirm?token=${token}`);
    const pageHtml = await pageRes.text();
    expect(pageRes.status).toBe(200);
    expect(pageRes.headers.get('cache-control')).toBe('no-store');
    expect(pageRes.headers.get('referrer-policy')).toBe('no-referrer');
    expect(pageHtml).toContain('<html lang="en">');
    expect(pageHtml).toMatch(/<form method="post" action="\/auth\/confirm"/);
    expect(pageHtml).toContain(`name="token" value="${token}"`);
    expect(pageHtml).toMatch(/<button type="submit">Continue<\/button>/);
    // In the app's shell, and a newcomer is offered a name drawn from the address, to keep or change.
    expect(pageHtml).toContain('<header class="site">');
    expect(pageHtml).toMatch(/<input[^>]*name="name"[^>]*value="Ada"/);
    expect(await t.db.select().from(signInLinks)).toHaveLength(1); // opening the page consumed nothing

    const res = await confirm(t, token, { name: 'Ada' });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ name: 'Ada', email: 'ada@example.org' });
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/^kindling_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=5184000/);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = sessionCookieFrom(res.headers)!;

    expect((await me(cookie)).json).toMatchObject({ id: res.json.user.id, email: 'ada@example.org' });
    const out = await t.call('POST', '/api/auth/sign-out', { headers: { Cookie: cookie } });
    expect(out.status).toBe(200);
    expect(out.json).toEqual({ ok: true });
    expect(out.headers.getSetCookie().join('\n')).toMatch(/kindling_session=;.*Max-Age=0/);
    expect(await t.db.select().from(sessions)).toHaveLength(0);
    const after = await me(cookie);
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('unauthenticated');
  });

  it('answers the same for a known and an unknown address', async () => {
    await t.userToken('known@example.org');
    const known = await t.call('POST', '/api/auth/email-link', { body: { email: 'known@example.org' } });
    const unknown = await t.call('POST', '/api/auth/email-link', { body: { email: 'nobody@example.org' } });
    await mailSettled(t);
    expect([known.status, known.text]).toEqual([unknown.status, unknown.text]);
    expect(known.status).toBe(202);
    expect(known.json).toEqual({ ok: true });
    expect(await t.db.select().from(outbox)).toHaveLength(2);
    expect(await t.db.select().from(users)).toHaveLength(1); // asking creates no account
  });

  it('names the field when the address is not valid', async () => {
    const res = await t.call('POST', '/api/auth/email-link', { body: { email: 'not-an-address' } });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].path).toBe('email');
  });

  it('stores only hashes of link and session tokens', async () => {
    const token = await requestLink(t, 'ada@example.org');
    const [link] = await t.db.select().from(signInLinks);
    expect(link!.tokenHash).toBe(await sha256Hex(token));
    expect(JSON.stringify(link)).not.toContain(token);

    const { cookie } = await signInWith(token);
    const session = cookie.split('=')[1]!;
    const rows = await t.db.select().from(sessions);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(await sha256Hex(session));
    expect(JSON.stringify(rows)).not.toContain(session);
  });

  it('expires a link after 10 minutes, and the Continue page says so without writing', async () => {
    const token = await requestLink(t, 'ada@example.org');
    t.clock.advance(10 * MINUTE + 1);
    const pageRes = await t.app.request(`/auth/confirm?token=${token}`);
    expect(pageRes.status).toBe(400);
    expect(await pageRes.text()).toContain('no longer works');
    const res = await confirm(t, token);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('link_invalid');
    expect(await t.db.select().from(sessions)).toHaveLength(0);
    expect(await t.db.select().from(users)).toHaveLength(0);
  });

  it('accepts a link just inside its 10 minutes', async () => {
    const token = await requestLink(t, 'ada@example.org');
    t.clock.advance(10 * MINUTE - 1000);
    expect((await confirm(t, token)).status).toBe(200);
  });

  it('works once: the second confirm is link_invalid', async () => {
    const token = await requestLink(t, 'ada@example.org');
    expect((await confirm(t, token)).status).toBe(200);
    const again = await confirm(t, token);
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('link_invalid');
    expect(await t.db.select().from(sessions)).toHaveLength(1);
  });

  it('voids an older link when a newer one is asked for', async () => {
    const older = await requestLink(t, 'ada@example.org');
    const newer = await requestLink(t, 'ada@example.org');
    expect(newer).not.toBe(older);
    expect((await confirm(t, older)).json.error.code).toBe('link_invalid');
    expect((await confirm(t, newer)).status).toBe(200);
  });

  it('lets exactly one of several concurrent confirms of one link through', async () => {
    const token = await requestLink(t, 'ada@example.org');
    const results = await Promise.all(Array.from({ length: 5 }, () => confirm(t, token)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400]);
    expect(results.filter((r) => r.status === 400).every((r) => r.json.error.code === 'link_invalid')).toBe(true);
    expect(await t.db.select().from(sessions)).toHaveLength(1);
    expect(await t.db.select().from(users)).toHaveLength(1);
  });

  it('creates the account for a new address and reuses it for a known one', async () => {
    const first = await signIn(t, 'Ada@Example.org', { name: 'Ada' });
    expect(first.user).toMatchObject({ name: 'Ada', email: 'ada@example.org' });
    // A name sent with a later sign-in does not rename the existing account.
    const second = await signIn(t, 'ada@example.org', { name: 'Someone else' });
    expect(second.user).toEqual(first.user);
    expect(await t.db.select().from(users)).toHaveLength(1);

    const unnamed = await signIn(t, 'bo@example.org');
    expect(unnamed.user.name).toBe(''); // unset: nothing derived from the address unasked, no "Member 1234"
  });

  it('does not offer the name field to a known address', async () => {
    await t.userToken('known@example.org', 'Known');
    const token = await requestLink(t, 'known@example.org');
    const pageHtml = await (await t.app.request(`/auth/confirm?token=${token}`)).text();
    expect(pageHtml).toContain('Continue');
    expect(pageHtml).not.toContain('name="name"');
  });

  it('rotates the session: the cookie sent while confirming stops working', async () => {
    const { cookie: old } = await signIn(t, 'ada@example.org');
    const { cookie: fresh } = await signIn(t, 'ada@example.org', { cookie: old });
    expect(fresh).not.toBe(old);
    expect((await me(old)).status).toBe(401);
    expect((await me(fresh)).status).toBe(200);
    expect(await t.db.select().from(sessions)).toHaveLength(1);
  });

  it('signs out idempotently when not signed in', async () => {
    const res = await t.call('POST', '/api/auth/sign-out');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
  });

  it('refuses a cross-site sign-out that carries the cookie', async () => {
    const { cookie } = await signIn(t, 'ada@example.org');
    const res = await t.call('POST', '/api/auth/sign-out', { headers: { Cookie: cookie, Origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('cross_site');
    expect((await me(cookie)).status).toBe(200);
  });

  async function signInWith(token: string) {
    const res = await confirm(t, token);
    expect(res.status).toBe(200);
    return { cookie: sessionCookieFrom(res.headers)! };
  }
});

describe('over https', () => {
  it('uses a __Host- cookie marked Secure and links built on PUBLIC_URL', async () => {
    t.close();
    t = await makeTestApp(undefined, { PUBLIC_URL: 'https://kindling.example' });
    const token = await requestLink(t, 'ada@example.org');
    const [mail] = await t.db.select().from(outbox);
    expect(mail!.actionUrl).toBe(`https://kindling.example/auth/confirm?token=${token}&lang=en`);
    const res = await confirm(t, token);
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/^__Host-kindling_session=/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Domain=/);
    expect((await me(sessionCookieFrom(res.headers)!)).status).toBe(200);
  });
});

describe('the confirm page without JavaScript', () => {
  const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.request('/auth/confirm', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });

  it('signs in from the form and redirects 303 to /', async () => {
    const token = await requestLink(t, 'ada@example.org');
    const res = await post({ token, name: 'Ada' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = sessionCookieFrom(res.headers)!;
    expect((await me(cookie)).json).toMatchObject({ name: 'Ada', email: 'ada@example.org' });
  });

  it('treats a blank name field as no name', async () => {
    const res = await post({ token: await requestLink(t, 'ada@example.org'), name: '  ' });
    expect(res.status).toBe(303);
    const [user] = await t.db.select().from(users);
    expect(user!.name).toBe('');
  });

  it('answers a used link with an HTML error page, status 400', async () => {
    const token = await requestLink(t, 'ada@example.org');
    expect((await post({ token })).status).toBe(303);
    const res = await post({ token });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('no longer works');
    expect(sessionCookieFrom(res.headers)).toBeNull();
  });

  it('refuses a cross-site form post', async () => {
    const token = await requestLink(t, 'ada@example.org');
    const res = await post({ token }, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await t.db.select().from(signInLinks)).toHaveLength(1);
  });

  it('answers a missing or forged token without reflecting it, and refuses to be framed', async () => {
    expect((await t.app.request('/auth/confirm')).status).toBe(400);
    const res = await t.app.request(`/auth/confirm?token=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('<script>');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('mail delivery after the answer', () => {
  function appWith(mailer: Mailer, db = t.db) {
    const deferred: Promise<unknown>[] = [];
    const app = createApp({ db, clock: t.clock.now, mailer, config: t.config, images: t.images, defer: (w) => deferred.push(w) });
    const ask = () =>
      app.request('/api/auth/email-link', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.org' }),
      });
    return { ask, deferred };
  }

  it('does not make the response wait on a slow mailer', async () => {
    const { ask, deferred } = appWith({ send: () => new Promise(() => {}) });
    expect((await ask()).status).toBe(202);
    // The mail's delivery, and the recognition drain the app starts after every write (src/middleware/recognition.ts).
    expect(deferred).toHaveLength(2);
  });

  it('keeps failed mail in the outbox and never rejects the deferred work', async () => {
    const { ask, deferred } = appWith({ send: async () => Promise.reject(new Error('smtp down')) });
    expect((await ask()).status).toBe(202);
    await expect(deferred[0]).resolves.toBe(0); // nothing sent, nothing thrown
    const [mail] = await t.db.select().from(outbox);
    expect(mail).toMatchObject({ sentAt: null, attempts: 1 });
  });

  it('swallows a database failure during delivery and logs no address', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Requesting the link works; delivery's first write (claiming the mail) fails.
    const failingUpdates = new Proxy(t.db, {
      get: (target, prop) => (prop === 'update' ? () => { throw new Error('db gone for ada@example.org'); } : Reflect.get(target, prop)),
    });
    const { ask, deferred } = appWith({ send: async () => {} }, failingUpdates);
    expect((await ask()).status).toBe(202);
    await expect(deferred[0]).resolves.toBeUndefined();
    // The recognition drain the write started meets the same failing database: it logs too, and rejects nothing.
    await Promise.all(deferred);
    const lines = errors.mock.calls.map(String);
    expect(lines.filter((l) => l.startsWith('[mail] outbox delivery failed'))).toHaveLength(1);
    for (const line of lines) expect(line).not.toContain('ada@');
    errors.mockRestore();
  });
});

describe('signing in comes back, in the member language', () => {
  it('carries a same-site next path through the mail and the confirm page, then redirects to it', async () => {
    const next = '/c/sketchers?prompt=3&level=hard#answer';
    const res = await t.call('POST', '/api/auth/email-link', { body: { email: 'priya.sharma+k@example.org', next, lang: 'fr' } });
    expect(res.status).toBe(202);
    await mailSettled(t);
    const [mail] = await t.db.select().from(outbox);
    expect(mail!.subject).toBe('Votre lien de connexion à Kindling');
    expect(mail!.text).toContain('Ouvrez ce lien');
    const link = new URL(mail!.actionUrl!);
    expect([link.searchParams.get('next'), link.searchParams.get('lang')]).toEqual([next, 'fr']);

    // The page is French for the link's language, whatever the browser says, and offers a friendly name.
    const page = await (await t.app.request(`${link.pathname}${link.search}`, { headers: { 'Accept-Language': 'en' } })).text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Continuer');
    expect(page).toMatch(/<input[^>]*name="name"[^>]*value="Priya Sharma"/);
    expect(page).toContain(`name="next" value="${next.replace(/&/g, '&amp;')}"`);

    const token = link.searchParams.get('token')!;
    const done = await t.app.request('/auth/confirm', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, name: 'Priya', next }).toString(),
    });
    expect([done.status, done.headers.get('location')]).toEqual([303, next]);
  });

  it('refuses a next that leaves the site, with the error envelope, and never redirects off-site', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'c/x']) {
      const res = await t.call('POST', '/api/auth/email-link', { body: { email: 'ada@example.org', next } });
      expect(res.status, next).toBe(400);
      expect(res.json.error.issues).toEqual([{ path: 'next', message: expect.any(String) }]);
    }
    const token = await requestLink(t, 'ada@example.org');
    const done = await t.app.request('/auth/confirm', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, next: '//evil.example/x' }).toString(),
    });
    expect([done.status, done.headers.get('location')]).toEqual([303, '/']);
  });

  it('keeps the link usable and the name typed when the name is too long', async () => {
    const token = await requestLink(t, 'ada@example.org');
    const res = await t.app.request('/auth/confirm', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, name: 'A'.repeat(61) }).toString(),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('A display name has 60 characters at most.');
    expect(await t.db.select().from(signInLinks)).toHaveLength(1);
  });
});
