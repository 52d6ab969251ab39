/**
 * "Start a community" without JavaScript: visitors are sent to sign in and back; the form posts here; errors
 * come back next to their fields with what was typed kept; success redirects to the new community.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { communities, memberships } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

async function post(token: string | undefined, fields: Record<string, string>, lang = 'en') {
  const res = await t.app.request('/communities/new', {
    method: 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      'Content-Type': 'application/x-www-form-urlencoded',
      'Accept-Language': lang,
    },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text(), location: res.headers.get('Location') };
}

const good = { name: 'Infirmières de nuit', slug: '', description: 'Night shifts, shared.', timeZone: 'Europe/Paris', dayStartHour: '6', visibility: 'private' };

/** The error paragraph the field points to, if any. */
const errorOf = (html: string, id: string) => new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1] ?? null;

describe('the start-a-community page', () => {
  it('sends visitors to sign in, and back here afterwards', async () => {
    const get = await t.call('GET', '/communities/new');
    expect(get.status).toBe(303);
    expect(get.headers.get('Location')).toBe('/sign-in?next=%2Fcommunities%2Fnew');
    const posted = await post(undefined, good);
    expect(posted.status).toBe(303);
    expect(posted.location).toBe('/sign-in?next=%2Fcommunities%2Fnew');
    expect(await t.db.select().from(communities)).toEqual([]);
  });

  it('is a labelled form with a searchable list of time zones and the 24 hours', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const res = await t.call('GET', '/communities/new', { token: fran.token });
    expect(res.status).toBe(200);
    for (const [id, label] of [
      ['community-name', 'Name'],
      ['community-slug', 'Address (optional)'],
      ['community-description', 'Description (optional)'],
      ['community-time-zone', 'Time zone'],
      ['community-day-start', 'The day starts at'],
    ]) {
      expect(res.text).toContain(`<label for="${id}">${label}</label>`);
    }
    expect(res.text).toContain('<form method="post" action="/communities/new"');
    expect(res.text).toMatch(/<input[^>]*id="community-time-zone"[^>]*list="time-zones"/);
    expect(res.text).toContain('<datalist id="time-zones">');
    for (const zone of ['UTC', 'Europe/Paris', 'America/Toronto', 'Asia/Kolkata', 'Europe/Kyiv']) expect(res.text).toContain(`<option value="${zone}">`);
    // The current names, not the old ones ICU still lists.
    expect(res.text).not.toContain('<option value="Asia/Calcutta">');
    expect(res.text.match(/<option (selected )?value="\d{1,2}">\d\d:00</g)).toHaveLength(24);
    expect(res.text).toContain('<option selected value="0">00:00</option>');
  });

  it('shows each error next to its field, keeping what was typed, and creates nothing', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const res = await post(fran.token, {
      name: '',
      slug: 'Bad Slug',
      description: 'Kept as typed',
      timeZone: 'Europe/Pariss',
      dayStartHour: '24',
      visibility: 'private',
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('Some fields need a change');
    expect(errorOf(res.html, 'community-name')).toBe('Give the community a name (80 characters at most).');
    expect(errorOf(res.html, 'community-slug')).toMatch(/^Use 1 to 40 lowercase letters/);
    expect(errorOf(res.html, 'community-time-zone')).toBe('Pick a time zone from the list, such as Europe/Paris.');
    expect(errorOf(res.html, 'community-day-start')).toBe('Pick an hour from 00:00 to 23:00.');
    expect(errorOf(res.html, 'community-description')).toBeNull();
    // Each invalid field points to its message.
    expect(res.html).toMatch(/<input[^>]*aria-describedby="community-time-zone-hint community-time-zone-error"[^>]*aria-invalid="true"/);
    // What was typed comes back.
    expect(res.html).toContain('value="Bad Slug"');
    expect(res.html).toContain('value="Europe/Pariss"');
    expect(res.html).toContain('>Kept as typed</textarea>');
    expect(res.html).toMatch(/<input[^>]*id="visibility-private"[^>]*checked/);
    expect(await t.db.select().from(communities)).toEqual([]);
  });

  it('speaks the viewer language in its errors', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const res = await post(fran.token, { ...good, timeZone: 'Lune/Tranquillité' }, 'fr');
    expect(res.status).toBe(400);
    expect(errorOf(res.html, 'community-time-zone')).toBe('Choisissez un fuseau horaire de la liste, comme Europe/Paris.');
  });

  it('creates the community (its address made from the name when left blank) and redirects to it', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const res = await post(fran.token, good);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/c/infirmieres-de-nuit?created=1');
    const [row] = await t.db.select().from(communities);
    expect(row).toMatchObject({ slug: 'infirmieres-de-nuit', name: 'Infirmières de nuit', description: 'Night shifts, shared.', timeZone: 'Europe/Paris', dayStartHour: 6, visibility: 'private' });
    expect(await t.db.select().from(memberships).where(eq(memberships.communityId, row!.id))).toEqual([
      expect.objectContaining({ userId: fran.userId, role: 'facilitator' }),
    ]);
    const page = await t.call('GET', res.location!, { token: fran.token });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Your community is ready. Start its first series');
    expect(page.text).toMatch(/<a class="button" href="\/c\/infirmieres-de-nuit\/series\/templates">Series from a template<\/a>/);
    // Only its facilitators are told so: a member opening the same address is not.
    const mo = await t.userToken('mo@example.org', 'Mo');
    const code = (await t.call('POST', '/api/communities/infirmieres-de-nuit/invites', { token: fran.token })).json.code;
    expect((await t.call('POST', '/api/communities/infirmieres-de-nuit/join', { token: mo.token, body: { inviteCode: code } })).status).toBe(200);
    const member = await t.call('GET', res.location!, { token: mo.token });
    expect(member.status).toBe(200);
    expect(member.text).not.toContain('Your community is ready');
  });

  it('says a taken address is taken, next to the address, and keeps the rest', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const otto = await t.userToken('otto@example.org', 'Otto');
    expect((await post(fran.token, { ...good, slug: 'nurses' })).status).toBe(303);
    const res = await post(otto.token, { ...good, slug: 'nurses', name: 'Other nurses' });
    expect(res.status).toBe(400);
    expect(errorOf(res.html, 'community-slug')).toBe('This address is taken: choose another one.');
    expect(res.html).toContain('value="Other nurses"');
    expect(await t.db.select().from(communities)).toHaveLength(1);
  });
});
