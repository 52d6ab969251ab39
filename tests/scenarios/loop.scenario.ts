/**
 * The core loop as people live it, over HTTP only, written once and run against every home:
 * tests/api/loop-scenarios.test.ts (Node, embedded libSQL file) and tests/worker/worker.test.ts (the Worker in
 * workerd, local D1 and R2). Everything happens at the real "now" in a zone where it is about noon, with a
 * series that started yesterday, so one prompt is late and one is on time whatever the hour in UTC.
 */
import { describe, expect, it } from 'vitest';
import { jpegWithMetadata, plantedIn, readMetadata } from '../helpers/image-metadata';
import { addDays, client, TINY_PNG, uniq, zoneNearNoon, type ScenarioTarget } from './target';

/** Signs in through the emailed link exactly as a person does: ask, open the link, press Continue. */
export async function signIn(t: ScenarioTarget, email: string, name: string) {
  const visitor = client(t);
  expect((await visitor('POST', '/api/auth/email-link', { email })).status).toBe(202);
  const link = new URL(await t.mailedLink(email));
  expect(link.pathname).toBe('/auth/confirm');
  const page = await visitor('GET', link.pathname + link.search);
  expect(page.status).toBe(200);
  expect(page.text).toContain('Continue'); // opening the link alone signs nobody in
  const token = link.searchParams.get('token')!;
  const res = await visitor('POST', '/api/auth/confirm', { token, name });
  expect(res.status, res.text).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => /^(__Host-)?kindling_session=/.test(c));
  expect(cookie, 'session cookie').toBeTruthy();
  expect(cookie).toMatch(/HttpOnly/i);
  // Single use: the same link cannot sign in twice.
  expect((await visitor('POST', '/api/auth/confirm', { token })).status).toBeGreaterThanOrEqual(400);
  const pair = cookie!.split(';')[0]!;
  return { call: client(t, pair), cookie: pair, user: res.json.user as { id: number; name: string }, email };
}

/** A public community in a zone where it is about noon, with its local "today" as the server sees it. */
export async function community(fran: Awaited<ReturnType<typeof signIn>>) {
  const slug = `loop-${uniq()}`;
  const created = await fran.call('POST', '/api/communities', { slug, name: 'Loop', timeZone: zoneNearNoon(), visibility: 'public' });
  expect(created.status, created.text).toBe(201);
  const today = await fran.call('GET', `/api/communities/${slug}/today`);
  expect(today.json.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  return { slug, day: today.json.date as string };
}

export function loopScenarios(target: () => ScenarioTarget) {
  describe('the core loop', () => {
    it('schedules, opens, answers late and on time, encourages, ranks and takes back', async () => {
      const t = target();
      const id = uniq();
      const visitor = client(t);
      const fran = await signIn(t, `fran-${id}@example.org`, 'Fran');
      const mo = await signIn(t, `mo-${id}@example.org`, 'Mo');
      const ana = await signIn(t, `ana-${id}@example.org`, 'Ana');
      expect((await mo.call('GET', '/api/me')).json).toMatchObject({ id: mo.user.id, name: 'Mo', email: mo.email });

      const { slug, day } = await community(fran);
      const created = await fran.call('POST', `/api/communities/${slug}/series`, {
        title: 'Warm-ups',
        startDate: addDays(day, -1), // in the past: yesterday's prompt opens at once, as a late one
        cadence: 'daily',
        prompts: [
          { easy: 'Draw your mug', hard: 'Draw it from three angles' },
          { easy: 'Draw a chair', hard: 'Draw it in perspective', hardPoints: 5 },
        ],
      });
      expect(created.status, created.text).toBe(201);
      const [late, current] = created.json.prompts;
      expect([late.opensOn, current.opensOn]).toEqual([addDays(day, -1), day]);
      expect((await mo.call('POST', `/api/communities/${slug}/join`, {})).status).toBe(200);
      expect((await ana.call('POST', `/api/communities/${slug}/join`, {})).status).toBe(200);

      const today = await mo.call('GET', `/api/communities/${slug}/today`);
      expect(today.json).toMatchObject({
        date: day,
        prompts: [{ id: current.id, seriesTitle: 'Warm-ups', easy: { points: 1 }, hard: { points: 5 } }],
        open: [{ id: late.id, opensOn: addDays(day, -1) }],
      });

      // Mo answers today's prompt at both levels; the on-time bonus is 1; a level is answered once.
      const easy = await mo.call('POST', `/api/prompts/${current.id}/submissions`, { level: 'easy', body: 'Quick mug', visibility: 'public' });
      expect(easy.status, easy.text).toBe(201);
      expect(easy.json).toMatchObject({ points: 2, onTime: true });
      const hard = await mo.call('POST', `/api/prompts/${current.id}/submissions`, {
        level: 'hard', body: 'Chair in two-point perspective', visibility: 'community', anonymous: true,
      });
      expect(hard.json).toMatchObject({ points: 6, onTime: true });
      const again = await mo.call('POST', `/api/prompts/${current.id}/submissions`, { level: 'easy', body: 'again' });
      expect(again.status).toBe(409);
      expect(again.json.error).toMatchObject({ code: 'already_answered', existingId: easy.json.id });

      // Ana answers yesterday's prompt late (no bonus); a retry with the same Idempotency-Key replays it.
      const lateBody = { level: 'easy', body: 'Late mug', visibility: 'community' };
      const key = { 'Idempotency-Key': `late-${id}` };
      const lateAnswer = await ana.call('POST', `/api/prompts/${late.id}/submissions`, lateBody, key);
      expect(lateAnswer.status, lateAnswer.text).toBe(201);
      expect(lateAnswer.json).toMatchObject({ points: 1, onTime: false });
      const retry = await ana.call('POST', `/api/prompts/${late.id}/submissions`, lateBody, key);
      expect(retry.status).toBe(201);
      expect(retry.json.id).toBe(lateAnswer.json.id);
      expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
      expect((await ana.call('POST', `/api/prompts/${late.id}/submissions`, { ...lateBody, body: 'other' }, key)).status).toBe(422);
      const onTime = await ana.call('POST', `/api/prompts/${current.id}/submissions`, { level: 'hard', body: 'Chair', visibility: 'public' });
      expect(onTime.json).toMatchObject({ points: 6, onTime: true });

      expect((await ana.call('POST', `/api/submissions/${easy.json.id}/kudos`, { kind: 'applause' })).status).toBe(200);

      // A visitor sees public answers only; a member also sees the community's, anonymous ones without a name.
      const visitorGallery = await visitor('GET', `/api/prompts/${current.id}/gallery`);
      expect(visitorGallery.json.items.map((i: any) => i.id)).toEqual([onTime.json.id, easy.json.id]);
      expect(visitorGallery.json.items[1]).toMatchObject({ author: { name: 'Mo' }, kudos: expect.objectContaining({ applause: 1 }) });
      const memberGallery = await ana.call('GET', `/api/prompts/${current.id}/gallery`);
      // The anonymous one shows a random public id and only its hour, and is placed by that hour alone.
      const items: { id: number | string; author: unknown; createdAt: string }[] = memberGallery.json.items;
      expect(items.map((i) => i.id).filter((i) => typeof i === 'number')).toEqual([onTime.json.id, easy.json.id]);
      const anonymous = items.filter((i) => typeof i.id === 'string');
      expect(anonymous).toEqual([expect.objectContaining({ id: expect.stringMatching(/^[0-9a-f]{32}$/), author: null })]);
      expect(anonymous[0]!.createdAt).toMatch(/T\d\d:00:00\.000Z$/);
      expect(items).toHaveLength(3);
      expect(memberGallery.text).not.toContain(mo.email);

      // Anonymous points count for Mo but never reach the board.
      const week = await visitor('GET', `/api/communities/${slug}/leaderboard?period=week`);
      expect(week.json.entries).toEqual([
        { rank: 1, name: 'Ana', points: 7 },
        { rank: 2, name: 'Mo', points: 2 },
      ]);
      expect((await mo.call('GET', `/api/communities/${slug}/leaderboard?period=all`)).json.me).toMatchObject({ points: 8 });

      // Taking an answer back reverses its points with a new ledger entry; scores always equal the ledger.
      expect((await ana.call('DELETE', `/api/submissions/${lateAnswer.json.id}`)).status).toBeLessThan(300);
      const all = await visitor('GET', `/api/communities/${slug}/leaderboard?period=all`);
      expect(all.json.entries).toEqual([
        { rank: 1, name: 'Ana', points: 6 },
        { rank: 2, name: 'Mo', points: 2 },
      ]);
      const ledger = await t.query(
        `select l.user_id as user, sum(l.delta) as total, count(*) as entries from points_ledger l
         join communities c on c.id = l.community_id where c.slug = ? group by l.user_id order by l.user_id`,
        slug,
      );
      expect(ledger.map((r) => Number(r.entries))).toEqual([2, 3]); // Mo: 2; Ana: 2 answers + 1 reversal
      const scores = await t.query(
        `select s.user_id as user, s.points as total from scores s join communities c on c.id = s.community_id
         where c.slug = ? and s.period = 'all' order by s.user_id`,
        slug,
      );
      expect(scores.map((r) => [Number(r.user), Number(r.total)])).toEqual(ledger.map((r) => [Number(r.user), Number(r.total)]));

      // Signing out ends the session.
      expect((await mo.call('POST', '/api/auth/sign-out')).status).toBe(200);
      expect((await mo.call('GET', '/api/me')).status).toBe(401);
    });

    it('stores an answer image in the home\'s image store and serves it back under the answer\'s visibility', async () => {
      const t = target();
      const id = uniq();
      const fran = await signIn(t, `fran-${id}@example.org`, 'Fran');
      const mo = await signIn(t, `mo-${id}@example.org`, 'Mo');
      const { slug, day } = await community(fran);
      const series = await fran.call('POST', `/api/communities/${slug}/series`, {
        title: 'Pictures', startDate: day, cadence: 'daily', prompts: [{ easy: 'Photograph a cup', hard: 'Sketch it too' }],
      });
      const prompt = series.json.prompts[0];
      expect((await mo.call('POST', `/api/communities/${slug}/join`, {})).status).toBe(200);

      const upload = await mo.call('POST', '/api/images', TINY_PNG, { 'Content-Type': 'image/png' });
      expect(upload.status, upload.text).toBe(201);
      expect(upload.json).toMatchObject({ width: 2, height: 1, contentType: 'image/png' });
      const stored = await t.storedImage(upload.json.id);
      expect(stored?.contentType).toBe('image/png');
      expect([...stored!.body]).toEqual([...TINY_PNG]);

      // Not attached yet: nobody but its uploader has an answer to see it through.
      expect((await t.fetch(upload.json.url)).status).toBe(404);
      const answer = await mo.call('POST', `/api/prompts/${prompt.id}/submissions`, {
        level: 'easy', body: 'My cup', visibility: 'public', imageId: upload.json.id,
      });
      expect(answer.status, answer.text).toBe(201);

      const res = await t.fetch(upload.json.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('image/png');
      expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([...TINY_PNG]);
      const gallery = await client(t)('GET', `/api/prompts/${prompt.id}/gallery`);
      expect(gallery.json.items[0].image).toEqual({ url: upload.json.url, width: 2, height: 1 });

      // A photo with GPS in its EXIF, on an anonymous public answer: stored and served with no metadata
      // but its orientation, through this home's store.
      const photo = await mo.call('POST', '/api/images', jpegWithMetadata(40, 30), { 'Content-Type': 'image/jpeg' });
      expect(photo.status, photo.text).toBe(201);
      const anonymous = await mo.call('POST', `/api/prompts/${prompt.id}/submissions`, {
        level: 'hard', body: 'From home', visibility: 'public', anonymous: true, imageId: photo.json.id,
      });
      expect(anonymous.status, anonymous.text).toBe(201);
      const served = new Uint8Array(await (await t.fetch(photo.json.url)).arrayBuffer());
      for (const bytes of [served, (await t.storedImage(photo.json.id))!.body]) {
        expect(await readMetadata(bytes)).toMatchObject({ gps: null, exifTags: ['Orientation'], xmp: null, iptc: null });
        expect(plantedIn(bytes)).toEqual([]);
      }

      // Taking the answer back takes its image with it, from the store too.
      expect((await mo.call('DELETE', `/api/submissions/${answer.json.id}`)).status).toBeLessThan(300);
      expect((await t.fetch(upload.json.url)).status).toBe(404);
    });

    it('the scheduler opens a prompt that came due, and running it again changes nothing', async () => {
      const t = target();
      const fran = await signIn(t, `fran-${uniq()}@example.org`, 'Fran');
      const { slug, day } = await community(fran);
      const created = await fran.call('POST', `/api/communities/${slug}/series`, {
        title: 'Due', startDate: day, cadence: 'daily', prompts: [{ easy: 'Easy', hard: 'Hard' }, { easy: 'Later', hard: 'Later' }],
      });
      const [due] = created.json.prompts;
      // Creating it opened today's prompt at once; make it a prompt whose day began while the scheduler slept.
      await t.query('update prompts set opened_at = null where id = ?', due.id);
      const visitor = client(t);
      expect((await visitor('GET', `/api/communities/${slug}/today`)).json.prompts).toEqual([]);

      await t.runScheduler();
      expect((await visitor('GET', `/api/communities/${slug}/today`)).json.prompts).toMatchObject([{ id: due.id, opensOn: day }]);
      const state = () =>
        t.query(
          'select p.id, p.opened_at, s.status from prompts p join series s on s.id = p.series_id where s.id = ? order by p.id',
          created.json.id,
        );
      const before = await state();
      expect(before.map((r) => r.opened_at === null)).toEqual([false, true]); // tomorrow's stays closed

      await t.runScheduler();
      expect(await state()).toEqual(before);
      expect((await visitor('GET', `/api/communities/${slug}/today`)).json.prompts.map((p: any) => p.id)).toEqual([due.id]);
    });

    it('pages through the directory with cursors that carry names beyond ASCII, private communities left out', async () => {
      const t = target();
      const id = uniq();
      const fran = await signIn(t, `fran-${id}@example.org`, 'Fran');
      // Three names that sort together: with pages of two, at least one of them ends a page, so its cursor holds "é".
      const names = ['A', 'B', 'C'].map((letter) => `Café ${id} ${letter}`);
      for (const [i, name] of names.entries()) {
        const res = await fran.call('POST', '/api/communities', { slug: `cafe-${id}-${i}`, name, timeZone: 'UTC', visibility: 'public' });
        expect(res.status, res.text).toBe(201);
      }
      const hidden = await fran.call('POST', '/api/communities', { slug: `cafe-${id}-x`, name: `Café ${id} AB`, timeZone: 'UTC', visibility: 'private' });
      expect(hidden.status, hidden.text).toBe(201);

      const visitor = client(t);
      const seen: { slug: string; name: string }[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 200 && (page === 0 || cursor); page++) {
        const res = await visitor('GET', `/api/communities?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(res.status, res.text).toBe(200);
        expect(res.json.communities.length).toBeLessThanOrEqual(2);
        seen.push(...res.json.communities);
        cursor = res.json.nextCursor;
      }
      expect(cursor, 'the last page says so').toBeNull();
      expect(seen.filter((c) => c.name.includes(id)).map((c) => c.name)).toEqual(names);
      // Each community once: names repeat across communities (other scenarios' "Loop"), slugs do not.
      expect(new Set(seen.map((c) => c.slug)).size).toBe(seen.length);
      expect((await visitor('GET', '/api/communities?cursor=not-a-cursor')).status).toBe(400);
    });
  });
}
