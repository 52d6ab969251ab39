/** Builds state through the public API (never by writing rows), so fixtures obey the same rules as users. */
import { expect } from 'vitest';
import type { TestApp } from './app';

export async function createCommunity(
  t: TestApp,
  token: string,
  overrides: Partial<{ slug: string; name: string; timeZone: string; dayStartHour: number; visibility: 'public' | 'private' }> = {},
) {
  const body = { slug: 'sketchers', name: 'Sketchers', timeZone: 'UTC', visibility: 'public', ...overrides };
  const res = await t.call('POST', '/api/communities', { token, body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { slug: string; id: number };
}

export async function createSeries(
  t: TestApp,
  token: string,
  slug: string,
  overrides: Partial<{ title: string; startDate: string; cadence: 'daily' | 'weekdays'; prompts: unknown[] }> = {},
) {
  const body = {
    title: 'Warm-ups',
    startDate: '2026-03-02',
    cadence: 'daily',
    prompts: [
      { easy: 'Draw a cup', hard: 'Draw a cup in two-point perspective' },
      { easy: 'Name one tool you use', hard: 'Explain why you chose it' },
      { easy: 'Share a tip', hard: 'Share a tip with an example' },
    ],
    ...overrides,
  };
  const res = await t.call('POST', `/api/communities/${slug}/series`, { token, body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { id: number; prompts: { id: number; position: number; opensOn: string }[] };
}

export async function join(t: TestApp, token: string, slug: string, inviteCode?: string) {
  const res = await t.call('POST', `/api/communities/${slug}/join`, { token, body: inviteCode ? { inviteCode } : {} });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

/** A public UTC community with a facilitator, a running daily series that opened today, and one member. */
export async function communityWithOpenPrompt(t: TestApp) {
  const facilitator = await t.userToken('fran@example.org', 'Fran');
  const member = await t.userToken('mo@example.org', 'Mo');
  const community = await createCommunity(t, facilitator.token);
  const today = t.clock.now().toISOString().slice(0, 10);
  const series = await createSeries(t, facilitator.token, community.slug, { startDate: today });
  await join(t, member.token, community.slug);
  return { facilitator, member, community, series, prompt: series.prompts[0]! };
}

/**
 * Posts an answer and returns its id, failing the test on any status but 201. By default it is an easy,
 * named answer seen by the community; `fields` overrides any of that.
 */
export async function postAnswer(t: TestApp, token: string, promptId: number, fields: Record<string, unknown> = {}) {
  const res = await t.call('POST', `/api/prompts/${promptId}/submissions`, {
    token,
    body: { level: 'easy', body: 'A small thing', visibility: 'community', anonymous: false, ...fields },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as number;
}
