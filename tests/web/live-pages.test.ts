/**
 * Live sessions and help prompts as pages (issue 15), without JavaScript: the facilitators' scheduling form,
 * the sessions page in both languages, the session page with its answers, and the help prompt forms (ask,
 * decide, answer) redirecting with what happened.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { creditEntry } from '../../src/domain/credits/ledger';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T09:00:00Z');
});
afterEach(() => t.close());

async function page(path: string, token?: string, lang = 'en') {
  const res = await t.app.request(path, { headers: { 'Accept-Language': lang, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  return { status: res.status, html: await res.text() };
}
async function form(path: string, token: string, fields: Record<string, string>) {
  const res = await t.app.request(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, location: res.headers.get('Location') };
}

describe('the live sessions pages', () => {
  it('schedule from the form, show on the today page and the sessions page (EN and FR), and refuse bad input', async () => {
    const { facilitator, member, community } = await communityWithOpenPrompt(t);
    const base = `/c/${community.slug}`;
    const fields = { kind: 'office_hour', title: 'Ask Fran', date: '2026-03-04', time: '17:30', durationMinutes: '', prompt: '', callUrl: '' };
    expect(await form(`${base}/live`, facilitator.token, fields)).toEqual({ status: 303, location: `${base}/live?done=1` });
    expect(await form(`${base}/live`, facilitator.token, { ...fields, time: '7pm' })).toEqual({ status: 303, location: `${base}/live?error=invalid` });
    expect(await form(`${base}/live`, facilitator.token, { ...fields, callUrl: 'http://insecure.example' })).toEqual({ status: 303, location: `${base}/live?error=invalid` });
    expect((await form(`${base}/live`, member.token, fields)).status).toBe(403);

    const today = await page(base, member.token);
    expect(today.html).toContain('class="live-strip"');
    expect(today.html).toContain('Ask Fran');
    expect(today.html).toContain('17:30–18:30 (UTC)');
    expect(today.html).toContain('Starts in 2 days');
    const hub = await page(`${base}/live`, member.token);
    expect(hub.html).toContain('Add to my calendar');
    expect(hub.html).not.toContain('Schedule a session');
    expect((await page(`${base}/live`, facilitator.token)).html).toContain('Schedule a session');
    const fr = await page(`${base}/live`, member.token, 'fr');
    expect(fr.html).toContain('Permanence');
    expect(fr.html).toContain('Commence dans 2 jours');
  });

  it('group the answers posted during a session on its page, the host marked, an anonymous author never named', async () => {
    const { facilitator, member, community, prompt } = await communityWithOpenPrompt(t);
    const base = `/c/${community.slug}`;
    await form(`${base}/live`, facilitator.token, { kind: 'sprint', title: 'Morning sprint', date: '2026-03-02', time: '10:00' });
    t.clock.set('2026-03-02T10:01:00Z');
    const answer = (token: string, body: object) => t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token, body });
    expect((await answer(facilitator.token, { level: 'easy', body: 'The host answers' })).status).toBe(201);
    expect((await answer(member.token, { level: 'easy', body: 'Nobody knows it is me', anonymous: true })).status).toBe(201);
    t.clock.set('2026-03-02T11:00:00Z');
    const { json } = await t.call('GET', `/api/communities/${community.slug}/live-sessions`, { token: member.token });
    const session = await page(`${base}/live/${json.past[0].id}`, member.token);
    expect(session.status).toBe(200);
    expect(session.html).toContain('2 answers');
    expect(session.html).toMatch(/class="card by-host"><p>The host answers<\/p>/);
    expect(session.html).toContain('Nobody knows it is me');
    expect(session.html).not.toMatch(/>mo</);
    // The session belongs to this community: under another slug it does not exist.
    expect((await page(`/c/elsewhere/live/${json.past[0].id}`, member.token)).status).toBe(404);
  });

  it('ask for help with the form (refused without credits), decide, and answer it', async () => {
    const { facilitator, member, community } = await communityWithOpenPrompt(t);
    const base = `/c/${community.slug}`;
    expect(await form(`${base}/help`, member.token, { question: 'How do you warm up?' })).toEqual({ status: 303, location: `${base}/live?error=credits` });
    for (const ref of ['a', 'b']) await creditEntry(t.db, { communityId: community.id, userId: member.userId, reason: 'session_hosted', ref }, t.clock.now());
    expect((await page(`${base}/live`, member.token)).html).toContain('You have 4 helper credits.');
    expect(await form(`${base}/help`, member.token, { question: 'How do you warm up?' })).toEqual({ status: 303, location: `${base}/live?done=1` });
    const pending = await page(`${base}/live`, facilitator.token);
    expect(pending.html).toContain('Waiting for your decision');
    const id = /\/help\/(\d+)\/decision/.exec(pending.html)![1]!;
    expect(await form(`${base}/help/${id}/decision`, facilitator.token, { decision: 'approve' })).toEqual({ status: 303, location: `${base}/live?done=1` });
    expect(await form(`${base}/help/${id}/decision`, facilitator.token, { decision: 'approve' })).toEqual({ status: 303, location: `${base}/live?error=decided` });
    expect(await form(`${base}/help/${id}/replies`, facilitator.token, { body: 'Scribbles first' })).toEqual({ status: 303, location: `${base}/help/${id}?done=1` });
    const answered = await page(`${base}/help/${id}?done=1`, facilitator.token);
    expect(answered.html).toContain('Scribbles first');
    expect(answered.html).toContain('it earned you a helper credit');
    expect((await page('/me', facilitator.token)).html).toContain('Helper credits: 1');
    // The facilitators' remove button, and only theirs.
    expect((await page(`${base}/help/${id}`, member.token)).html).not.toContain('Remove this answer');
    const replyId = /\/replies\/(\d+)\/remove/.exec(answered.html)![1]!;
    expect(await form(`${base}/help/${id}/replies/${replyId}/remove`, facilitator.token, {})).toEqual({ status: 303, location: `${base}/help/${id}?removed=1` });
    expect((await page(`${base}/help/${id}`, member.token)).html).not.toContain('Scribbles first');
  });
});
