/**
 * Moderation without JavaScript: a member reports an answer from its page; the facilitators' page lists it
 * with its reasons (never the reporter), and its forms hide, restore, remove and remove a member, each logged.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberships, reports, submissions } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // Monday 2026-03-02 12:00 UTC
});
afterEach(() => t.close());

async function page(path: string, token?: string) {
  const headers: Record<string, string> = { 'Accept-Language': 'en' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await t.app.request(path, { headers });
  return { status: res.status, html: await res.text() };
}
async function post(path: string, token: string, form: Record<string, string>) {
  const res = await t.app.request(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, location: res.headers.get('Location'), text: await res.text() };
}

async function reported() {
  const base = await communityWithOpenPrompt(t);
  const reporter = await t.userToken('rhiannon@example.org', 'Rhiannon');
  await join(t, reporter.token, base.community.slug);
  const res = await t.call('POST', `/api/prompts/${base.prompt.id}/submissions`, {
    token: base.member.token,
    body: { level: 'easy', body: 'A rude cup', visibility: 'public', anonymous: false },
  });
  expect(res.status, res.text).toBe(201);
  return { ...base, reporter, answerId: res.json.id as number };
}

describe('reporting from the answer page', () => {
  it('offers members a form (not the author, not visitors), and thanks them after a plain post', async () => {
    const { member, reporter, answerId, community, prompt } = await reported();
    const form = `action="/a/${answerId}/report"`;
    expect((await page(`/a/${answerId}`, reporter.token)).html).toContain(form);
    expect((await page(`/a/${answerId}`, member.token)).html).not.toContain(form);
    expect((await page(`/a/${answerId}`)).html).not.toContain(form);
    // The gallery card links to it.
    expect((await page(`/c/${community.slug}/p/${prompt.id}`, reporter.token)).html).toContain(`href="/a/${answerId}#report"`);

    const res = await post(`/a/${answerId}/report`, reporter.token, { reason: 'unkind', note: 'Not nice' });
    expect([res.status, res.location]).toEqual([303, `/a/${answerId}?reported=1#report`]);
    expect(await t.db.select({ reason: reports.reason, note: reports.note }).from(reports)).toEqual([{ reason: 'unkind', note: 'Not nice' }]);
    expect((await page(`/a/${answerId}?reported=1`, reporter.token)).html).toContain('Thank you. The facilitators will have a look.');
    expect((await post(`/a/${answerId}/report`, reporter.token, { reason: 'rude' })).status).toBe(400);
  });
});

describe('the moderation page', () => {
  it('is for facilitators: the queue without reporters, and forms that hide, restore, remove, logged', async () => {
    const { facilitator, member, reporter, answerId, community } = await reported();
    await post(`/a/${answerId}/report`, reporter.token, { reason: 'unkind', note: 'Not nice' });
    const path = `/c/${community.slug}/moderation`;
    for (const viewer of [member.token, reporter.token, undefined]) expect((await page(path, viewer)).status).toBe(404);
    expect((await page(`/c/${community.slug}`, facilitator.token)).html).toContain(`href="${path}">Moderation</a>`);

    const queue = await page(path, facilitator.token);
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('<h1>Moderation in Sketchers</h1>');
    expect(queue.html).toContain('A rude cup');
    expect(queue.html).toContain('1 report');
    expect(queue.html).toContain('Unkind or hurtful (1)');
    expect(queue.html).toContain('Not nice');
    expect(queue.html).not.toContain('Rhiannon');

    const hide = await post(path, facilitator.token, { submissionId: String(answerId), action: 'hide', next: path });
    expect([hide.status, hide.location]).toEqual([303, `${path}?done=1`]);
    const after = await page(`${path}?done=1`, facilitator.token);
    expect(after.html).toContain('Done.');
    expect(after.html).toContain('No open reports.');
    expect(after.html).toContain(`Fran hid answer #${answerId}`);
    // The author sees it marked; the reporter no longer finds it.
    expect((await page(`/a/${answerId}`, member.token)).html).toContain('Hidden by the facilitators');
    expect((await page('/me', member.token)).html).toContain('Hidden by the facilitators');
    expect((await page(`/a/${answerId}`, reporter.token)).status).toBe(404);

    // From the answer page, a facilitator restores it and comes back there.
    expect((await post(path, reporter.token, { submissionId: String(answerId), action: 'remove' })).status).toBe(404);
    expect((await post(path, member.token, { submissionId: String(answerId), action: 'remove' })).status).toBe(403);
    const restore = await post(path, facilitator.token, { submissionId: String(answerId), action: 'restore', next: `/a/${answerId}` });
    expect([restore.status, restore.location]).toEqual([303, `/a/${answerId}`]);
    const remove = await post(path, facilitator.token, { submissionId: String(answerId), action: 'remove', next: `/a/${answerId}` });
    expect([remove.status, remove.location]).toEqual([303, `${path}?done=1`]);
    expect((await t.db.select({ m: submissions.moderation }).from(submissions).where(eq(submissions.id, answerId)))[0]!.m).toBe('removed');
    const log = (await page(path, facilitator.token)).html;
    expect(log).toContain(`Fran removed answer #${answerId}`);
    expect(log).toContain(`Fran restored answer #${answerId}`);

    // A member cannot post the form (a removed answer is unknown to them); a bad form is a 400 in the error envelope.
    expect((await post(path, member.token, { submissionId: String(answerId), action: 'hide' })).status).toBe(404);
    expect((await post(path, facilitator.token, { submissionId: String(answerId), action: 'restore' })).status).toBe(409);
    expect((await post(path, facilitator.token, { submissionId: 'x', action: 'hide' })).status).toBe(400);
  });

  it('removes a member from a hidden answer’s card', async () => {
    const { facilitator, member, answerId, community } = await reported();
    const path = `/c/${community.slug}/moderation`;
    await post(path, facilitator.token, { submissionId: String(answerId), action: 'hide', next: path });
    const html = (await page(path, facilitator.token)).html;
    expect(html).toContain('Remove Mo from the community');
    const res = await post(`${path}/members`, facilitator.token, { userId: String(member.userId) });
    expect([res.status, res.location]).toEqual([303, `${path}?done=1`]);
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, member.userId))).toEqual([]);
    expect((await page(path, facilitator.token)).html).toContain('Fran removed Mo from the community');
    expect((await post(`${path}/members`, member.token, { userId: String(facilitator.userId) })).status).toBe(403);
  });
});
