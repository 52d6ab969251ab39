/**
 * Data rights in the web app, without JavaScript: the download buttons on /me and in the facilitator menu,
 * and account deletion through the /me/delete form, which clears the cookie and says what was removed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { seedTraces } from '../helpers/data-rights';
import { signIn } from '../helpers/sign-in';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const page = async (path: string, cookie?: string) => {
  const res = await t.app.request(path, { headers: { 'Accept-Language': 'en', ...(cookie ? { Cookie: cookie } : {}) } });
  return { status: res.status, html: await res.text(), location: res.headers.get('Location') };
};
const post = (path: string, body: Record<string, string>, cookie: string) =>
  t.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en', Cookie: cookie, Origin: 'http://localhost' },
    body: new URLSearchParams(body).toString(),
  });

describe('data rights pages', () => {
  it('puts Download my data and Delete my account on the profile page, and the export in the facilitator menu', async () => {
    const s = await seedTraces(t);
    const mo = await signIn(t, 'mo@example.org');
    const profile = await page('/me', mo.cookie);
    expect(profile.html).toContain('<a class="button secondary" href="/api/me/export" download>Download my data</a>');
    expect(profile.html).toContain('<a href="/me/delete">Delete my account</a>');
    // The link is a plain GET with the cookie: it downloads the zip.
    const zip = await t.app.request('/api/me/export', { headers: { Cookie: mo.cookie } });
    expect([zip.status, zip.headers.get('Content-Type')]).toEqual([200, 'application/zip']);

    const fran = await signIn(t, 'fran@example.org');
    const today = await page(`/c/${s.community.slug}`, fran.cookie);
    expect(today.html).toContain(`href="/api/communities/${s.community.slug}/export" download>Download the community (zip)</a>`);
    expect((await page(`/c/${s.community.slug}`, mo.cookie)).html).not.toContain('/export');
  });

  it('deletes the account with the form: wrong phrase 400, then done, cookie cleared, counts shown', async () => {
    await seedTraces(t);
    const mo = await signIn(t, 'mo@example.org');
    expect((await page('/me/delete')).location).toBe('/sign-in');
    const confirm = await page('/me/delete', mo.cookie);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('<form class="card" method="post" action="/me/delete">');
    expect(confirm.html).toContain('Your anonymous answers stay in their galleries');

    const wrong = await post('/me/delete', { confirm: 'maybe' }, mo.cookie);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Type “delete my account” or your email address exactly.');
    expect((await page('/me', mo.cookie)).status).toBe(200); // still there

    const done = await post('/me/delete', { confirm: 'delete my account' }, mo.cookie);
    expect(done.status).toBe(303);
    expect(done.headers.getSetCookie().some((c) => /^kindling_session=;/.test(c))).toBe(true);
    const location = done.headers.get('Location')!;
    expect(location).toBe('/me/deleted?named=2&kept=1&images=2&kudos=2&communities=1');
    const after = await page(location);
    expect(after.html).toContain('Your account is deleted');
    expect(after.html).toContain('2 named answers removed');
    expect(after.html).toContain('1 anonymous answer kept, linked to no one');
    // The old cookie no longer signs anyone in.
    expect((await page('/me', mo.cookie)).location).toBe('/sign-in');
  });

  it('tells the only facilitator to hand over first (400 page), in French too', async () => {
    await seedTraces(t);
    const fran = await signIn(t, 'fran@example.org');
    const res = await t.app.request('/me/delete', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'fr', Cookie: fran.cookie, Origin: 'http://localhost' },
      body: 'confirm=fran%40example.org',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Vous êtes la seule personne qui anime une communauté');
  });
});
