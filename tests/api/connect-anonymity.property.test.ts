/**
 * Property (issue 15): whatever mix of named and anonymous answers a member gives, "ask me about" counts only
 * the named ones, and a note on an anonymous answer never tells its sender who wrote it.
 */
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { submissions } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
let fac: { token: string; userId: number };
beforeAll(async () => {
  t = await makeTestApp();
  fac = await t.userToken('fac@example.org', 'Facilitator');
});
afterAll(() => t.close());

type Slot = 'none' | 'named' | 'anonymous';
const TITLES = ['Ink basics', 'Colour studies'];
let run = 0;

it('anonymous answers never feed "ask me about" nor name their author through notes', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom<Slot>('none', 'named', 'anonymous'), { minLength: 4, maxLength: 4 }), fc.boolean(), async (slots, withTopic) => {
      run++;
      const slug = `prop-${run}`;
      await createCommunity(t, fac.token, { slug });
      const today = t.clock.now().toISOString().slice(0, 10);
      const prompts = [];
      for (const title of TITLES) prompts.push((await createSeries(t, fac.token, slug, { title, startDate: today })).prompts[0]!.id);
      const authorName = `Zed${run}q`;
      const author = await t.userToken(`zed${run}@example.org`, authorName);
      const sender = await t.userToken(`sam${run}@example.org`, `Sam${run}`);
      await join(t, author.token, slug);
      await join(t, sender.token, slug);

      const expected = new Map<string, number>();
      const anonymousIds: number[] = [];
      for (const [i, slot] of slots.entries()) {
        if (slot === 'none') continue;
        const body = { level: i % 2 ? 'hard' : 'easy', body: `answer ${i}`, anonymous: slot === 'anonymous' };
        const res = await t.call('POST', `/api/prompts/${prompts[i >> 1]}/submissions`, { token: author.token, body });
        expect(res.status, res.text).toBe(201);
        if (slot === 'named') expected.set(TITLES[i >> 1]!, (expected.get(TITLES[i >> 1]!) ?? 0) + 1);
        else anonymousIds.push(res.json.id);
      }
      await t.call('PATCH', `/api/communities/${slug}/connect/me`, { token: author.token, body: { askOptIn: true, topics: withTopic ? ['Pens'] : [] } });

      const list = await t.call('GET', `/api/communities/${slug}/helpers`, { token: sender.token });
      const areas = Object.fromEntries(expected);
      const listed = list.json.helpers.find((h: { userId: number }) => h.userId === author.userId);
      if (expected.size === 0 && !withTopic) expect(listed).toBeUndefined();
      else expect(Object.fromEntries(listed.practiceAreas.map((a: { label: string; namedAnswers: number }) => [a.label, a.namedAnswers]))).toEqual(areas);

      for (const id of anonymousIds) {
        const [row] = await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, id));
        const sent = await t.call('POST', `/api/submissions/${row!.publicId}/notes`, { token: sender.token, body: { starter: 'thank_you_for', text: 'thanks' } });
        expect(sent.status, sent.text).toBe(201);
        await t.call('POST', `/api/notes/${sent.json.id}/replies`, { token: author.token, body: { text: 'you are welcome' } });
        const read = await t.call('GET', `/api/submissions/${row!.publicId}/notes`, { token: sender.token });
        for (const text of [sent.text, read.text]) {
          expect(text).not.toContain(authorName);
          expect(text).not.toMatch(/userId|authorId/);
        }
        expect(read.json.notes[0].counterpart).toEqual({ kind: 'the_author' });
        // The sequential id of an anonymous answer is not the sender's to use.
        expect((await t.call('GET', `/api/submissions/${id}/notes`, { token: sender.token })).status).toBe(404);
      }
    }),
    { numRuns: 12 },
  );
});
