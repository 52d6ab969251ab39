/**
 * The facilitators' chat webhooks page: linked from the facilitator menu, a 404 for everyone else, and plain
 * form posts to add (a refused URL shows the reason again) and remove webhooks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatWebhooks } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

async function page(path: string, token?: string, lang = 'en') {
  const res = await t.app.request(path, { headers: { 'Accept-Language': lang, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  return { status: res.status, html: await res.text() };
}
async function form(path: string, token: string, fields: Record<string, string>) {
  const res = await t.app.request(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, location: res.headers.get('Location'), html: await res.text() };
}

describe('the chat webhooks page', () => {
  it('is linked for facilitators and hidden (404) from members and visitors', async () => {
    const { facilitator, member, community } = await communityWithOpenPrompt(t);
    const today = await page(`/c/${community.slug}`, facilitator.token);
    expect(today.html).toContain(`href="/c/${community.slug}/webhooks">Chat webhooks</a>`);
    expect((await page(`/c/${community.slug}`, member.token)).html).not.toContain('/webhooks"');
    expect((await page(`/c/${community.slug}/webhooks`, member.token)).status).toBe(404);
    expect((await page(`/c/${community.slug}/webhooks`)).status).toBe(404);
    const own = await page(`/c/${community.slug}/webhooks`, facilitator.token);
    expect(own.status).toBe(200);
    expect(own.html).toContain('No chat webhooks yet.');
    const fr = await page(`/c/${community.slug}/webhooks`, facilitator.token, 'fr');
    expect(fr.html).toContain('Webhooks de discussion de Sketchers');
  });

  it('adds and removes webhooks with plain forms, and says why a URL is refused', async () => {
    const { facilitator, member, community } = await communityWithOpenPrompt(t);
    const base = `/c/${community.slug}/webhooks`;
    const refused = await form(base, facilitator.token, { url: 'http://10.0.0.1/hook', format: 'slack' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('must start with https://');
    expect(await t.db.select().from(chatWebhooks)).toEqual([]);

    const added = await form(base, facilitator.token, { url: 'https://discord.com/api/webhooks/123/TOKENabcd', format: 'discord' });
    expect(added).toMatchObject({ status: 303, location: `${base}?done=added` });
    const shown = await page(`${base}?done=added`, facilitator.token);
    expect(shown.html).toContain('Webhook added');
    expect(shown.html).toContain('https://discord.com/…abcd');
    expect(shown.html).not.toContain('TOKEN');

    const [hook] = await t.db.select().from(chatWebhooks);
    expect((await form(`${base}/${hook!.id}/delete`, member.token, {})).status).toBe(404);
    expect(await form(`${base}/${hook!.id}/delete`, facilitator.token, {})).toMatchObject({ status: 303, location: `${base}?done=removed` });
    expect(await t.db.select().from(chatWebhooks)).toEqual([]);
  });
});
