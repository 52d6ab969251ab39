/**
 * The answer's batch guards the image on its own, for the window between the up-front check and the
 * write (a sweep or a second answer getting there first). The up-front check is switched off here so
 * every case reaches the batch.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { images, pointsLedger, submissions } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, join } from '../helpers/fixtures';
import { png, uploadRaw } from '../helpers/images';

vi.mock('../../src/domain/images/images', async (original) => ({
  ...(await original<typeof import('../../src/domain/images/images')>()),
  requireAttachable: async () => undefined,
}));

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('attaching an image that was taken meanwhile', () => {
  it('writes nothing and answers 422 naming imageId: someone else’s, already attached, or swept', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const other = await t.userToken('oz@example.org');
    await join(t, other.token, community.slug);
    const theirs = (await uploadRaw(t, png(2, 2), { token: other.token })).json.id;
    const mine = (await uploadRaw(t, png(2, 2), { token: member.token })).json.id;
    const swept = (await uploadRaw(t, png(2, 2), { token: member.token })).json.id;
    await t.db.delete(images).where(eq(images.id, swept));

    const post = (level: string, imageId: string) =>
      t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level, body: 'x', imageId } });
    expect((await post('easy', mine)).status).toBe(201);
    for (const imageId of [theirs, mine, swept]) {
      const res = await post('hard', imageId);
      expect([res.status, res.json.error.code, res.json.error.issues[0].path]).toEqual([422, 'image_unavailable', 'imageId']);
      expect(res.json.error.message).toContain('meanwhile'); // the batch's verdict, not the up-front check's
    }
    expect(await t.db.select({ id: submissions.id }).from(submissions)).toHaveLength(1);
    expect(await t.db.select({ id: pointsLedger.id }).from(pointsLedger)).toHaveLength(1);
    expect((await t.db.select().from(images).where(eq(images.id, theirs)))[0]).toMatchObject({ communityId: null });
  });
});
