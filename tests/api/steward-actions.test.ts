/**
 * Issue 14, actions from the network dashboard: archive and reopen, pin on the home page, notes to
 * facilitators (notice and mail), series offers accepted or declined by the facilitators; every action in
 * steward_log and shown; who may do what (anyone but a steward: 404); the member's data export and erasure.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notifications, outbox, prompts, series, seriesOfferDecisions, seriesOffers, stewardLog, stewardNotes, users } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';
import { download, jsonIn } from '../helpers/data-rights';

let t: TestApp;
let stu: { token: string; userId: number };
let quietFac: { token: string; userId: number };
let showFac: { token: string; userId: number };
let member: { token: string; userId: number };
let source: { id: number; prompts: { id: number }[] };

beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
  stu = await t.userToken('stu@example.org', 'Stu');
  await t.db.update(users).set({ isSteward: true }).where(eq(users.id, stu.userId));
  showFac = await t.userToken('sara@example.org', 'Sara');
  quietFac = await t.userToken('quinn@example.org', 'Quinn');
  member = await t.userToken('mo@example.org', 'Mo');
  await createCommunity(t, showFac.token, { slug: 'bright', name: 'Bright' });
  source = await createSeries(t, showFac.token, 'bright', { title: 'Two-minute sketches', startDate: '2026-03-02' });
  await createCommunity(t, quietFac.token, { slug: 'quiet', name: 'Quiet', visibility: 'private' });
  const invite = await t.call('POST', '/api/communities/quiet/invites', { token: quietFac.token });
  await join(t, member.token, 'quiet', invite.json.code);
});
afterEach(() => t.close());

const as = (who: { token: string } | undefined) => who?.token;
const actions = async () => (await t.db.select().from(stewardLog)).map((e) => [e.action, e.actorId, e.communityId]);
const idOf = async (slug: string) => (await t.call('GET', `/api/communities/${slug}`, { token: quietFac.token })).json.id as number;

describe('archiving a community', () => {
  it('makes it read-only with 409 community_archived, keeps its gallery, and reopens; logged once each', async () => {
    const quietSeries = await createSeries(t, quietFac.token, 'quiet', { startDate: '2026-03-02' });
    const promptId = quietSeries.prompts[0]!.id;
    const first = await t.call('POST', `/api/prompts/${promptId}/submissions`, { token: quietFac.token, body: { level: 'easy', body: 'Before the archive' } });
    expect(first.status).toBe(201);

    const archived = await t.call('POST', '/api/network/communities/quiet/archive', { token: stu.token });
    expect(archived.status, archived.text).toBe(200);
    expect(archived.json.archivedAt).toBe('2026-03-02T12:00:00.000Z');
    // Again: nothing changes, nothing more is logged.
    expect((await t.call('POST', '/api/network/communities/quiet/archive', { token: stu.token })).json.archivedAt).toBe('2026-03-02T12:00:00.000Z');

    const refused = [
      await t.call('POST', `/api/prompts/${promptId}/submissions`, { token: member.token, body: { level: 'easy', body: 'After' } }),
      await t.call('POST', `/api/submissions/${first.json.id}/kudos`, { token: member.token, body: { kind: 'applause' } }),
      await t.call('POST', '/api/communities/quiet/series', { token: quietFac.token, body: { title: 'New', startDate: '2026-04-01', cadence: 'daily', prompts: [{ easy: 'a', hard: 'b' }] } }),
      await t.call('POST', '/api/communities/quiet/join', { token: (await t.userToken('new@example.org')).token, body: { inviteCode: (await t.call('POST', '/api/communities/quiet/invites', { token: quietFac.token })).json.code } }),
    ];
    expect(refused.map((r) => [r.status, r.json.error?.code])).toEqual(Array(4).fill([409, 'community_archived']));
    // Its page says so; the gallery is kept, and visible as before.
    expect((await t.call('GET', '/c/quiet', { token: member.token })).text).toContain('This community is archived');
    const gallery = await t.call('GET', `/api/prompts/${promptId}/gallery`, { token: member.token });
    expect(gallery.json.items.map((i: { body: string }) => i.body)).toEqual(['Before the archive']);

    const reopened = await t.call('DELETE', '/api/network/communities/quiet/archive', { token: stu.token });
    expect(reopened.json.archivedAt).toBeNull();
    expect((await t.call('GET', '/c/quiet', { token: member.token })).text).not.toContain('This community is archived');
    expect((await t.call('POST', `/api/prompts/${promptId}/submissions`, { token: member.token, body: { level: 'easy', body: 'After' } })).status).toBe(201);
    const quietId = await idOf('quiet');
    expect(await actions()).toEqual([['archive', stu.userId, quietId], ['unarchive', stu.userId, quietId]]);
  });
});

describe('the showcase strip', () => {
  it('shows pinned public communities on the home page, not archived ones; a private one cannot be pinned', async () => {
    const home = async () => (await t.call('GET', '/')).text;
    expect(await home()).not.toContain('class="showcase"');
    expect((await t.call('POST', '/api/network/communities/bright/showcase', { token: stu.token })).status).toBe(200);
    const page = await home();
    expect(page).toContain('class="showcase"');
    expect(page).toMatch(/class="showcase"[\s\S]*href="\/c\/bright"/);
    const refused = await t.call('POST', '/api/network/communities/quiet/showcase', { token: stu.token });
    expect([refused.status, refused.json.error.code]).toEqual([422, 'not_public']);
    await t.call('POST', '/api/network/communities/bright/archive', { token: stu.token });
    expect(await home()).not.toContain('class="showcase"');
    await t.call('DELETE', '/api/network/communities/bright/archive', { token: stu.token });
    await t.call('DELETE', '/api/network/communities/bright/showcase', { token: stu.token });
    expect(await home()).not.toContain('class="showcase"');
    expect((await actions()).map((a) => a[0])).toEqual(['pin_showcase', 'archive', 'unarchive', 'unpin_showcase']);
  });
});

describe('a note to the facilitators', () => {
  it('tells each facilitator in the app and by mail, in one batch with its log entry, never the members', async () => {
    const res = await t.call('POST', '/api/network/communities/quiet/notes', { token: stu.token, body: { body: 'It has gone quiet: can I help?' } });
    expect(res.status, res.text).toBe(201);
    expect(res.json.sentTo).toBe(1);
    const told = await t.call('GET', '/api/me/notifications', { token: quietFac.token });
    expect(told.json.items).toEqual([expect.objectContaining({ kind: 'steward_note', note: 'It has gone quiet: can I help?', community: { slug: 'quiet', name: 'Quiet' } })]);
    expect((await t.call('GET', '/api/me/notifications', { token: member.token })).json.items).toEqual([]);
    const mail = await t.db.select().from(outbox).where(eq(outbox.to, 'quinn@example.org'));
    expect(mail.filter((m) => m.kind === 'notice').map((m) => [m.subject, m.text.includes('It has gone quiet: can I help?')])).toEqual([
      ['A note from your network steward about Quiet', true],
    ]);
    expect((await t.db.select().from(outbox).where(eq(outbox.to, 'mo@example.org'))).filter((m) => m.kind === 'notice')).toEqual([]);
    const log = await t.call('GET', '/api/network/log', { token: stu.token });
    expect(log.json.entries).toEqual([expect.objectContaining({ action: 'send_note', actor: 'Stu', community: { slug: 'quiet', name: 'Quiet' } })]);
    // The log says a note was sent, never what it said.
    expect(log.text).not.toContain('gone quiet');
  });

  it('refuses an empty note (400) and writes nothing', async () => {
    const res = await t.call('POST', '/api/network/communities/quiet/notes', { token: stu.token, body: { body: '   ' } });
    expect([res.status, res.json.error.code]).toEqual([400, 'invalid_input']);
    expect(await t.db.select().from(stewardNotes)).toEqual([]);
    expect(await t.db.select().from(stewardLog)).toEqual([]);
  });
});

describe('a series offer', () => {
  const offer = (body: Record<string, unknown> = {}) =>
    t.call('POST', '/api/network/communities/quiet/series-offers', { token: stu.token, body: { seriesId: source.id, note: 'It worked in Bright', ...body } });

  it('arrives as a draft; accepted by a facilitator it becomes a scheduled series, once', async () => {
    const made = await offer();
    expect(made.status, made.text).toBe(201);
    expect(made.json).toMatchObject({ status: 'pending', title: 'Two-minute sketches', from: { community: { slug: 'bright', name: 'Bright' }, steward: 'Stu' }, note: 'It worked in Bright' });
    expect(made.json.prompts).toHaveLength(3);
    // A draft: no series in the quiet community yet; the facilitator was told.
    const quietId = await idOf('quiet');
    expect(await t.db.select().from(series).where(eq(series.communityId, quietId))).toEqual([]);
    expect((await t.call('GET', '/api/me/notifications', { token: quietFac.token })).json.items.map((n: { kind: string }) => n.kind)).toEqual(['series_offer']);
    // Later edits of the source change nothing in the offer (a snapshot).
    await t.call('PATCH', `/api/prompts/${source.prompts[2]!.id}`, { token: showFac.token, body: { easy: 'Changed after the offer' } });

    const listed = await t.call('GET', '/api/communities/quiet/series-offers', { token: quietFac.token });
    expect(listed.json.offers.map((o: { id: number; status: string }) => [o.id, o.status])).toEqual([[made.json.id, 'pending']]);
    // A member may not see or decide; a steward outside may list but not decide for the facilitators.
    expect((await t.call('GET', '/api/communities/quiet/series-offers', { token: member.token })).status).toBe(403);
    expect((await t.call('POST', `/api/series-offers/${made.json.id}/accept`, { token: member.token, body: { startDate: '2026-03-09' } })).status).toBe(403);
    expect((await t.call('POST', `/api/series-offers/${made.json.id}/accept`, { token: stu.token, body: { startDate: '2026-03-09' } })).status).toBe(403);

    const accepted = await t.call('POST', `/api/series-offers/${made.json.id}/accept`, { token: quietFac.token, body: { startDate: '2026-03-09' } });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json.status).toBe('accepted');
    const [copy] = await t.db.select().from(series).where(eq(series.communityId, quietId));
    expect(copy).toMatchObject({ id: accepted.json.seriesId, title: 'Two-minute sketches', status: 'scheduled', startDate: '2026-03-09', createdBy: quietFac.userId });
    const copied = await t.db.select().from(prompts).where(eq(prompts.seriesId, copy!.id));
    expect(copied.map((p) => p.easyText)).toEqual(['Draw a cup', 'Name one tool you use', 'Share a tip']);

    const again = await t.call('POST', `/api/series-offers/${made.json.id}/accept`, { token: quietFac.token, body: { startDate: '2026-03-16' } });
    expect([again.status, again.json.error.code]).toEqual([409, 'offer_decided']);
    const declined = await t.call('POST', `/api/series-offers/${made.json.id}/decline`, { token: quietFac.token });
    expect([declined.status, declined.json.error.code]).toEqual([409, 'offer_decided']);
    expect((await t.db.select().from(series).where(eq(series.communityId, quietId))).length).toBe(1);
    expect((await actions()).map((a) => a[0])).toEqual(['offer_series']);
  });

  it('two accepts at once make one series', async () => {
    const made = await offer();
    const both = await Promise.all(
      ['2026-03-09', '2026-03-16'].map((startDate) => t.call('POST', `/api/series-offers/${made.json.id}/accept`, { token: quietFac.token, body: { startDate } })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await t.db.select().from(series).where(eq(series.communityId, await idOf('quiet')))).length).toBe(1);
    expect((await t.db.select().from(seriesOfferDecisions)).length).toBe(1);
  });

  it('declined, it leaves no series', async () => {
    const made = await offer();
    const declined = await t.call('POST', `/api/series-offers/${made.json.id}/decline`, { token: quietFac.token });
    expect(declined.json).toMatchObject({ status: 'declined', seriesId: null });
    expect(await t.db.select().from(series).where(eq(series.communityId, await idOf('quiet')))).toEqual([]);
  });
});

describe('who may act', () => {
  it('answers 404 to anyone but a steward on every steward route, and changes nothing', async () => {
    const visitor = undefined;
    for (const who of [visitor, member, quietFac, showFac]) {
      const calls = [
        t.call('GET', '/api/network/log', { token: as(who) }),
        t.call('POST', '/api/network/communities/quiet/archive', { token: as(who) }),
        t.call('DELETE', '/api/network/communities/quiet/archive', { token: as(who) }),
        t.call('POST', '/api/network/communities/bright/showcase', { token: as(who) }),
        t.call('DELETE', '/api/network/communities/bright/showcase', { token: as(who) }),
        t.call('POST', '/api/network/communities/quiet/notes', { token: as(who), body: { body: 'Hello' } }),
        t.call('POST', '/api/network/communities/quiet/series-offers', { token: as(who), body: { seriesId: source.id } }),
        t.call('GET', '/network', { token: as(who) }),
        t.call('GET', '/network/c/quiet', { token: as(who) }),
      ];
      for (const res of await Promise.all(calls)) expect(res.status).toBe(404);
    }
    expect(await t.db.select().from(stewardLog)).toEqual([]);
    expect(await t.db.select().from(seriesOffers)).toEqual([]);
    expect(await t.db.select().from(notifications)).toEqual([]);
  });
});

describe("a member's data", () => {
  it('exports notes and offers on both sides, and erasure de-links them', async () => {
    await t.call('POST', '/api/network/communities/quiet/notes', { token: stu.token, body: { body: 'Can I help?' } });
    const made = await t.call('POST', '/api/network/communities/quiet/series-offers', { token: stu.token, body: { seriesId: source.id } });
    await t.call('POST', `/api/series-offers/${made.json.id}/decline`, { token: quietFac.token });

    const stewardData = jsonIn((await download(t, '/api/me/export', stu.token)).files!, 'kindling-export.json').stewards;
    expect(stewardData.notesWritten).toEqual([{ community: 'quiet', body: 'Can I help?', createdAt: '2026-03-02T12:00:00.000Z' }]);
    expect(stewardData.seriesOffered.map((o: { title: string }) => o.title)).toEqual(['Two-minute sketches']);
    const facData = jsonIn((await download(t, '/api/me/export', quietFac.token)).files!, 'kindling-export.json').stewards;
    expect(facData.notesReceived).toEqual([{ community: 'quiet', body: 'Can I help?', createdAt: '2026-03-02T12:00:00.000Z' }]);
    expect(facData.offersDecided).toEqual([{ title: 'Two-minute sketches', decision: 'declined', decidedAt: '2026-03-02T12:00:00.000Z' }]);

    expect((await t.call('DELETE', '/api/me', { token: stu.token, body: { confirm: 'delete my account' } })).status).toBe(200);
    expect((await t.db.select().from(stewardNotes)).map((n) => n.fromUserId)).toEqual([null]);
    expect((await t.db.select().from(seriesOffers)).map((o) => o.offeredBy)).toEqual([null]);
    // Sent notes stay with the facilitator, naming no one.
    const told = await t.call('GET', '/api/me/notifications', { token: quietFac.token });
    expect(told.json.items.find((n: { kind: string }) => n.kind === 'steward_note').note).toBe('Can I help?');
    expect((await t.call('GET', '/api/communities/quiet/series-offers', { token: quietFac.token })).json.offers[0].from.steward).toBeNull();

    await t.call('POST', '/api/communities/quiet/invites', { token: quietFac.token });
    // The facilitator hands the community over first (the last facilitator cannot leave).
    await t.call('PATCH', `/api/communities/quiet/members/${member.userId}`, { token: quietFac.token, body: { role: 'facilitator' } });
    const erased = await t.call('DELETE', '/api/me', { token: quietFac.token, body: { confirm: 'delete my account' } });
    expect(erased.status, erased.text).toBe(200);
    expect((await t.db.select().from(seriesOfferDecisions)).map((d) => d.decidedBy)).toEqual([null]);
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, quietFac.userId))).toEqual([]);
  });
});
