/**
 * Answers to help prompts (issue 15) go through the same reports flow as answers: a reason from the list and
 * optional words, the reporter never shown, into the facilitators' queue, hidden (then read by their author
 * and the facilitators only) or restored, every change logged; a private community's outsiders get 404.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpReplyReports } from '../../db/schema';
import { creditEntry } from '../../src/domain/credits/ledger';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, join } from '../helpers/fixtures';

let t: TestApp;
type Who = { token: string; userId: number };
let fac: Who, asker: Who, helper: Who, reporter: Who, visitor: Who;
let helpId: number;
let replyId: number;

/** A member asks (with credits earned as hosting earns them), the facilitator approves, `by` answers. */
async function answeredHelp(slug: string, communityId: number, by: Who, who: Who) {
  for (const i of [1, 2]) await creditEntry(t.db, { communityId, userId: who.userId, reason: 'session_hosted', ref: `${slug}:${who.userId}:${i}` }, t.clock.now());
  const asked = await t.call('POST', `/api/communities/${slug}/help-prompts`, { token: who.token, body: { question: 'How do you start a sketch?' } });
  expect(asked.status, asked.text).toBe(201);
  expect((await t.call('POST', `/api/help-prompts/${asked.json.id}/decision`, { token: fac.token, body: { decision: 'approve' } })).status).toBe(200);
  const reply = await t.call('POST', `/api/help-prompts/${asked.json.id}/replies`, { token: by.token, body: { body: 'Start with a box' } });
  expect(reply.status, reply.text).toBe(201);
  return { helpId: asked.json.id as number, replyId: reply.json.id as number };
}

beforeAll(async () => {
  t = await makeTestApp('2026-03-20T12:00:00Z');
  fac = await t.userToken('fran@example.org', 'Fran');
  asker = await t.userToken('ada@example.org', 'Ada');
  helper = await t.userToken('hal@example.org', 'Hal');
  reporter = await t.userToken('rey@example.org', 'Reynard Unique');
  visitor = await t.userToken('vic@example.org', 'Vic');
  const bank = await createCommunity(t, fac.token, { slug: 'bank' });
  for (const m of [asker, helper, reporter]) await join(t, m.token, 'bank');
  ({ helpId, replyId } = await answeredHelp('bank', bank.id, helper, asker));
});
afterAll(() => t.close());

const report = (token: string, body: object = { reason: 'unkind', note: 'Rude to beginners' }, id = replyId) =>
  t.call('POST', `/api/help-replies/${id}/reports`, { token, body });
const act = (token: string, action: string, id = replyId) => t.call('POST', `/api/help-replies/${id}/moderation/${action}`, { token });
const replies = async (token: string) => (await t.call('GET', `/api/help-prompts/${helpId}`, { token })).json.replies as { id: number; body: string; moderation: string }[];

describe('reporting an answer to a help prompt', () => {
  it('files a report once (a repeat returns it with 200), for members only, never one’s own, and checks the reason', async () => {
    const first = await report(reporter.token);
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ reason: 'unkind', status: 'open' });
    const again = await report(reporter.token, { reason: 'spam' });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
    expect((await report(helper.token)).json.error.code).toBe('own_answer');
    expect((await report(visitor.token)).status).toBe(403);
    const bad = await report(reporter.token, { reason: 'boring' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('reason');
    expect((await report(reporter.token, undefined, 987654)).status).toBe(404);
  });

  it('reaches the facilitators’ queue with its reasons and words, never its reporter', async () => {
    const view = await t.call('GET', '/api/communities/bank/moderation', { token: fac.token });
    expect(view.status).toBe(200);
    const [entry] = view.json.helpReplies.queue;
    expect(entry.reply).toMatchObject({ id: replyId, helpPromptId: helpId, body: 'Start with a box', author: { name: 'Hal' }, moderation: 'visible' });
    expect(entry.reports.count).toBe(1);
    expect(entry.reports.reasons.unkind).toBe(1);
    expect(entry.reports.notes.map((n: { note: string }) => n.note)).toEqual(['Rude to beginners']);
    expect(JSON.stringify(view.json)).not.toContain('Reynard Unique');
    expect(JSON.stringify(entry)).not.toContain(`${reporter.userId}`);
    expect((await t.call('GET', '/api/communities/bank/moderation', { token: reporter.token })).status).toBe(403);
  });
});

describe('moderating it', () => {
  it('hides it (facilitators only): then only its author and the facilitators read it, and the reports are answered', async () => {
    expect((await act(helper.token, 'hide')).status).toBe(403);
    const hidden = await act(fac.token, 'hide');
    expect(hidden.json).toMatchObject({ id: replyId, moderation: 'hidden', changed: true });
    expect((await act(fac.token, 'hide')).json.changed).toBe(false);
    expect((await replies(reporter.token)).map((r) => r.id)).not.toContain(replyId);
    expect((await replies(asker.token)).map((r) => r.id)).not.toContain(replyId);
    expect((await replies(helper.token)).find((r) => r.id === replyId)?.moderation).toBe('hidden');
    expect((await replies(fac.token)).find((r) => r.id === replyId)?.moderation).toBe('hidden');
    // Nor does the list count it.
    const listed = await t.call('GET', '/api/communities/bank/help-prompts', { token: reporter.token });
    expect(listed.json.featured.find((h: { id: number }) => h.id === helpId).replies).toBe(0);
    // Hidden, it cannot be reported again by those who no longer read it.
    expect((await report(reporter.token)).status).toBe(404);
    const view = (await t.call('GET', '/api/communities/bank/moderation', { token: fac.token })).json;
    expect(view.helpReplies.queue).toEqual([]);
    expect(view.helpReplies.hidden.map((r: { id: number }) => r.id)).toEqual([replyId]);
    expect(view.log[0]).toMatchObject({ action: 'hide', helpReplyId: replyId, submissionId: null, actor: { name: 'Fran' } });
  });

  it('restores it for everyone, logged', async () => {
    expect((await act(fac.token, 'restore')).json).toMatchObject({ moderation: 'visible', changed: true });
    expect((await replies(reporter.token)).map((r) => r.id)).toContain(replyId);
    const view = (await t.call('GET', '/api/communities/bank/moderation', { token: fac.token })).json;
    expect(view.helpReplies.hidden).toEqual([]);
    expect(view.log[0]).toMatchObject({ action: 'restore', helpReplyId: replyId });
  });

  it('dismisses open reports without hiding, and only while there are some', async () => {
    expect((await report(reporter.token, { reason: 'spam' })).status).toBe(201);
    expect((await act(fac.token, 'dismiss')).json).toMatchObject({ moderation: 'visible', changed: true });
    expect((await act(fac.token, 'dismiss')).json.changed).toBe(false);
    const open = await t.db.select().from(helpReplyReports).where(eq(helpReplyReports.helpReplyId, replyId));
    expect(open.every((r) => r.resolvedAt !== null)).toBe(true);
  });

  it('rejects an unknown action as bad input', async () => {
    const res = await act(fac.token, 'explode');
    expect(res.status).toBe(400);
  });
});

describe('the pages', () => {
  it('a member reports from the help prompt’s page with a plain form and is thanked; facilitators get hide there', async () => {
    const page = await (await t.app.request(`/c/bank/help/${helpId}`, { headers: { Authorization: `Bearer ${reporter.token}` } })).text();
    expect(page).toContain(`action="/c/bank/help/${helpId}/replies/${replyId}/report"`);
    const form = new URLSearchParams({ reason: 'off_topic', note: 'Not about sketching' });
    const posted = await t.app.request(`/c/bank/help/${helpId}/replies/${replyId}/report`, {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${reporter.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('Location')).toBe(`/c/bank/help/${helpId}?reported=${replyId}`);
    const thanked = await (await t.app.request(posted.headers.get('Location')!, { headers: { Authorization: `Bearer ${reporter.token}` } })).text();
    expect(thanked).toContain('The facilitators will have a look.');
    const own = await (await t.app.request(`/c/bank/help/${helpId}`, { headers: { Authorization: `Bearer ${helper.token}` } })).text();
    expect(own).not.toContain(`/replies/${replyId}/report"`);
    const facPage = await (await t.app.request(`/c/bank/help/${helpId}`, { headers: { Authorization: `Bearer ${fac.token}` } })).text();
    expect(facPage).toContain(`action="/c/bank/help/${helpId}/replies/${replyId}/moderation"`);
    const moderation = await (await t.app.request('/c/bank/moderation', { headers: { Authorization: `Bearer ${fac.token}` } })).text();
    expect(moderation).toContain('Not about sketching');
    expect(moderation).not.toContain('Reynard Unique');
    expect(moderation).toContain(`action="/c/bank/help/${helpId}/replies/${replyId}/moderation"`);
    expect(moderation).toContain('value="dismiss"');
    const dismissed = await t.app.request(`/c/bank/help/${helpId}/replies/${replyId}/moderation`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'dismiss' }),
      headers: { Authorization: `Bearer ${fac.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(dismissed.status).toBe(303);
    const after = (await t.call('GET', '/api/communities/bank/moderation', { token: fac.token })).json;
    expect(after.helpReplies.queue).toEqual([]);
    expect(after.log[0]).toMatchObject({ action: 'dismiss', helpReplyId: replyId });
  });
});

describe('a private community', () => {
  it('is 404 to outsiders reporting or moderating its help answers, as if they did not exist', async () => {
    const hush = await createCommunity(t, fac.token, { slug: 'hush', visibility: 'private' });
    const inside = await t.userToken('ivy@example.org', 'Ivy');
    const invite = await t.call('POST', '/api/communities/hush/invites', { token: fac.token });
    await join(t, inside.token, 'hush', invite.json.code);
    const { replyId: hidden } = await answeredHelp('hush', hush.id, fac, inside);
    const reported = await report(visitor.token, undefined, hidden);
    const unknown = await report(visitor.token, undefined, 987654);
    expect(reported.status).toBe(404);
    expect(reported.text).toBe(unknown.text);
    expect((await act(visitor.token, 'hide', hidden)).status).toBe(404);
  });
});

describe('erasure', () => {
  it('takes the reporter’s reports with their account', async () => {
    expect((await t.db.select().from(helpReplyReports).where(eq(helpReplyReports.reporterId, reporter.userId))).length).toBeGreaterThan(0);
    const erased = await t.call('DELETE', '/api/me', { token: reporter.token, body: { confirm: 'delete my account' } });
    expect(erased.status, erased.text).toBe(200);
    expect(await t.db.select().from(helpReplyReports).where(eq(helpReplyReports.reporterId, reporter.userId))).toEqual([]);
  });
});
