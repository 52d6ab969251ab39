/** The short answer path in the API: a sketch or photo alone is an answer, and a first answer joins a public community. */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberships, pointsLedger, submissions } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries } from '../helpers/fixtures';
import { png, uploadRaw } from '../helpers/images';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // Monday 2026-03-02 12:00 UTC
});
afterEach(() => t.close());

const answer = (token: string, promptId: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, { token, headers, body: { level: 'hard', ...body } });
const upload = async (token: string) => {
  const res = await uploadRaw(t, png(64, 48), { token });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return (res.json as { id: string }).id;
};

describe('an image-only answer', () => {
  it('is accepted without text, earns its points and shows in the gallery with an empty text', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const imageId = await upload(member.token);
    const res = await answer(member.token, prompt.id, { imageId });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ points: 4, onTime: true });
    const [row] = await t.db.select().from(submissions).where(eq(submissions.id, res.json.id));
    expect(row).toMatchObject({ body: '', imageId });
    const gallery = await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token: member.token });
    expect(gallery.json.items).toEqual([expect.objectContaining({ id: res.json.id, body: '' })]);
  });

  it('refuses an answer with neither text nor image, and a blank or too long text, with the error envelope', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const imageId = await upload(member.token);
    for (const body of [{}, { body: '   ' }, { body: '', imageId }, { body: 'x'.repeat(501), imageId }]) {
      const res = await answer(member.token, prompt.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'invalid_input', message: expect.any(String) });
      expect(res.json.error.issues).toEqual([{ path: 'body', message: expect.any(String) }]);
    }
    expect(await t.db.select().from(submissions)).toEqual([]);
    expect(await t.db.select().from(pointsLedger)).toEqual([]);
  });
});

describe('a first answer joins a public community', () => {
  it('writes the membership with the answer, and a retry with the same key counts the points once', async () => {
    const { community, prompt } = await communityWithOpenPrompt(t);
    const newcomer = await t.userToken('priya@example.org', 'Priya');
    const key = { 'Idempotency-Key': 'first-answer-1' };
    const first = await answer(newcomer.token, prompt.id, { body: 'My first one' }, key);
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    const retry = await answer(newcomer.token, prompt.id, { body: 'My first one' }, key);
    expect([retry.status, retry.json]).toEqual([201, first.json]);

    const mine = and(eq(memberships.communityId, community.id), eq(memberships.userId, newcomer.userId));
    expect(await t.db.select({ role: memberships.role }).from(memberships).where(mine)).toEqual([{ role: 'member' }]);
    const ledger = await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, newcomer.userId));
    expect(ledger.map((l) => l.delta)).toEqual([4]);
    // Now a member: the other level is answered like any member's.
    expect((await answer(newcomer.token, prompt.id, { level: 'easy', body: 'And the easy one' })).status).toBe(201);
  });

  it('still refuses outsiders of a private community, writing nothing', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const community = await createCommunity(t, fran.token, { slug: 'quiet', visibility: 'private' });
    const series = await createSeries(t, fran.token, community.slug);
    const outsider = await t.userToken('vi@example.org', 'Vi');
    const res = await answer(outsider.token, series.prompts[0]!.id, { body: 'Let me in' });
    expect([res.status, res.json.error.code]).toEqual([404, 'not_found']);
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, outsider.userId))).toEqual([]);
    expect(await t.db.select().from(submissions)).toEqual([]);
  });
});
