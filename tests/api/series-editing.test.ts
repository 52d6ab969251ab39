/** Editing a series: unopened prompts freely (texts, points, order); opened ones only typo fixes, logged. */
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { promptEdits, prompts } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries } from '../helpers/fixtures';

let t: TestApp;
let fran: { token: string; userId: number };
let s: Awaited<ReturnType<typeof createSeries>>;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
  fran = await t.userToken('fran@example.org', 'Fran');
  await createCommunity(t, fran.token, { slug: 'sketchers' });
  // Starts today: prompt 1 is open, prompts 2 and 3 wait (March 3 and 4).
  s = await createSeries(t, fran.token, 'sketchers', {
    startDate: '2026-03-02',
    prompts: [
      { easy: 'Draw a cup', hard: 'Draw a cup in two-point perspective' },
      { easy: 'Name one tool', hard: 'Explain why you chose it' },
      { easy: 'Share a tip', hard: 'Share a tip with an example' },
      { easy: 'Sketch a hand', hard: 'Sketch a hand holding a pen' },
    ],
  });
});
afterEach(() => t.close());

const patch = (id: number, body: unknown) => t.call('PATCH', `/api/prompts/${id}`, { token: fran.token, body });
const rows = () => t.db.select().from(prompts).where(eq(prompts.seriesId, s.id)).orderBy(asc(prompts.position));

it('edits anything in a prompt not yet opened, without a log entry', async () => {
  const res = await patch(s.prompts[1]!.id, { easy: 'Name two tools you could not work without', hardPoints: 5 });
  expect(res.status, res.text).toBe(200);
  expect(res.json.prompts[1]).toMatchObject({ easy: { text: 'Name two tools you could not work without', points: 1 }, hard: { points: 5 } });
  expect(await t.db.select().from(promptEdits)).toHaveLength(0);
});

it('an opened prompt takes a typo fix, logged with who, when, before and after', async () => {
  const id = s.prompts[0]!.id;
  t.clock.advance(3_600_000);
  const res = await patch(id, { hard: 'Draw a cup in two-point perspektive' }); // 1 change out of 35 characters
  expect(res.status, res.text).toBe(200);
  const log = await t.call('GET', `/api/series/${s.id}/edits`, { token: fran.token });
  expect(log.json.edits).toEqual([
    {
      id: expect.any(Number),
      promptId: id,
      position: 1,
      level: 'hard',
      before: 'Draw a cup in two-point perspective',
      after: 'Draw a cup in two-point perspektive',
      editedBy: 'Fran',
      editedAt: '2026-03-02T13:00:00.000Z',
    },
  ]);
  // The same text again is no change, so no second entry.
  expect((await patch(id, { hard: 'Draw a cup in two-point perspektive' })).status).toBe(200);
  expect(await t.db.select().from(promptEdits)).toHaveLength(1);
});

it('an opened prompt refuses a larger change and any change of points (409 prompt_opened), writing nothing', async () => {
  const id = s.prompts[0]!.id;
  const before = await rows();
  const rewrite = await patch(id, { easy: 'Draw a mug' }); // 'Draw a cup' allows 1 change; this is 3
  expect([rewrite.status, rewrite.json.error.code]).toEqual([409, 'prompt_opened']);
  const points = await patch(id, { easyPoints: 2 });
  expect([points.status, points.json.error.code]).toEqual([409, 'prompt_opened']);
  // A valid fix beside a refused one: nothing at all is written.
  const mixed = await patch(id, { easy: 'Draw a cap', hard: 'Something else entirely' });
  expect(mixed.status).toBe(409);
  expect(await rows()).toEqual(before);
  expect(await t.db.select().from(promptEdits)).toHaveLength(0);
});

it('reorders the prompts not yet opened: they keep their days, in order; the opened one stays put', async () => {
  const [, b, c, d] = s.prompts.map((p) => p.id);
  const res = await t.call('PATCH', `/api/series/${s.id}/order`, { token: fran.token, body: { promptIds: [d, b, c] } });
  expect(res.status, res.text).toBe(200);
  expect(res.json.prompts.map((p: any) => [p.id, p.position, p.opensOn])).toEqual([
    [s.prompts[0]!.id, 1, '2026-03-02'],
    [d, 2, '2026-03-03'],
    [b, 3, '2026-03-04'],
    [c, 4, '2026-03-05'],
  ]);
  const opensAt = (await rows()).map((r) => r.opensAt);
  expect(opensAt).toEqual([...opensAt].sort((x, y) => x - y));
});

it('refuses an order that moves an opened prompt (409) or leaves one out (400)', async () => {
  const [a, b, c, d] = s.prompts.map((p) => p.id);
  const moved = await t.call('PATCH', `/api/series/${s.id}/order`, { token: fran.token, body: { promptIds: [b, a, c, d] } });
  expect([moved.status, moved.json.error.code]).toEqual([409, 'prompt_opened']);
  const partial = await t.call('PATCH', `/api/series/${s.id}/order`, { token: fran.token, body: { promptIds: [c, b] } });
  expect([partial.status, partial.json.error.issues[0].path]).toEqual([400, 'promptIds']);
  const twice = await t.call('PATCH', `/api/series/${s.id}/order`, { token: fran.token, body: { promptIds: [b, b, c] } });
  expect(twice.status).toBe(400);
  expect((await rows()).map((r) => r.id)).toEqual([a, b, c, d]);
});

it('once the scheduler opens a prompt, it can no longer be rewritten', async () => {
  const { tick } = await import('../../src/jobs/tick');
  t.clock.set('2026-03-03T00:00:01Z');
  await tick(t.db, t.clock.now());
  const res = await patch(s.prompts[1]!.id, { easy: 'Something else entirely' });
  expect([res.status, res.json.error.code]).toEqual([409, 'prompt_opened']);
});
