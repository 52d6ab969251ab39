/** Rate limits through the real routes, with the real numbers of src/domain/limits/table.ts. */
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { rateLimitCounters, settings } from '../../db/schema';
import { limitKey } from '../../src/domain/limits/enforce';
import { LIMITS } from '../../src/domain/limits/table';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, join } from '../helpers/fixtures';
import { png, uploadRaw } from '../helpers/images';
import { mailSettled } from '../helpers/sign-in';

let t: TestApp;
afterEach(() => t.close());

type Res = Awaited<ReturnType<TestApp['call']>>;

/** The 429 every limit answers: the envelope, and Retry-After in whole seconds that the message repeats. */
function expectLimited(res: Res, retryAfter: number) {
  expect(res.status, res.text).toBe(429);
  expect(res.headers.get('Retry-After')).toBe(String(retryAfter));
  expect(res.json.error.code).toBe('rate_limited');
  const wait = retryAfter < 120 ? `${retryAfter} second${retryAfter === 1 ? '' : 's'}` : `${retryAfter / 60} minutes`;
  expect(res.json.error.message).toBe(`Too many requests; try again in ${wait}`);
}

describe('per-member limits', () => {
  it('answers: the max per minute go through (whatever they answer), the next is 429 until the minute ends', async () => {
    t = await makeTestApp('2026-03-02T12:00:20Z');
    const { member, prompt } = await communityWithOpenPrompt(t);
    const answer = (token: string) =>
      t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token, body: { level: 'easy', body: 'A cup' } });
    const statuses = [];
    for (let i = 0; i < LIMITS.answers.max; i++) statuses.push((await answer(member.token)).status);
    // The first is the answer; the rest are refused as already answered, and count all the same.
    expect(statuses[0]).toBe(201);
    expect(new Set(statuses.slice(1))).toEqual(new Set([409]));
    expectLimited(await answer(member.token), 40);

    // Another member has a limit of their own.
    const other = await t.userToken('ola@example.org', 'Ola');
    expect((await answer(other.token)).status).toBe(201);

    t.clock.set('2026-03-02T12:00:59.500Z');
    expectLimited(await answer(member.token), 1);
    t.clock.set('2026-03-02T12:01:00Z');
    expect((await answer(member.token)).status).toBe(409);
  });

  it('a replayed Idempotency-Key spends no quota', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z');
    const { member, prompt } = await communityWithOpenPrompt(t);
    const post = (key: string) =>
      t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
        token: member.token,
        body: { level: 'easy', body: 'A cup' },
        headers: { 'Idempotency-Key': key },
      });
    for (let i = 0; i < LIMITS.answers.max + 5; i++) {
      const res = await post('same-key');
      expect(res.status, res.text).toBe(201);
      if (i > 0) expect(res.headers.get('Idempotent-Replayed')).toBe('true');
    }
    // One hit spent by the first request: max - 1 fresh requests still pass.
    for (let i = 1; i < LIMITS.answers.max; i++) expect((await post(`fresh-${i}`)).status).toBe(409);
    expectLimited(await post('one-too-many'), 60);
  });

  it('concurrent retries of one keyed request, racing the first, count once', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z');
    const { member, prompt } = await communityWithOpenPrompt(t);
    const post = (key: string) =>
      t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level: 'easy', body: 'A cup' }, headers: { 'Idempotency-Key': key } });
    const storm = await Promise.all(Array.from({ length: LIMITS.answers.max + 10 }, () => post('racing')));
    expect(storm.filter((r) => r.status === 429)).toEqual([]);
    for (let i = 1; i < LIMITS.answers.max; i++) expect((await post(`next-${i}`)).status).toBe(409);
    expectLimited(await post('one-too-many'), 60);
  });

  it('kudos: per member per minute', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z');
    const { member, community, prompt } = await communityWithOpenPrompt(t);
    const posted = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
      token: member.token,
      body: { level: 'easy', body: 'A cup', visibility: 'public' },
    });
    const giver = await t.userToken('gil@example.org', 'Gil');
    await join(t, giver.token, community.slug);
    const give = (token: string) => t.call('POST', `/api/submissions/${posted.json.id}/kudos`, { token, body: { kind: 'applause' } });
    for (let i = 0; i < LIMITS.kudos.max; i++) expect((await give(giver.token)).status).toBe(200);
    expectLimited(await give(giver.token), 60);
    t.clock.advance(60_000);
    expect((await give(giver.token)).status).toBe(200);
  });

  it('reports: per member per hour, a repeated report counting too', async () => {
    t = await makeTestApp('2026-03-02T12:45:00Z');
    const { member, facilitator, prompt } = await communityWithOpenPrompt(t);
    const posted = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level: 'easy', body: 'A cup', visibility: 'public' } });
    const report = () => t.call('POST', `/api/submissions/${posted.json.id}/reports`, { token: facilitator.token, body: { reason: 'spam' } });
    expect((await report()).status).toBe(201);
    for (let i = 1; i < LIMITS.reports.max; i++) expect((await report()).status).toBe(200);
    expectLimited(await report(), 15 * 60);
    t.clock.set('2026-03-02T13:00:00Z');
    expect((await report()).status).toBe(200);
  });

  it('uploads: per member per hour, counted whether or not the image is accepted', async () => {
    t = await makeTestApp('2026-03-02T12:30:00Z');
    const { member } = await communityWithOpenPrompt(t);
    for (let i = 0; i < LIMITS.uploads.max; i++) {
      const res = await uploadRaw(t, png(8, 8), { token: member.token });
      // Past 20 pending uploads the member is told to attach some first (a different 429).
      expect(res.json?.error?.code).not.toBe('rate_limited');
    }
    const res = await uploadRaw(t, png(8, 8), { token: member.token });
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('1800');
    expect(res.json.error.code).toBe('rate_limited');
    t.clock.set('2026-03-02T13:00:00Z');
    expect((await uploadRaw(t, png(8, 8), { token: member.token })).json?.error?.code).not.toBe('rate_limited');
  });
});

describe('sign-in links', () => {
  const ask = (email: string, ip: string) =>
    t.call('POST', '/api/auth/email-link', { body: { email }, headers: { 'X-Forwarded-For': `203.0.113.99, ${ip}` } });

  it('per address, whatever IP asks; per IP, whatever address; both hashed in the counters', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z', { CLIENT_IP_HEADER: 'X-Forwarded-For' });
    for (let i = 0; i < LIMITS.signInPerAddress.max; i++) expect((await ask('ana@example.org', `198.51.100.${i}`)).status).toBe(202);
    expectLimited(await ask('ana@example.org', '198.51.100.200'), 3600);

    // One IP, many addresses: the per-IP limit, separate from each address's. Ana's refused request
    // counted for 198.51.100.200 only.
    for (let i = 0; i < LIMITS.signInPerIp.max; i++) expect((await ask(`p${i}@example.org`, '192.0.2.7')).status).toBe(202);
    expectLimited(await ask('someone.new@example.org', '192.0.2.7'), 3600);
    expect((await ask('someone.new@example.org', '192.0.2.8')).status).toBe(202);

    await mailSettled(t);
    const keys = (await t.db.select({ key: rateLimitCounters.key }).from(rateLimitCounters)).map((r) => r.key).join('\n');
    expect(keys).not.toMatch(/example\.org|192\.0\.2|198\.51\.100/);
    // Hashed with the deployment's pepper, not bare SHA-256 (which all IPv4 addresses would undo).
    const [pepper] = await t.db.select().from(settings).where(eq(settings.key, 'rate_limit_pepper'));
    expect(pepper!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys).toContain(await limitKey('signInPerIp', 'ip', '192.0.2.7', pepper!.value));
    expect(keys).not.toContain(await limitKey('signInPerIp', 'ip', '192.0.2.7', ''));

    t.clock.advance(3_600_000);
    expect((await ask('someone@example.org', '192.0.2.7')).status).toBe(202);
    expect((await ask('ana@example.org', '198.51.100.1')).status).toBe(202);
    await mailSettled(t);
  });

  it('counts an IPv6 client by its /64, whatever address of it each request comes from', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z', { CLIENT_IP_HEADER: 'X-Forwarded-For' });
    for (let i = 0; i < LIMITS.signInPerIp.max; i++) expect((await ask(`v${i}@example.org`, `2001:db8:1:2::${i.toString(16)}`)).status).toBe(202);
    expectLimited(await ask('v-next@example.org', '2001:db8:1:2:ffff::1'), 3600);
    expect((await ask('v-next@example.org', '2001:db8:1:3::1')).status).toBe(202);
    await mailSettled(t);
  });

  it('without a known IP (an in-process request, no proxy header configured) only the address counts', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z');
    for (let i = 0; i < LIMITS.signInPerIp.max + 1; i++) expect((await ask(`q${i}@example.org`, '192.0.2.7')).status).toBe(202);
    await mailSettled(t);
  });

  it('the sign-in page says to wait, with 429 and Retry-After, and keeps the address in the field', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z', { CLIENT_IP_HEADER: 'X-Real-IP' });
    const post = () =>
      t.app.request('/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Real-IP': '192.0.2.1', 'Accept-Language': 'fr' },
        body: 'email=bea%40example.org',
      });
    for (let i = 0; i < LIMITS.signInPerAddress.max; i++) expect((await post()).status).toBe(200);
    const res = await post();
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('3600');
    const html = await res.text();
    expect(html).toContain('Trop de liens de connexion');
    expect(html).toContain('value="bea@example.org"');
    await mailSettled(t);
  });
});

describe('the OpenAPI document', () => {
  it('lists the 429 and its Retry-After on each limited route', async () => {
    t = await makeTestApp();
    const doc = (await t.call('GET', '/api/openapi.json')).json;
    for (const [path, limit] of [
      ['/api/prompts/{id}/submissions', 'answers: 30 per 60 s per member'],
      ['/api/submissions/{id}/kudos', 'kudos: 120 per 60 s per member'],
      ['/api/images', 'uploads: 30 per 3600 s per member'],
      ['/api/auth/email-link', 'signInPerAddress: 5 per 3600 s per address'],
    ] as const) {
      const limited = doc.paths[path].post.responses['429'];
      expect(limited.description).toContain(limit);
      expect(limited.headers['Retry-After'].schema.type).toBe('integer');
    }
    expect(doc.paths['/api/communities'].post.responses['429']).toBeUndefined();
  });
});

describe('the page forms', () => {
  it('the kudos buttons share the API\'s kudos limit: 429 with Retry-After', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z');
    const { member, facilitator, prompt } = await communityWithOpenPrompt(t);
    const posted = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level: 'easy', body: 'A cup', visibility: 'public' } });
    for (let i = 0; i < LIMITS.kudos.max; i++) {
      expect((await t.call('POST', `/api/submissions/${posted.json.id}/kudos`, { token: facilitator.token, body: { kind: 'relate' } })).status).toBe(200);
    }
    const res = await t.app.request(`/a/${posted.json.id}/kudos`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${facilitator.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'kind=applause',
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('60');
  });

  it('the answer form counts against the same limit: 429, Retry-After, the draft kept and the reason shown', async () => {
    t = await makeTestApp('2026-03-02T12:00:30Z');
    const { member, community, prompt } = await communityWithOpenPrompt(t);
    const post = () => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ promptId: String(prompt.id), level: 'easy', body: 'My cup, again' })) form.append(k, v);
      return t.app.request(`/c/${community.slug}/answer`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${member.token}` } });
    };
    // The API's refused requests (bad bodies here, so the member still has both levels to answer) and the
    // page's posts share one counter.
    for (let i = 0; i < LIMITS.answers.max - 1; i++) {
      expect((await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level: 'nope' } })).status).toBe(400);
    }
    expect((await post()).status).toBe(303);
    const res = await post();
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('30');
    const html = await res.text();
    expect(html).toContain('That was a lot in a short time');
    expect(html).toContain('My cup, again');
  });
});
