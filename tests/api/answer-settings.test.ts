/**
 * The author's tools: PATCH /api/submissions/:id (claim it, who sees it), GET …/share (share text), and
 * GET /api/users/:id/profile (public profiles, only when allowed).
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pointsLedger, submissions } from '../../db/schema';
import { buildShareText, escapeMarkdown } from '../../src/domain/answers/share';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join, postAnswer } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // Monday 2026-03-02 12:00 UTC
});
afterEach(() => t.close());

const answer = (token: string, promptId: number, fields: Record<string, unknown> = {}) => postAnswer(t, token, promptId, fields);
/** How others name an anonymous answer (the gallery, its permalink). */
const publicIdOf = async (id: number) =>
  (await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, id)))[0]!.publicId;
const patch = (id: number | string, token: string | undefined, body: unknown) => t.call('PATCH', `/api/submissions/${id}`, { token, body });
const galleryAuthors = async (promptId: number, token?: string) =>
  (await t.call('GET', `/api/prompts/${promptId}/gallery`, { token })).json.items.map((i: any) => [i.id, i.author?.name ?? null]);

describe('PATCH /api/submissions/:id', () => {
  it('claims an anonymous answer with one call, and never makes a named one anonymous again', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const other = await t.userToken('ola@example.org', 'Ola');
    await join(t, other.token, community.slug);
    const id = await answer(member.token, prompt.id, { anonymous: true });
    expect(await galleryAuthors(prompt.id, other.token)).toEqual([[await publicIdOf(id), null]]);

    // Still anonymous: asking for anonymous changes nothing.
    expect((await patch(id, member.token, { anonymous: true })).json).toEqual({ id, visibility: 'community', anonymous: true });
    const claimed = await patch(id, member.token, { anonymous: false });
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.json).toEqual({ id, visibility: 'community', anonymous: false });
    expect(await galleryAuthors(prompt.id, other.token)).toEqual([[id, 'Mo']]);

    const back = await patch(id, member.token, { anonymous: true });
    expect(back.status).toBe(422);
    expect(back.json.error.code).toBe('already_named');
    expect(await galleryAuthors(prompt.id, other.token)).toEqual([[id, 'Mo']]);
  });

  it('leaves the points ledger alone: a claimed answer’s points stay off the public board', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { anonymous: true, visibility: 'public' });
    const ledgerBefore = await t.db.select().from(pointsLedger).where(eq(pointsLedger.submissionId, id));
    expect(ledgerBefore.map((r) => r.listed)).toEqual([false]);

    expect((await patch(id, member.token, { anonymous: false })).status).toBe(200);
    expect(await t.db.select().from(pointsLedger).where(eq(pointsLedger.submissionId, id))).toEqual(ledgerBefore);
    const board = await t.call('GET', `/api/communities/${community.slug}/leaderboard?period=all`, { token: member.token });
    // The member keeps every point (their own view) while the board lists none of them.
    expect(board.json.entries).toEqual([]);
    expect(board.json.me.points).toBe(2);
    const visitor = await t.call('GET', `/api/communities/${community.slug}/leaderboard?period=all`);
    expect(visitor.json.entries).toEqual([]);
  });

  it('widens and narrows who sees it, and the ladder follows', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { visibility: 'facilitators' });
    expect(await galleryAuthors(prompt.id)).toEqual([]);

    expect((await patch(id, member.token, { visibility: 'public' })).json).toEqual({ id, visibility: 'public', anonymous: false });
    expect(await galleryAuthors(prompt.id)).toEqual([[id, 'Mo']]);
    const ladder = await t.call('GET', `/api/communities/${community.slug}/ladder/me`, { token: member.token });
    expect(ladder.json.stage).toBe('sharing_public');

    expect((await patch(id, member.token, { visibility: 'community' })).json.visibility).toBe('community');
    expect(await galleryAuthors(prompt.id)).toEqual([]);
    // The ladder records the highest step reached: narrowing never takes it back.
    expect((await t.call('GET', `/api/communities/${community.slug}/ladder/me`, { token: member.token })).json.stage).toBe('sharing_public');
  });

  it('is the author’s alone: anyone else gets 404, bad input 400, no caller 401', async () => {
    const { facilitator, member, prompt } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { anonymous: true });
    expect((await patch(id, facilitator.token, { anonymous: false })).status).toBe(404);
    expect((await patch(999_999, member.token, { anonymous: false })).status).toBe(404);
    expect((await patch('0'.repeat(32), member.token, { anonymous: false })).status).toBe(404);
    expect((await patch(id, undefined, { anonymous: false })).status).toBe(401);
    expect((await patch(id, member.token, {})).status).toBe(400);
    expect((await patch(id, member.token, { visibility: 'everyone' })).status).toBe(400);
    expect(await galleryAuthors(prompt.id, facilitator.token)).toEqual([[await publicIdOf(id), 'Mo']]);
    expect((await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token: facilitator.token })).json.items[0].anonymous).toBe(true);
  });
});

describe('share text', () => {
  it('has the prompt, the answer, its link and the permalink, for the author only', async () => {
    const { facilitator, member, prompt } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { level: 'hard', body: 'Two points, *one* horizon', link: 'https://example.org/x' });
    const res = await t.call('GET', `/api/submissions/${id}/share`, { token: member.token });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      url: `http://localhost/a/${id}`,
      text: `Draw a cup in two-point perspective (Sketchers)\n\nTwo points, *one* horizon\n\nhttps://example.org/x\n\nhttp://localhost/a/${id}`,
      markdown: `> **Draw a cup in two-point perspective** (Sketchers)\n\nTwo points, \\*one\\* horizon\n\n<https://example.org/x>\n\n<http://localhost/a/${id}>`,
    });
    expect((await t.call('GET', `/api/submissions/${id}/share`, { token: facilitator.token })).status).toBe(404);
    expect((await t.call('GET', `/api/submissions/${id}/share`)).status).toBe(401);
  });

  it('links an anonymous answer by its public id, never its sequential one', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { anonymous: true });
    const publicId = await publicIdOf(id);
    for (const ref of [id, publicId]) {
      const res = await t.call('GET', `/api/submissions/${ref}/share`, { token: member.token });
      expect(res.json.url).toBe(`http://localhost/a/${publicId}`);
      expect(res.json.text.endsWith(`\n\nhttp://localhost/a/${publicId}`)).toBe(true);
      expect(res.json.markdown.endsWith(`<http://localhost/a/${publicId}>`)).toBe(true);
    }
  });

  it('links to PUBLIC_URL when it is set', async () => {
    t.close();
    t = await makeTestApp('2026-03-02T12:00:00Z', { PUBLIC_URL: 'https://kindling.example.org' });
    const { member, prompt } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id);
    const res = await t.call('GET', `/api/submissions/${id}/share`, { token: member.token });
    expect(res.json.url).toBe(`https://kindling.example.org/a/${id}`);
    expect(res.json.text.endsWith(`https://kindling.example.org/a/${id}`)).toBe(true);
  });

  it('escapes Markdown so the answer shows as written, and keeps every line in the quote', () => {
    expect(escapeMarkdown('a_b *c* [d](e) <f> `g` # h | i ~j~ \\')).toBe('a\\_b \\*c\\* \\[d\\](e) \\<f\\> \\`g\\` \\# h \\| i \\~j\\~ \\\\');
    expect(escapeMarkdown('- item\n+ other\n1. first\n  2) second\n=== ')).toBe('\\- item\n\\+ other\n1\\. first\n  2\\) second\n\\=== ');
    const share = buildShareText({ prompt: 'Line one\nline two', body: 'Para\r\n\r\nnext', link: null, community: 'C', url: 'https://k/a/1' });
    expect(share.text).toBe('Line one line two (C)\n\nPara\n\nnext\n\nhttps://k/a/1');
    expect(share.markdown).toBe('> **Line one line two** (C)\n\nPara  \n  \nnext\n\n<https://k/a/1>');
    expect(buildShareText({ prompt: 'p', body: 'b', link: 'https://x.org/a b<c>', community: 'C', url: 'u' }).markdown).toContain(
      '<https://x.org/a%20b%3Cc%3E>',
    );
  });
});

describe('GET /api/users/:id/profile', () => {
  it('exists only for members who allowed it, and shows only public named answers of public communities', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const owner = await t.userToken('olga@example.org', 'Olga');
    await createCommunity(t, owner.token, { slug: 'quiet', name: 'Quiet corner', visibility: 'private' });
    const invite = await t.call('POST', '/api/communities/quiet/invites', { token: owner.token });
    await join(t, member.token, 'quiet', invite.json.code);
    const quiet = await createSeries(t, owner.token, 'quiet', { startDate: '2026-03-02' });

    const shown = await answer(member.token, prompt.id, { body: 'Public and named', visibility: 'public' });
    await answer(member.token, prompt.id, { level: 'hard', body: 'Public but anonymous', visibility: 'public', anonymous: true });
    await answer(member.token, quiet.prompts[0]!.id, { body: 'Private community answer', visibility: 'public' });

    const url = `/api/users/${member.userId}/profile`;
    expect((await t.call('GET', url)).status).toBe(404);
    expect((await t.call('GET', url, { token: member.token })).status).toBe(404);
    expect((await t.call('GET', '/api/users/999999/profile')).json).toEqual((await t.call('GET', url)).json);

    const allow = await t.call('PATCH', '/api/me', { token: member.token, body: { publicProfile: true } });
    expect(allow.json.publicProfile).toBe(true);
    const res = await t.call('GET', url);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ id: member.userId, name: 'Mo', communities: [{ slug: community.slug, name: 'Sketchers' }] });
    expect(res.json.answers.map((a: any) => a.id)).toEqual([shown]);
    expect(res.json.communities[0].badges.map((b: any) => b.id)).toContain('first-answer');
    expect(res.json.communities[0].rhythm).toEqual({ currentRun: 0, longestRun: 0 });
    for (const secret of ['anonymous', 'Quiet corner', 'Private community answer']) expect(res.text).not.toContain(secret);

    await t.call('PATCH', '/api/me', { token: member.token, body: { publicProfile: false } });
    expect((await t.call('GET', url)).status).toBe(404);
  });
});
