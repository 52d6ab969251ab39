import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberships } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('communities', () => {
  it('makes the creator its facilitator and shows the community to visitors when public', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const created = await createCommunity(t, fran.token, { slug: 'nurses', timeZone: 'Europe/Paris', dayStartHour: 6 });
    expect(created).toMatchObject({ slug: 'nurses', role: 'facilitator', memberCount: 1, timeZone: 'Europe/Paris' });
    const rows = await t.db.select().from(memberships).where(eq(memberships.userId, fran.userId));
    expect(rows).toEqual([expect.objectContaining({ role: 'facilitator', communityId: created.id })]);

    const visitor = await t.call('GET', '/api/communities/nurses');
    expect(visitor.status).toBe(200);
    expect(visitor.json).toMatchObject({ name: 'Sketchers', role: 'visitor', today: '2026-03-02' });
  });

  it('refuses a taken slug with 409 naming the field, and leaves no second membership', async () => {
    const fran = await t.userToken('fran@example.org');
    const other = await t.userToken('otto@example.org');
    await createCommunity(t, fran.token);
    const res = await t.call('POST', '/api/communities', {
      token: other.token,
      body: { slug: 'sketchers', name: 'Again', timeZone: 'UTC', visibility: 'public' },
    });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'slug_taken', issues: [{ path: 'slug' }] });
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, other.userId))).toEqual([]);
  });

  it('lets anyone join a public community, once', async () => {
    const fran = await t.userToken('fran@example.org');
    const mo = await t.userToken('mo@example.org');
    await createCommunity(t, fran.token);
    await join(t, mo.token, 'sketchers');
    await join(t, mo.token, 'sketchers');
    const rows = await t.db.select().from(memberships).where(eq(memberships.userId, mo.userId));
    expect(rows.map((r) => r.role)).toEqual(['member']);
  });

  it('hides a private community from outsiders and admits them with a live invite code only', async () => {
    const fran = await t.userToken('fran@example.org');
    const mo = await t.userToken('mo@example.org');
    await createCommunity(t, fran.token, { slug: 'recovery', visibility: 'private' });

    expect((await t.call('GET', '/api/communities/recovery')).status).toBe(404);
    expect((await t.call('GET', '/api/communities/recovery', { token: mo.token })).status).toBe(404);
    expect((await t.call('GET', '/api/communities/recovery/today', { token: mo.token })).status).toBe(404);
    expect((await t.call('POST', '/api/communities/recovery/join', { token: mo.token, body: {} })).status).toBe(404);
    const listed = await t.call('GET', '/api/communities', { token: mo.token });
    expect(listed.json.communities).toEqual([]);

    const notFacilitator = await t.call('POST', '/api/communities/recovery/invites', { token: mo.token });
    expect(notFacilitator.status).toBe(404);
    const invite = await t.call('POST', '/api/communities/recovery/invites', { token: fran.token });
    expect(invite.status).toBe(201);

    // A wrong or expired code reads exactly like an unknown community (issue 21): neither confirms that a
    // private community by that name exists.
    const unknown = await t.call('POST', '/api/communities/no-such-place/join', { token: mo.token, body: { inviteCode: 'nope' } });
    expect(unknown.status).toBe(404);
    const wrong = await t.call('POST', '/api/communities/recovery/join', { token: mo.token, body: { inviteCode: 'nope' } });
    expect(wrong.status).toBe(404);
    expect(wrong.text).toBe(unknown.text);

    t.clock.advance(15 * 24 * 3_600_000);
    const expired = await t.call('POST', '/api/communities/recovery/join', {
      token: mo.token,
      body: { inviteCode: invite.json.code },
    });
    expect(expired.status).toBe(404);
    expect(expired.text).toBe(unknown.text);

    t.clock.advance(-15 * 24 * 3_600_000);
    await join(t, mo.token, 'recovery', invite.json.code);
    const seen = await t.call('GET', '/api/communities/recovery', { token: mo.token });
    expect(seen.json).toMatchObject({ role: 'member', memberCount: 2 });
  });

  it('lets a facilitator change roles but never remove the last facilitator', async () => {
    const fran = await t.userToken('fran@example.org');
    const mo = await t.userToken('mo@example.org');
    await createCommunity(t, fran.token);
    await join(t, mo.token, 'sketchers');

    const byMember = await t.call('PATCH', `/api/communities/sketchers/members/${fran.userId}`, {
      token: mo.token,
      body: { role: 'member' },
    });
    expect(byMember.status).toBe(403);

    const last = await t.call('PATCH', `/api/communities/sketchers/members/${fran.userId}`, {
      token: fran.token,
      body: { role: 'member' },
    });
    expect(last.status).toBe(409);
    expect(last.json.error.code).toBe('last_facilitator');

    const promote = await t.call('PATCH', `/api/communities/sketchers/members/${mo.userId}`, {
      token: fran.token,
      body: { role: 'facilitator' },
    });
    expect(promote.status).toBe(200);
    const step = await t.call('PATCH', `/api/communities/sketchers/members/${fran.userId}`, {
      token: fran.token,
      body: { role: 'member' },
    });
    expect(step.json).toEqual({ userId: fran.userId, role: 'member' });
  });

  it('requires sign-in to create', async () => {
    const res = await t.call('POST', '/api/communities', {
      body: { slug: 'x', name: 'X', timeZone: 'UTC', visibility: 'public' },
    });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthenticated');
  });
});
