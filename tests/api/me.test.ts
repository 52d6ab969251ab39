import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessions, users } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/sign-in';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const DAY = 24 * 3_600_000;
const withCookie = (cookie: string) => ({ headers: { Cookie: cookie } });

describe('GET /api/me', () => {
  it('is 401 without a caller', async () => {
    const res = await t.call('GET', '/api/me');
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthenticated');
  });

  it('answers a Bearer API token with exactly the account fields', async () => {
    const { token, userId } = await t.userToken('ada@example.org', 'Ada');
    const res = await t.call('GET', '/api/me', { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: userId, name: 'Ada', email: 'ada@example.org', showOnLeaderboards: true, isSteward: false });
  });

  it('refuses a wrong Bearer token with 401', async () => {
    await t.userToken('ada@example.org');
    const res = await t.call('GET', '/api/me', { token: 'kdl_not-a-real-token' });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthenticated');
  });
});

describe('PATCH /api/me', () => {
  it('changes only the fields given, and the row says so', async () => {
    const { token, userId } = await t.userToken('ada@example.org', 'Ada');
    const renamed = await t.call('PATCH', '/api/me', { token, body: { name: '  Ada L.  ' } });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ id: userId, name: 'Ada L.', showOnLeaderboards: true });

    const hidden = await t.call('PATCH', '/api/me', { token, body: { showOnLeaderboards: false } });
    expect(hidden.json).toMatchObject({ name: 'Ada L.', showOnLeaderboards: false });
    const [row] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(row).toMatchObject({ name: 'Ada L.', showOnLeaderboards: false, email: 'ada@example.org' });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(61) }, 'name'],
    [{ showOnLeaderboards: 'yes' }, 'showOnLeaderboards'],
    [{}, 'json'],
  ])('answers %j with 400 naming %s', async (body, path) => {
    const { token, userId } = await t.userToken('ada@example.org', 'Ada');
    const res = await t.call('PATCH', '/api/me', { token, body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_input');
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    const [row] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(row!.name).toBe('Ada');
  });

  it('works with the session cookie from the same site and refuses it cross-site', async () => {
    const { cookie, user } = await signIn(t, 'ada@example.org', { name: 'Ada' });
    const same = await t.call('PATCH', '/api/me', {
      body: { name: 'Ada L.' },
      headers: { Cookie: cookie, Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(same.status).toBe(200);

    const cross = await t.call('PATCH', '/api/me', {
      body: { name: 'Pwned' },
      headers: { Cookie: cookie, Origin: 'https://evil.example' },
    });
    expect(cross.status).toBe(403);
    expect(cross.json.error.code).toBe('cross_site');
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.name).toBe('Ada L.');
  });
});

describe('session expiry', () => {
  it('ends a session after 15 days without use', async () => {
    const { cookie } = await signIn(t, 'ada@example.org');
    t.clock.advance(15 * DAY);
    const res = await t.call('GET', '/api/me', withCookie(cookie));
    expect(res.status).toBe(401);
    expect(await t.db.select().from(sessions)).toHaveLength(0);
  });

  it('keeps a session alive while it is used', async () => {
    const { cookie } = await signIn(t, 'ada@example.org');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(13 * DAY);
      expect((await t.call('GET', '/api/me', withCookie(cookie))).status).toBe(200);
    }
  });

  it('ends a session 60 days after sign-in even with activity', async () => {
    const { cookie } = await signIn(t, 'ada@example.org');
    for (let day = 10; day <= 60; day += 10) {
      t.clock.advance(10 * DAY);
      expect((await t.call('GET', '/api/me', withCookie(cookie))).status, `day ${day}`).toBe(200);
    }
    t.clock.advance(DAY);
    expect((await t.call('GET', '/api/me', withCookie(cookie))).status).toBe(401);
    expect(await t.db.select().from(sessions)).toHaveLength(0);
  });
});
