/**
 * The community export holds the community's live sessions (with their own prompts) and help prompts (with
 * their answers) by the export's rules: names only, anonymous answers without author, hidden answers marked,
 * deleted ones gone; a session's one-prompt series is not exported as a series.
 */
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { download, jsonIn, seedTraces } from '../helpers/data-rights';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedTraces>>;
let session: { id: number; promptId: number };
let data: any;
let text: string;

beforeAll(async () => {
  t = await makeTestApp();
  s = await seedTraces(t);
  const now = t.clock.now();
  const start = new Date(now.getTime() + 3_600_000);
  const res = await t.call('POST', `/api/communities/${s.community.slug}/live-sessions`, {
    token: s.fran.token,
    body: {
      kind: 'office_hour',
      title: 'Ask Oz',
      hostId: s.oz.userId,
      prompt: 'What pen?',
      hardPrompt: 'What pen, and why?',
      date: start.toISOString().slice(0, 10),
      time: start.toISOString().slice(11, 16),
      callUrl: 'https://meet.example.org/oz',
    },
  });
  expect(res.status, res.text).toBe(201);
  session = res.json;
  t.clock.set(new Date(start.getTime() + 5 * 60_000));
  const answer = (token: string, body: object) => t.call('POST', `/api/prompts/${session.promptId}/submissions`, { token, body });
  expect((await answer(s.oz.token, { level: 'hard', body: 'Oz in the session' })).status).toBe(201);
  expect((await answer(s.mo.token, { level: 'easy', body: 'Mo anonymous in the session', anonymous: true })).status).toBe(201);
  t.clock.set(new Date(start.getTime() + 2 * 3_600_000));
  // Fran hides Oz's answer to Mo's help prompt, and removes Mo's answer to Oz's.
  const moHelp = (await t.call('GET', `/api/help-prompts/${s.helping.moAsks}`, { token: s.fran.token })).json;
  const ozHelp = (await t.call('GET', `/api/help-prompts/${s.helping.ozAsks}`, { token: s.fran.token })).json;
  expect((await t.call('POST', `/api/help-replies/${moHelp.replies[0].id}/moderation/hide`, { token: s.fran.token })).status).toBe(200);
  expect((await t.call('DELETE', `/api/help-replies/${ozHelp.replies[0].id}`, { token: s.fran.token })).status).toBe(200);
  const { res: zip, files } = await download(t, `/api/communities/${s.community.slug}/export`, s.fran.token);
  expect(zip.status).toBe(200);
  data = jsonIn(files!, 'community.json');
  text = strFromU8(files!['community.json']!);
});
afterAll(() => t.close());

describe('the community export, live sessions and help prompts', () => {
  it('lists every session with kind, title, host, instants, page and call link, and its own prompt', async () => {
    expect(data.liveSessions).toHaveLength(6);
    const ask = data.liveSessions.find((x: { id: number }) => x.id === session.id);
    expect(ask).toMatchObject({
      kind: 'office_hour',
      title: 'Ask Oz',
      host: 'Oz',
      page: `/c/${s.community.slug}/live/${session.id}`,
      callUrl: 'https://meet.example.org/oz',
      prompt: { id: session.promptId, easy: 'What pen?', hard: 'What pen, and why?' },
    });
    expect(Date.parse(ask.endsAt) - Date.parse(ask.startsAt)).toBe(3_600_000);
    const sprint = data.liveSessions.find((x: { id: number }) => x.id === s.helping.upcoming);
    expect(sprint).toMatchObject({ kind: 'sprint', host: 'Mo', prompt: null, startsAt: '2026-12-01T10:00:00.000Z' });
  });

  it('keeps the session’s answers among the answers, the anonymous one without author, and no session series', async () => {
    expect(data.series).toHaveLength(1);
    const inSession = data.answers.filter((a: { promptId: number }) => a.promptId === session.promptId);
    expect(inSession.map((a: { body: string; author: string | null }) => [a.body, a.author]).sort()).toEqual([
      ['Mo anonymous in the session', null],
      ['Oz in the session', 'Oz'],
    ]);
  });

  it('lists help prompts with question, status and asker, their answers by name, hidden ones marked, removed ones gone', async () => {
    expect(data.helpPrompts.map((h: { question: string; status: string; asker: string }) => [h.question, h.status, h.asker])).toEqual([
      ['Mo asks: how do you find time?', 'approved', 'Mo'],
      ['Oz asks: which pen?', 'approved', 'Oz'],
    ]);
    const [mo, oz] = data.helpPrompts;
    expect(mo.answers.map((a: { author: string; body: string; hidden: boolean }) => [a.author, a.body, a.hidden])).toEqual([['Oz', 'Oz answers Mo', true]]);
    expect(oz.answers).toEqual([]);
    expect(text).not.toContain('Mo answers Oz');
    expect(text).not.toMatch(/@example\.org|userId|user_id/);
  });
});
