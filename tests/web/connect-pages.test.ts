/**
 * Connect pages without JavaScript (issue 15): "who can help" with its settings form, and the note forms on an
 * answer's page (send, reply, helpful, block, hide), each a plain post answered by a redirect.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSettings, noteBlocks, noteMessages, notes } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

async function page(path: string, token?: string) {
  const headers: Record<string, string> = { 'Accept-Language': 'en' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await t.app.request(path, { headers });
  return { status: res.status, html: await res.text(), location: res.headers.get('Location') };
}
async function post(path: string, token: string, form: Record<string, string>) {
  const res = await t.app.request(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, location: res.headers.get('Location') };
}

async function world() {
  const base = await communityWithOpenPrompt(t);
  const rhi = await t.userToken('rhi@example.org', 'Rhiannon');
  await join(t, rhi.token, base.community.slug);
  const answer = await t.call('POST', `/api/prompts/${base.prompt.id}/submissions`, { token: base.member.token, body: { level: 'easy', body: 'A cup' } });
  return { ...base, rhi, answerId: answer.json.id as number };
}

describe('who can help', () => {
  it('sends visitors signed out to sign in, asks visitors to join, hides private communities', async () => {
    const w = await world();
    expect((await page(`/c/${w.community.slug}/helpers`)).location).toBe(`/sign-in?next=${encodeURIComponent(`/c/${w.community.slug}/helpers`)}`);
    const stranger = await t.userToken('st@example.org', 'St');
    const visitor = await page(`/c/${w.community.slug}/helpers`, stranger.token);
    expect(visitor.html).toContain('Join this community to see who can help.');
    expect(visitor.html).not.toContain('action="/c/sketchers/helpers/settings"');
    await createCommunity(t, w.facilitator.token, { slug: 'inner', visibility: 'private' });
    expect((await page('/c/inner/helpers', stranger.token)).status).toBe(404);
  });

  it('saves opt-in, topics and notes off from the form, then lists and finds the member', async () => {
    const w = await world();
    const saved = await post(`/c/${w.community.slug}/helpers/settings`, w.member.token, { askOptIn: 'on', topics: 'Ink\n\n  Perspective ', notesOff: 'on' });
    expect(saved).toEqual({ status: 303, location: `/c/${w.community.slug}/helpers?saved=1#mine` });
    const [row] = await t.db.select().from(connectSettings).where(eq(connectSettings.userId, w.member.userId));
    expect(row).toMatchObject({ askOptIn: true, notesOff: true, topics: '["Ink","Perspective"]' });
    const found = await page(`/c/${w.community.slug}/helpers?q=persp`, w.rhi.token);
    expect(found.html).toContain('Ask about: Ink, Perspective');
    expect(found.html).toContain('Warm-ups (1 answer)');
    // The member's own profile leads to these settings in each of their communities.
    expect((await page('/me', w.member.token)).html).toContain(`href="/c/${w.community.slug}/helpers#mine"`);
    const none = await page(`/c/${w.community.slug}/helpers?q=clay`, w.rhi.token);
    expect(none.html).toContain('Nobody matches “clay”.');
  });
});

describe('notes on the answer page', () => {
  it('sends a note from the form, lets the author reply, mark it helpful and block; bad input says so', async () => {
    const w = await world();
    const path = `/a/${w.answerId}`;
    expect((await page(path, w.rhi.token)).html).toContain(`action="${path}/notes"`);
    expect((await page(path, w.member.token)).html).not.toContain(`action="${path}/notes"`);
    expect(await post(`${path}/notes`, w.rhi.token, { starter: 'nope', text: 'hi' })).toMatchObject({ location: `${path}?note=invalid#notes` });
    expect(await post(`${path}/notes`, w.rhi.token, { starter: 'love_to_hear_more', text: 'your handle' })).toEqual({ status: 303, location: `${path}#notes` });
    const [note] = await t.db.select().from(notes);
    expect(note).toMatchObject({ senderId: w.rhi.userId, starter: 'love_to_hear_more' });
    expect(await post(`${path}/notes`, w.rhi.token, { starter: 'love_to_hear_more', text: 'again' })).toMatchObject({ location: `${path}?note=already#notes` });
    expect((await page(`${path}?note=already`, w.rhi.token)).html).toContain('You already left a note here');

    const authorView = await page(path, w.member.token);
    expect(authorView.html).toContain('<strong>Rhiannon</strong>: your handle');
    expect((await post(`${path}/notes/${note!.id}/reply`, w.member.token, { text: 'it is ash' })).status).toBe(303);
    expect((await post(`${path}/notes/${note!.id}/helpful`, w.member.token, {})).status).toBe(303);
    expect((await post(`${path}/notes/${note!.id}/block`, w.member.token, {})).status).toBe(303);
    const messages = await t.db.select().from(noteMessages).where(eq(noteMessages.noteId, note!.id));
    expect(messages.map((m) => [m.fromRole, m.body])).toEqual([['sender', 'your handle'], ['author', 'it is ash']]);
    expect((await t.db.select().from(notes))[0]!.helpfulAt).not.toBeNull();
    expect(await t.db.select().from(noteBlocks)).toHaveLength(1);
    // The giver's recognition, on their own settings.
    expect((await page(`/c/${w.community.slug}/helpers`, w.rhi.token)).html).toContain('You left 1 encouragement note here. 1 was marked helpful.');
    // Someone who may not read the note gets the 404 page from its forms.
    const other = await t.userToken('ox@example.org', 'Ox');
    await join(t, other.token, w.community.slug);
    expect((await post(`${path}/notes/${note!.id}/helpful`, other.token, {})).status).toBe(404);
    expect((await post(`${path}/notes/${note!.id}/explode`, w.member.token, {})).status).toBe(404);
  });

  it('lets a facilitator hide a note from the page, after which its author no longer reads it', async () => {
    const w = await world();
    const path = `/a/${w.answerId}`;
    await post(`${path}/notes`, w.rhi.token, { starter: 'thank_you_for', text: 'rude words' });
    const [note] = await t.db.select().from(notes);
    expect((await page(path, w.facilitator.token)).html).toContain(`action="${path}/notes/${note!.id}/hide"`);
    // Once the author reports it, the moderation page lists it with a link to it.
    expect((await post(`${path}/notes/${note!.id}/report`, w.member.token, {})).status).toBe(303);
    const queue = await page(`/c/${w.community.slug}/moderation`, w.facilitator.token);
    expect(queue.html).toContain('Notes reported by the members they were sent to');
    expect(queue.html).toContain(`href="/a/${w.answerId}#note-${note!.id}"`);
    expect((await post(`${path}/notes/${note!.id}/hide`, w.member.token, {})).status).toBe(403);
    expect((await post(`${path}/notes/${note!.id}/hide`, w.facilitator.token, {})).status).toBe(303);
    expect((await page(path, w.member.token)).html).not.toContain('rude words');
  });
});
