/** GET /api/communities/:slug/export: facilitators only; members by name and role; anonymous answers without author. */
import type { InArgs, InStatement } from '@libsql/client';
import { strFromU8 } from 'fflate';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { communityExport, type ExportPacing } from '../../src/domain/data-rights/export-community';
import { makeTestApp, type TestApp } from '../helpers/app';
import { watchClient } from '../helpers/client-spy';
import { download, jsonIn, seedTraces } from '../helpers/data-rights';
import { createCommunity, join } from '../helpers/fixtures';
import { jpeg, webp } from '../helpers/images';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedTraces>>;
beforeEach(async () => {
  t = await makeTestApp();
  s = await seedTraces(t);
});
afterEach(() => t.close());

describe('GET /api/communities/:slug/export', () => {
  it('gives the facilitator settings, series, answers, kudos counts, members and public images', async () => {
    const { res, files } = await download(t, `/api/communities/${s.community.slug}/export`, s.fran.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="kindling-sketchers-2026-03-03.zip"');
    // Public answers' images only: Mo's anonymous public one and Oz's; Mo's members-only one stays out.
    expect(Object.keys(files!).sort()).toEqual(['community.json', `images/${s.images.anonImage}.jpg`, `images/${s.images.ozImage}.webp`].sort());
    expect(files![`images/${s.images.ozImage}.webp`]).toEqual(webp(16, 16));
    expect(files![`images/${s.images.anonImage}.jpg`]).toEqual(jpeg(20, 10));

    const data = jsonIn(files!, 'community.json');
    expect(data.community).toMatchObject({ slug: 'sketchers', name: 'Sketchers', timeZone: 'UTC', visibility: 'public' });
    expect(data.series).toHaveLength(1);
    expect(data.series[0].prompts.map((p: { easy: { text: string } }) => p.easy.text)).toEqual(['Draw a cup', 'Name one tool you use', 'Share a tip']);
    expect(data.members.map((m: { name: string; role: string }) => [m.name, m.role]).sort()).toEqual([
      ['Fran', 'facilitator'],
      ['Mo', 'member'],
      ['Oz', 'member'],
    ]);
    expect(data.answers).toHaveLength(5);
    const anon = data.answers.find((a: { body: string }) => a.body === 'Mo anonymous secret');
    expect(anon).toMatchObject({ author: null, anonymous: true, kudos: 1, image: `images/${s.images.anonImage}.jpg` });
    expect(anon.createdAt).toMatch(/T\d\d:00:00\.000Z$/); // the hour only
    const named = data.answers.find((a: { body: string }) => a.body === 'Mo named, with a sketch');
    expect(named).toMatchObject({ author: 'Mo', kudos: 2, image: null });
    // No emails, and nothing that ties the anonymous answer to Mo: no user ids, no sequential answer ids.
    const text = strFromU8(files!['community.json']!);
    expect(text).not.toMatch(/@example\.org|userId|user_id/);
    for (const a of data.answers) expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    // The answers are written prompt by prompt as the zip is read; the file is the same indented JSON as whole.
    expect(text).toBe(JSON.stringify(data, null, 2));
    expect(data.answers.map((a: { promptId: number; id: string }) => [a.promptId, a.id])).toEqual(
      data.answers.map((a: { promptId: number; id: string }) => [a.promptId, a.id]).sort((x: [number, string], y: [number, string]) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1)),
    );
    expect(new Set(data.answers.map((a: { promptId: number }) => a.promptId)).size).toBeGreaterThan(1);
  });

  it('reads the answers a page at a time, pausing after each, and lists the same ones in the same order', async () => {
    const caller = { id: s.fran.userId, email: 'fran@example.org', name: 'Fran', isSteward: false, showOnLeaderboards: true };
    const list = async (pacing: ExportPacing) => {
      const { answers } = await communityExport(t.db, s.community.slug, caller, t.clock.now(), pacing);
      const pages = [];
      for await (const page of answers()) pages.push(page);
      return pages;
    };
    const whole = (await list({})).flat();
    expect(whole.length).toBe(5);
    let pauses = 0;
    const paged = await list({ answersPerPage: 1, pause: async () => void pauses++ });
    expect(paged.flat()).toEqual(whole);
    // One page per answer, and one more (empty) for each prompt whose last page was full.
    expect(paged.filter((p) => p.length > 0).length).toBe(5);
    expect(pauses).toBe(paged.length);

    // Each page is sought by its prompt: never through the community's whole timeline (a plan SQLite chose when
    // the community was in the condition too, walking 300,000 answers a page on the full bench data).
    const sent: InStatement[] = [];
    await watchClient(t.client, { sent: (x) => sent.push(...x) }, () => list({ answersPerPage: 2 }));
    const pages = sent.filter((x): x is { sql: string; args: InArgs } => typeof x !== 'string' && x.sql.includes('"submissions"."public_id" >'));
    expect(pages.length).toBeGreaterThan(2);
    const own = new Database(t.file, { readonly: true });
    const plans = pages.flatMap((x) => (own.prepare(`explain query plan ${x.sql}`).all(...(x.args as unknown[])) as { detail: string }[]).map((r) => r.detail));
    own.close();
    expect(plans.filter((l) => /submissions_community_time|SCAN submissions/.test(l))).toEqual([]);
  });

  it('writes an empty list for a community with no answer, in the same JSON', async () => {
    const fac = await t.userToken('quinn@example.org', 'Quinn');
    await createCommunity(t, fac.token, { slug: 'quiet', name: 'Quiet' });
    const { res, files } = await download(t, '/api/communities/quiet/export', fac.token);
    expect(res.status).toBe(200);
    const text = strFromU8(files!['community.json']!);
    const data = JSON.parse(text);
    expect(data.answers).toEqual([]);
    expect(text).toBe(JSON.stringify(data, null, 2));
    expect(Object.keys(data)).toEqual(['format', 'exportedAt', 'community', 'series', 'members', 'answers', 'liveSessions', 'helpPrompts']);
  });

  it('is for facilitators: visitor, member, outsider and other facilitators 403 on a public community', async () => {
    const path = `/api/communities/${s.community.slug}/export`;
    const outsider = await t.userToken('ann@example.org', 'Ann');
    const other = await t.userToken('ola@example.org', 'Ola');
    await createCommunity(t, other.token, { slug: 'potters', name: 'Potters' });
    for (const token of [undefined, s.mo.token, outsider.token, other.token]) {
      const { res } = await download(t, path, token);
      expect(res.status).toBe(403);
      expect(res.headers.get('Content-Type')).toContain('application/json');
    }
    expect((await download(t, path, s.fran.token)).res.status).toBe(200);
  });

  it('hides a private community from outsiders and other communities’ facilitators (404), refuses its members (403)', async () => {
    const owner = await t.userToken('pia@example.org', 'Pia');
    const secret = await createCommunity(t, owner.token, { slug: 'secret', name: 'Secret', visibility: 'private' });
    const invite = await t.call('POST', `/api/communities/${secret.slug}/invites`, { token: owner.token });
    await join(t, s.oz.token, secret.slug, invite.json.code);
    const path = `/api/communities/${secret.slug}/export`;
    expect((await download(t, path)).res.status).toBe(404); // visitor
    expect((await download(t, path, s.mo.token)).res.status).toBe(404); // outsider
    expect((await download(t, path, s.fran.token)).res.status).toBe(404); // facilitator elsewhere
    expect((await download(t, path, s.oz.token)).res.status).toBe(403); // member
    const { res, files } = await download(t, path, owner.token);
    expect(res.status).toBe(200);
    expect(jsonIn(files!, 'community.json').members.map((m: { name: string }) => m.name).sort()).toEqual(['Oz', 'Pia']);
  });
});
