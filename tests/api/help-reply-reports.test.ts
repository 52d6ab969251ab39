/**
 * Reporting answers to help prompts (issue 15), as answers are reported: a member who did not write one sends it
 * to the facilitators with a reason; the first report stands; who reported is never stored or shown; the
 * facilitators find it on their moderation page and keep it or remove it. API and no-JavaScript pages.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpReplies } from '../../db/schema';
import { creditEntry } from '../../src/domain/credits/ledger';
import { CREDIT_RULES, HELP_PROMPT_COST } from '../../src/domain/credits/reasons';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, join } from '../helpers/fixtures';
import { signIn } from '../helpers/sign-in';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
let t: TestApp;
let fac: { token: string; userId: number };
let asker: { token: string; userId: number };
let helper: { token: string; userId: number };
let reader: { token: string; userId: number };
let promptId = 0;

/** An approved help prompt of `asker` in `slug`, answered by `helper`: the answer's id. */
async function answeredHelp(slug: string, body: string): Promise<number> {
  const [community] = (await t.client.execute({ sql: 'SELECT id FROM communities WHERE slug = ?', args: [slug] })).rows;
  // Enough credits to ask, earned as hosting earns them.
  for (let i = 0; i * CREDIT_RULES.session_hosted < HELP_PROMPT_COST; i++) {
    await creditEntry(t.db, { communityId: Number(community!.id), userId: asker.userId, reason: 'session_hosted', ref: `seed:${slug}:${body}:${i}` }, t.clock.now());
  }
  const asked = await t.call('POST', `/api/communities/${slug}/help-prompts`, { token: asker.token, body: { question: `How do you start, ${slug}?` } });
  expect(asked.status, asked.text).toBe(201);
  promptId = asked.json.id;
  expect((await t.call('POST', `/api/help-prompts/${promptId}/decision`, { token: fac.token, body: { decision: 'approve' } })).status).toBe(200);
  const reply = await t.call('POST', `/api/help-prompts/${promptId}/replies`, { token: helper.token, body: { body } });
  expect(reply.status, reply.text).toBe(201);
  return reply.json.id;
}

beforeAll(async () => {
  t = await makeTestApp('2026-03-20T12:00:00Z');
  fac = await t.userToken('fran@example.org', 'Fran');
  asker = await t.userToken('asa@example.org', 'Asa');
  helper = await t.userToken('hal@example.org', 'Hal');
  reader = await t.userToken('rei@example.org', 'Rei');
  await createCommunity(t, fac.token, { slug: 'bank' });
  for (const m of [asker, helper, reader]) await join(t, m.token, 'bank');
});
afterAll(() => t.close());

describe('through the API', () => {
  it('files a report once, keeps its first reason, and never stores who reported', async () => {
    const id = await answeredHelp('bank', 'Buy cheap paper so you are not afraid to waste it.');
    const first = await t.call('POST', `/api/help-replies/${id}/reports`, { token: reader.token, body: { reason: 'unkind', note: 'Felt dismissive' } });
    expect(first.status, first.text).toBe(201);
    expect(first.json).toEqual({ helpAnswerId: id, status: 'open' });
    const again = await t.call('POST', `/api/help-replies/${id}/reports`, { token: asker.token, body: { reason: 'spam' } });
    expect(again.status).toBe(200);
    const [row] = await t.db.select().from(helpReplies).where(eq(helpReplies.id, id));
    expect(row).toMatchObject({ reportReason: 'unkind', reportNote: 'Felt dismissive', reportedAt: t.clock.now().getTime() });
    expect(Object.keys(row!).filter((k) => /reporter/i.test(k))).toEqual([]);

    const queue = await t.call('GET', '/api/communities/bank/help-replies/reported', { token: fac.token });
    expect(queue.status).toBe(200);
    expect(queue.json.helpAnswers).toEqual([
      expect.objectContaining({ id, helpPromptId: promptId, author: 'Hal', reason: 'unkind', note: 'Felt dismissive' }),
    ]);
    expect(queue.text).not.toContain('Rei');
  });

  it('refuses its own author (422), a visitor (403), bad input (400) and outsiders of a private community (404)', async () => {
    const id = await answeredHelp('bank', 'Draw the same cup every day.');
    const own = await t.call('POST', `/api/help-replies/${id}/reports`, { token: helper.token, body: { reason: 'spam' } });
    expect([own.status, own.json.error.code]).toEqual([422, 'own_answer']);
    const visitor = await t.userToken('vic@example.org', 'Vic');
    const notMember = await t.call('POST', `/api/help-replies/${id}/reports`, { token: visitor.token, body: { reason: 'spam' } });
    expect([notMember.status, notMember.json.error.code]).toEqual([403, 'forbidden']);
    const bad = await t.call('POST', `/api/help-replies/${id}/reports`, { token: reader.token, body: { reason: 'boring' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('reason');

    await createCommunity(t, fac.token, { slug: 'hush', visibility: 'private' });
    const invite = await t.call('POST', '/api/communities/hush/invites', { token: fac.token });
    for (const m of [asker, helper]) await join(t, m.token, 'hush', invite.json.code);
    const hidden = await answeredHelp('hush', 'A private tip.');
    const outsider = await t.call('POST', `/api/help-replies/${hidden}/reports`, { token: reader.token, body: { reason: 'spam' } });
    expect(outsider.status).toBe(404);
    expect((await t.call('GET', '/api/communities/hush/help-replies/reported', { token: reader.token })).status).toBe(404);
    expect((await t.call('GET', '/api/communities/bank/help-replies/reported', { token: reader.token })).status).toBe(403);
    const [row] = await t.db.select().from(helpReplies).where(eq(helpReplies.id, hidden));
    expect(row!.reportedAt).toBeNull();
  });

  it('lets facilitators keep a reported answer (the report cleared) or remove it; members cannot', async () => {
    const id = await answeredHelp('bank', 'Set a timer for two minutes.');
    await t.call('POST', `/api/help-replies/${id}/reports`, { token: reader.token, body: { reason: 'off_topic' } });
    expect((await t.call('POST', `/api/help-replies/${id}/keep`, { token: reader.token })).status).toBe(403);
    const kept = await t.call('POST', `/api/help-replies/${id}/keep`, { token: fac.token });
    expect(kept.json).toEqual({ id, reported: false });
    const queue = await t.call('GET', '/api/communities/bank/help-replies/reported', { token: fac.token });
    expect(queue.json.helpAnswers.map((h: { id: number }) => h.id)).not.toContain(id);
    // Reported again later, it comes back with the new reason.
    await t.call('POST', `/api/help-replies/${id}/reports`, { token: reader.token, body: { reason: 'spam' } });
    const back = await t.call('GET', '/api/communities/bank/help-replies/reported', { token: fac.token });
    expect(back.json.helpAnswers.find((h: { id: number }) => h.id === id)).toMatchObject({ reason: 'spam' });
    expect((await t.call('DELETE', `/api/help-replies/${id}`, { token: fac.token })).status).toBe(200);
    expect(await t.db.select().from(helpReplies).where(eq(helpReplies.id, id))).toEqual([]);
  });
});

describe('on the pages', () => {
  it("offers Report under others' answers only, files it from the form, and the facilitators keep or remove it there", async () => {
    const id = await answeredHelp('bank', 'Keep a list of small wins.');
    const page = `/c/bank/help/${promptId}`;
    const { cookie: readerCookie } = await signIn(t, 'rei@example.org');
    const { cookie: helperCookie } = await signIn(t, 'hal@example.org');
    const action = `${page}/replies/${id}/report`;
    expect((await t.call('GET', page, { headers: { Cookie: readerCookie } })).text).toContain(`action="${action}"`);
    expect((await t.call('GET', page, { headers: { Cookie: helperCookie } })).text).not.toContain(`action="${action}"`);

    const filed = await t.call('POST', action, { headers: { Cookie: readerCookie, ...FORM }, body: 'reason=private_information&note=Names+a+client' });
    expect(filed.status).toBe(303);
    expect(filed.headers.get('Location')).toBe(`${page}?reported=${id}#report-help-${id}`);
    expect((await t.call('GET', `${page}?reported=${id}`, { headers: { Cookie: readerCookie } })).text).toContain('Thank you');

    const { cookie: facCookie } = await signIn(t, 'fran@example.org');
    const moderation = await t.call('GET', '/c/bank/moderation', { headers: { Cookie: facCookie } });
    expect(moderation.text).toContain('Reported answers to help prompts');
    expect(moderation.text).toContain('Keep a list of small wins.');
    expect(moderation.text).toContain('Names a client');
    const forbidden = await t.call('POST', '/c/bank/moderation/help-answers', { headers: { Cookie: readerCookie, ...FORM }, body: `id=${id}&action=remove` });
    expect(forbidden.status).toBe(403);
    const removed = await t.call('POST', '/c/bank/moderation/help-answers', { headers: { Cookie: facCookie, ...FORM }, body: `id=${id}&action=remove` });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('Location')).toBe('/c/bank/moderation?done=1');
    expect(await t.db.select().from(helpReplies).where(eq(helpReplies.id, id))).toEqual([]);
  });
});
