/** The sign-in page without JavaScript: email → plain POST → "check your email", through the same link logic as the API. */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { mailSettled } from '../helpers/sign-in';

let t: TestApp;
afterEach(() => t.close());

const form = (fields: Record<string, string>, lang = 'en') =>
  t.app.request('/sign-in', {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': lang },
  });

describe('the sign-in page', () => {
  it('shows an email form that works without JavaScript', async () => {
    t = await makeTestApp();
    const res = await t.app.request('/sign-in', { headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Sign in to Kindling</h1>');
    expect(html).toContain('<form method="post" action="/sign-in"');
    expect(html).toMatch(/<label for="email">Email address<\/label>/);
    expect(html).toMatch(/<input[^>]*id="email"[^>]*aria-describedby="email-hint"[^>]*type="email"[^>]*name="email"[^>]*required/);
    // Mail is not printed to the console in this setup, so the page does not promise it is.
    expect(html).not.toContain('server console');
  });

  it('queues the link like the API does and says to check your email', async () => {
    t = await makeTestApp();
    const res = await form({ email: '  New.Person@Example.org ' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('Check your email: we sent a sign-in link to New.Person@Example.org.');
    expect(html).not.toContain('name="email"');
    await mailSettled(t);
    const mails = await t.db.select().from(outbox).where(eq(outbox.to, 'new.person@example.org'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.actionUrl).toMatch(/^http:\/\/localhost\/auth\/confirm\?token=/);
  });

  it('points to the server console in development', async () => {
    t = await makeTestApp(undefined, { MAIL_TRANSPORT: 'console' });
    const html = await (await form({ email: 'dev@example.org' })).text();
    expect(html).toContain('Running locally? The link is printed in the server console.');
    await mailSettled(t);
  });

  it('keeps what was typed and shows the error next to the field when the address is not one', async () => {
    t = await makeTestApp();
    const res = await form({ email: 'not-an-address' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(
      /<label for="email">Email address<\/label>[\s\S]*?<p class="field-error" id="email-error">Enter an email address, like name@example.org.<\/p>\s*<input[^>]*aria-describedby="email-hint email-error"[^>]*aria-invalid="true"[^>]*value="not-an-address"/,
    );
    expect(await t.db.select().from(outbox)).toEqual([]);
  });

  it('speaks French', async () => {
    t = await makeTestApp();
    const html = await (await form({ email: 'marie@example.org' }, 'fr')).text();
    expect(html).toContain('Consultez vos e-mails : un lien de connexion a été envoyé à marie@example.org.');
    await mailSettled(t);
  });
});
