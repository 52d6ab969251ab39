/**
 * Data rights over HTTP only, run against every home (tests/api/loop-scenarios.test.ts on Node,
 * tests/worker/worker.test.ts in workerd): the zips must stream where the Worker runs, read images from R2 as
 * from the folder, and an account's deletion must clear the store behind it.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { png } from '../helpers/images';
import { community, signIn } from './loop.scenario';
import { client, uniq, type ScenarioTarget } from './target';

export function dataRightsScenarios(target: () => ScenarioTarget) {
  describe('data rights', () => {
    it('exports a member and a community as zips, then deletes the member, images and all', async () => {
      const t = target();
      const id = uniq();
      const fran = await signIn(t, `fran-${id}@example.org`, 'Fran');
      const mo = await signIn(t, `mo-${id}@example.org`, 'Mo');
      const { slug, day } = await community(fran);
      const created = await fran.call('POST', `/api/communities/${slug}/series`, {
        title: 'Warm-ups', startDate: day, cadence: 'daily', prompts: [{ easy: 'Draw a mug', hard: 'Draw a chair' }],
      });
      expect(created.status, created.text).toBe(201);
      const promptId = created.json.prompts[0].id;
      const upload = async (w: number) => {
        const res = await mo.call('POST', '/api/images', png(w, w), { 'Content-Type': 'image/png' });
        expect(res.status, res.text).toBe(201);
        return res.json.id as string;
      };
      const [named, anon] = [await upload(12), await upload(14)];
      const answer = (body: Record<string, unknown>) => mo.call('POST', `/api/prompts/${promptId}/submissions`, { visibility: 'public', ...body });
      expect((await answer({ level: 'easy', body: 'My mug', anonymous: false, imageId: named })).status).toBe(201);
      expect((await answer({ level: 'hard', body: 'A shy chair', anonymous: true, imageId: anon })).status).toBe(201);

      const download = async (path: string, who: { cookie: string }) => {
        const res = await t.fetch(path, { headers: { Cookie: who.cookie } });
        expect(res.status).toBe(200);
        expect(res.headers.get('Content-Type')).toBe('application/zip');
        return unzipSync(new Uint8Array(await res.arrayBuffer()));
      };
      const mine = await download('/api/me/export', mo);
      const data = JSON.parse(strFromU8(mine['kindling-export.json']!));
      expect(data.answers.map((a: { body: string }) => a.body).sort()).toEqual(['A shy chair', 'My mug']);
      expect(mine[`images/${anon}.png`]).toEqual((await t.storedImage(anon))!.body);

      const theirs = await download(`/api/communities/${slug}/export`, fran);
      const community_ = JSON.parse(strFromU8(theirs['community.json']!));
      expect(community_.answers.find((a: { body: string }) => a.body === 'A shy chair').author).toBeNull();
      expect(Object.keys(theirs).sort()).toEqual(['community.json', `images/${anon}.png`, `images/${named}.png`].sort());

      const erased = await mo.call('DELETE', '/api/me', { confirm: 'delete my account' });
      expect(erased.status, erased.text).toBe(200);
      expect(erased.json).toMatchObject({ namedAnswersDeleted: 1, anonymousAnswersKept: 1, imagesDeleted: 1 });
      expect(await t.storedImage(named)).toBeNull();
      expect(await t.storedImage(anon)).not.toBeNull();
      expect((await mo.call('GET', '/api/me')).status).toBe(401);
      const gallery = await client(t)('GET', `/api/prompts/${promptId}/gallery`);
      expect(gallery.json.items.map((i: { body: string }) => i.body)).toEqual(['A shy chair']);
    });
  });
}
