import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('the community directory', () => {
  it('lists public communities, hides private ones from outsiders, and speaks the viewer language', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fran.token, { slug: 'open-circle', name: 'Open circle' });
    await createCommunity(t, fran.token, { slug: 'quiet-room', name: 'Quiet room', visibility: 'private' });

    const visitor = await t.call('GET', '/', { headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });
    expect(visitor.status).toBe(200);
    expect(visitor.text).toContain('<title>Communautés · Kindling</title>');
    expect(visitor.text).toContain('href="/c/open-circle"');
    expect(visitor.text).not.toContain('quiet-room');

    const member = await t.call('GET', '/', { token: fran.token });
    expect(member.text).toContain('<title>Communities · Kindling</title>');
    expect(member.text).toContain('href="/c/quiet-room"');
  });

  it('explains Kindling and invites to the liveliest public community, or teaches on an empty site', async () => {
    const empty = await t.call('GET', '/');
    expect(empty.text).toContain('Kindling gives your community one small prompt a day');
    expect(empty.text).toContain('There are no communities here yet.');
    expect(empty.text).toContain('class="button" href="/sign-in?next=%2Fcommunities%2Fnew"');

    const fran = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fran.token, { slug: 'open-circle', name: 'Open circle' });
    await createCommunity(t, fran.token, { slug: 'quiet-room', name: 'Quiet room', visibility: 'private' });
    const member = await t.call('GET', '/', { token: fran.token });
    // The private community is not the featured first step, even for a member.
    expect(member.text).toContain(`<a class="button" href="/c/open-circle">Try today's prompt in Open circle</a>`);
    expect(member.text).not.toContain('There are no communities here yet.');
    expect(member.text).toMatch(/class="card community-card"[\s\S]*1 member[\s\S]*No answers in the last 7 days/);
  });
});
