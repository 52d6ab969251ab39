/**
 * A community where Mo has left traces of every kind: a named answer with an image, an anonymous one with an
 * image, a public named answer, kudos given and received, a spotlight, badges, a rhythm goal, a rest week,
 * a feed token and an unattached upload. Oz, another member, has their own answer and image. All through the API.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { expect } from 'vitest';
import { drainRecognition } from '../../src/domain/recognition/drain';
import { tick } from '../../src/jobs/tick';
import type { TestApp } from './app';
import { communityWithOpenPrompt, join, postAnswer } from './fixtures';
import { jpeg, png, uploadRaw, webp } from './images';

const DAY = 24 * 3_600_000;

export async function seedTraces(t: TestApp) {
  const ctx = await communityWithOpenPrompt(t);
  const { facilitator: fran, member: mo, community, series } = ctx;
  const oz = await t.userToken('oz@example.org', 'Oz');
  await join(t, oz.token, community.slug);
  const upload = async (token: string, bytes: Uint8Array<ArrayBuffer>) => {
    const res = await uploadRaw(t, bytes, { token });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.id as string;
  };
  const answer = (token: string, promptId: number, fields: Record<string, unknown>) => postAnswer(t, token, promptId, { body: 'An answer', ...fields });
  const kudos = async (token: string, id: number, kind = 'applause') =>
    expect((await t.call('POST', `/api/submissions/${id}/kudos`, { token, body: { kind } })).status).toBe(200);

  const p0 = series.prompts[0]!.id;
  const namedImage = await upload(mo.token, png(40, 30));
  const anonImage = await upload(mo.token, jpeg(20, 10));
  const moNamed = await answer(mo.token, p0, { body: 'Mo named, with a sketch', imageId: namedImage });
  const moAnon = await answer(mo.token, p0, { level: 'hard', body: 'Mo anonymous secret', anonymous: true, visibility: 'public', imageId: anonImage });
  const ozImage = await upload(oz.token, webp(16, 16));
  const ozAnswer = await answer(oz.token, p0, { body: 'Oz answer', visibility: 'public', imageId: ozImage });
  const franAnswer = await answer(fran.token, p0, { body: 'Fran answer' });
  await kudos(mo.token, franAnswer);
  await kudos(mo.token, ozAnswer, 'learned');
  await kudos(fran.token, moNamed);
  await kudos(oz.token, moNamed, 'relate');
  await kudos(fran.token, moAnon);
  expect((await t.call('POST', `/api/submissions/${moNamed}/spotlight`, { token: fran.token, body: { note: 'Lovely' } })).status).toBe(200);

  // The next day: a public named answer, a rhythm goal, a rest week, a feed token, an upload left unattached.
  t.clock.advance(DAY);
  await tick(t.db, t.clock.now(), t.images);
  const moPublic = await answer(mo.token, series.prompts[1]!.id, { body: 'Mo public', visibility: 'public' });
  expect((await t.call('PATCH', `/api/communities/${community.slug}/rhythm/me`, { token: mo.token, body: { goal: 2 } })).status).toBe(200);
  expect((await t.call('POST', `/api/communities/${community.slug}/rhythm/rest-weeks`, { token: mo.token, body: { weekOf: '2026-03-16' } })).status).toBe(201);
  expect((await t.call('POST', `/api/communities/${community.slug}/feed-token`, { token: mo.token })).status).toBe(201);
  const looseImage = await upload(mo.token, png(8, 8));
  // Connect (issue 15): Mo offers topics, sends a note to Oz (who replies and blocks him), receives notes
  // on a named and an anonymous answer (replying to one), and blocks Fran.
  const ok = async (res: Promise<{ status: number; text: string; json: any }>, status = 201) => {
    const r = await res;
    expect(r.status, r.text).toBe(status);
    return r.json;
  };
  await ok(t.call('PATCH', `/api/communities/${community.slug}/connect/me`, { token: mo.token, body: { askOptIn: true, topics: ['Mo topic'] } }), 200);
  const toOz = await ok(t.call('POST', `/api/submissions/${ozAnswer}/notes`, { token: mo.token, body: { starter: 'thank_you_for', text: 'Mo note to Oz' } }));
  await ok(t.call('POST', `/api/notes/${toOz.id}/replies`, { token: oz.token, body: { text: 'Oz reply to Mo' } }));
  await ok(t.call('POST', `/api/notes/${toOz.id}/block`, { token: oz.token }), 200);
  const onNamed = await ok(t.call('POST', `/api/submissions/${moNamed}/notes`, { token: oz.token, body: { starter: 'love_to_hear_more', text: 'Oz note to Mo' } }));
  await ok(t.call('POST', `/api/notes/${onNamed.id}/replies`, { token: mo.token, body: { text: 'Mo reply to Oz' } }));
  const onAnon = await ok(t.call('POST', `/api/submissions/${moAnon}/notes`, { token: fran.token, body: { starter: 'helped_me_because', text: 'Fran note on anon' } }));
  await ok(t.call('POST', `/api/notes/${onAnon.id}/block`, { token: mo.token }), 200);
  const helping = await seedHelping(t, { slug: community.slug, fran, mo, oz });
  await drainRecognition(t.db);

  return {
    ...ctx,
    oz,
    mo,
    fran,
    answers: { moNamed, moAnon, moPublic, ozAnswer, franAnswer },
    images: { namedImage, anonImage, ozImage, looseImage },
    helping,
  };
}

/**
 * Live sessions and helper credits (issue 15), through the API and the tick: Mo and Oz each host two sessions
 * (credits), each asks a help prompt (a spend) that Fran approves, and each answers the other's (a credit);
 * Mo also hosts one still to come. Leaves the clock two hours on.
 */
async function seedHelping(t: TestApp, p: { slug: string; fran: { token: string }; mo: { token: string; userId: number }; oz: { token: string; userId: number } }) {
  const day = t.clock.now().toISOString().slice(0, 10);
  const schedule = async (hostId: number, time: string, date = day) => {
    const res = await t.call('POST', `/api/communities/${p.slug}/live-sessions`, {
      token: p.fran.token,
      body: { kind: 'sprint', title: `Sprint at ${time}`, date, time, durationMinutes: 10, hostId },
    });
    expect(res.status, res.text).toBe(201);
    return res.json.id as number;
  };
  for (const [host, time] of [[p.mo.userId, '12:10'], [p.mo.userId, '12:30'], [p.oz.userId, '12:20'], [p.oz.userId, '12:40']] as const) await schedule(host, time);
  const upcoming = await schedule(p.mo.userId, '10:00', '2026-12-01');
  t.clock.advance(2 * 3_600_000);
  await tick(t.db, t.clock.now(), t.images);
  const ask = async (token: string, question: string) => {
    const res = await t.call('POST', `/api/communities/${p.slug}/help-prompts`, { token, body: { question } });
    expect(res.status, res.text).toBe(201);
    expect((await t.call('POST', `/api/help-prompts/${res.json.id}/decision`, { token: p.fran.token, body: { decision: 'approve' } })).status).toBe(200);
    return res.json.id as number;
  };
  const moAsks = await ask(p.mo.token, 'Mo asks: how do you find time?');
  const ozAsks = await ask(p.oz.token, 'Oz asks: which pen?');
  const reply = async (token: string, id: number, body: string) =>
    expect((await t.call('POST', `/api/help-prompts/${id}/replies`, { token, body: { body } })).status).toBe(201);
  await reply(p.oz.token, moAsks, 'Oz answers Mo');
  await reply(p.mo.token, ozAsks, 'Mo answers Oz');
  return { moAsks, ozAsks, upcoming };
}

/** The zip's files by name. */
export function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export const jsonIn = (files: Record<string, Uint8Array>, name: string) => JSON.parse(strFromU8(files[name]!));

/** GET a zip with a Bearer token; the response, and its files when it is a zip. */
export async function download(t: TestApp, path: string, token?: string) {
  const res = await t.app.request(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const files = res.headers.get('Content-Type') === 'application/zip' ? unzip(bytes) : null;
  return { res, bytes, files };
}
