/**
 * DELETE /api/me: afterwards no table holds the member's id or email (but the documented tombstone references),
 * their sessions and tokens fail, anonymous answers stay de-linked, scores equal ledger sums, images are gone.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { images, shoutoutRolls, submissions, users } from '../../db/schema';
import { eraseAccount } from '../../src/domain/data-rights/erase-account';
import { drainRecognition } from '../../src/domain/recognition/drain';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { seedTraces } from '../helpers/data-rights';
import { signIn } from '../helpers/sign-in';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedTraces>>;
beforeEach(async () => {
  t = await makeTestApp();
  s = await seedTraces(t);
});
afterEach(() => t.close());

/** Columns that hold a user id, by name or by a foreign key to users. */
const USER_COLUMN = /^(user_id|owner_id|created_by|marked_by)$/;
/**
 * Where the erased member's id may stay: their tombstone row, and what they made for a community (live sessions
 * they hosted that took place stay in its history, shown with no name; those still to come are cancelled).
 */
const TOMBSTONE_REFERENCES = new Set(['users.id', 'series.created_by', 'spotlights.created_by', 'live_sessions.host_id', 'live_sessions.created_by']);

/** Every place in the database, table by table and column by column, that still holds this id or email. */
async function traces(userId: number, email: string): Promise<string[]> {
  const rows = async (q: string, args: (string | number)[] = []) => (await t.client.execute({ sql: q, args })).rows;
  const tables = (await rows("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")).map(
    (r) => String(r.name),
  );
  expect(tables.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const table of tables) {
    const columns = await rows(`pragma table_info("${table}")`);
    const fks = new Set((await rows(`pragma foreign_key_list("${table}")`)).filter((f) => f.table === 'users').map((f) => String(f.from)));
    for (const col of columns) {
      const name = String(col.name);
      const where = `${table}.${name}`;
      const isUserColumn = fks.has(name) || USER_COLUMN.test(name) || (table === 'users' && name === 'id');
      if (isUserColumn && !TOMBSTONE_REFERENCES.has(where)) {
        const [hit] = await rows(`select count(*) as n from "${table}" where "${name}" = ?`, [userId]);
        if (Number(hit!.n) > 0) found.push(`${where} = ${userId}`);
      }
      // Any text anywhere, JSON included: the email, or the id as a JSON member of a list or a userId field.
      const [text] = await rows(
        `select count(*) as n from "${table}" where typeof("${name}") = 'text' and (instr(lower("${name}"), ?) > 0
           or (json_valid("${name}") and exists (select 1 from json_tree("${name}") where (key = 'userId' or type = 'integer') and atom = ? and (key = 'userId' or path like '%newContributors%'))))`,
        [email, userId],
      );
      if (Number(text!.n) > 0) found.push(`${where} mentions`);
    }
  }
  return found;
}

const erase = (opts: { token?: string; cookie?: string; confirm?: string } = {}) =>
  t.call('DELETE', '/api/me', {
    token: opts.token,
    headers: opts.cookie ? { Cookie: opts.cookie, Origin: 'http://localhost' } : {},
    body: { confirm: opts.confirm ?? 'delete my account' },
  });

describe('DELETE /api/me', () => {
  it('leaves no trace of the member in any table, and keeps scores equal to ledger sums', async () => {
    // A week ends, so a shout-out roll names Mo as a new contributor.
    t.clock.set('2026-03-09T12:00:00Z');
    await tick(t.db, t.clock.now(), t.images);
    const [roll] = await t.db.select().from(shoutoutRolls);
    expect(roll!.content.newContributors).toContain(s.mo.userId);
    const browser = await signIn(t, 'mo@example.org');
    // The check sees what is there: ids in plain columns and in JSON, the email wherever it is written.
    expect(await traces(s.mo.userId, 'mo@example.org')).toEqual(
      expect.arrayContaining(['sessions.user_id = ' + s.mo.userId, 'submissions.user_id = ' + s.mo.userId, 'shoutout_rolls.content mentions', 'outbox.to_address mentions', 'users.email mentions']),
    );

    const res = await erase({ cookie: browser.cookie });
    expect(res.status, res.text).toBe(200);
    // One image: the unattached upload was swept by the week's ticks already.
    expect(res.json).toEqual({ namedAnswersDeleted: 2, anonymousAnswersKept: 1, imagesDeleted: 1, kudosGivenDeleted: 2, communitiesLeft: 1 });
    expect(res.headers.getSetCookie().some((c) => /^kindling_session=;/.test(c))).toBe(true);

    expect(await traces(s.mo.userId, 'mo@example.org')).toEqual([]);
    const [tombstone] = await t.db.select().from(users).where(eq(users.id, s.mo.userId));
    expect(tombstone).toMatchObject({ name: '', erased: true, showOnLeaderboards: false, publicProfile: false });
    expect(tombstone!.email).toMatch(/^erased-[0-9a-f]+@erased\.invalid$/);

    const mismatched = await t.client.execute(`
      select s.community_id, s.user_id, s.period, s.points, s.listed_points,
        (select coalesce(sum(delta), 0) from points_ledger l where l.community_id = s.community_id and l.user_id = s.user_id
           and (s.period = 'all' or l.week_of = s.period)) as ledger,
        (select coalesce(sum(delta), 0) from points_ledger l where l.community_id = s.community_id and l.user_id = s.user_id and l.listed
           and (s.period = 'all' or l.week_of = s.period)) as listed
      from scores s`);
    expect(mismatched.rows.length).toBeGreaterThan(0);
    for (const r of mismatched.rows) expect([r.points, r.listed_points]).toEqual([r.ledger, r.listed]);
    const board = await t.call('GET', `/api/communities/${s.community.slug}/leaderboard?period=all`);
    expect(JSON.stringify(board.json)).not.toContain('"Mo"');
  });

  it('takes the member’s helping with them: credits, help prompts (and answers to them), sessions still to come', async () => {
    const res = await erase({ token: s.mo.token });
    expect(res.status, res.text).toBe(200);
    const asked = await t.call('GET', `/api/help-prompts/${s.helping.moAsks}`, { token: s.oz.token });
    expect(asked.status).toBe(404);
    expect((await t.call('GET', `/api/live-sessions/${s.helping.upcoming}`, { token: s.oz.token })).status).toBe(404);
    // Oz keeps their own: their prompt (Mo’s answer to it gone) and the credit they earned answering Mo.
    const ozAsked = await t.call('GET', `/api/help-prompts/${s.helping.ozAsks}`, { token: s.oz.token });
    expect(ozAsked.json.replies).toEqual([]);
    expect((await t.call('GET', `/api/communities/${s.community.slug}/credits/me`, { token: s.oz.token })).json.balance).toBe(2 + 2 - 3 + 1);
    // Sessions Mo hosted that took place stay in the community’s history, with no name.
    const { json } = await t.call('GET', `/api/communities/${s.community.slug}/live-sessions`, { token: s.oz.token });
    const hostedByMo = json.past.filter((p: { host: { id: number } }) => p.host.id === s.mo.userId);
    expect(hostedByMo).toHaveLength(2);
    expect(hostedByMo.every((p: { host: { name: string } }) => p.host.name === '')).toBe(true);
  });

  it('ends every session and token: the cookie and the API token answer 401, and so does a retry', async () => {
    const browser = await signIn(t, 'mo@example.org');
    expect((await erase({ token: s.mo.token, confirm: ' MO@example.org ' })).status).toBe(200);
    expect((await t.call('GET', '/api/me', { headers: { Cookie: browser.cookie } })).status).toBe(401);
    expect((await t.call('GET', '/api/me', { token: s.mo.token })).status).toBe(401);
    const feeds = await t.client.execute('select count(*) as n from feed_tokens');
    expect(Number(feeds.rows[0]!.n)).toBe(0);
    const again = await erase({ token: s.mo.token });
    expect([again.status, again.json.error.code]).toEqual([401, 'unauthenticated']);
    expect((await erase({ cookie: browser.cookie })).status).toBe(401);
    // Signing in again with the same address starts a new, empty account.
    const fresh = await signIn(t, 'mo@example.org');
    expect(fresh.user.id).not.toBe(s.mo.userId);
    const mine = await t.call('GET', '/api/me/export', { headers: { Cookie: fresh.cookie } });
    expect(mine.status).toBe(200);
  });

  it('keeps the anonymous answer in the gallery, held by a placeholder nothing ties to the member', async () => {
    expect((await erase({ token: s.mo.token })).status).toBe(200);
    const gallery = await t.call('GET', `/api/prompts/${s.series.prompts[0]!.id}/gallery`);
    const bodies = gallery.json.items.map((i: { body: string }) => i.body);
    expect(bodies).toContain('Mo anonymous secret');
    expect(bodies).not.toContain('Mo named, with a sketch');
    const item = gallery.json.items.find((i: { body: string }) => i.body === 'Mo anonymous secret');
    expect(item.author ?? null).toBeNull();
    expect(JSON.stringify(item)).not.toMatch(/userId|"Mo"|mo@example/);

    const [kept] = await t.db.select().from(submissions).where(eq(submissions.body, 'Mo anonymous secret'));
    expect(kept!.userId).not.toBe(s.mo.userId);
    const [holder] = await t.db.select().from(users).where(eq(users.id, kept!.userId));
    expect(holder).toMatchObject({ name: '', erased: true, createdAt: 0 });
    expect(holder!.email).toBe(`erased-${kept!.publicId}@erased.invalid`);
    // The placeholder holds this answer alone, belongs nowhere and has no points.
    for (const table of ['memberships', 'points_ledger', 'scores', 'kudos', 'badge_grants', 'sessions']) {
      const n = await t.client.execute({ sql: `select count(*) as n from ${table} where user_id = ?`, args: [holder!.id] });
      expect(Number(n.rows[0]!.n), table).toBe(0);
    }
    expect(await t.db.select().from(submissions).where(eq(submissions.userId, holder!.id))).toHaveLength(1);
    // It can still be encouraged, and the recognition that follows runs without a hitch (and names no one).
    const kudos = await t.call('POST', `/api/submissions/${kept!.publicId}/kudos`, { token: s.oz.token, body: { kind: 'learned' } });
    expect(kudos.status, kudos.text).toBe(200);
    await drainRecognition(t.db);
    expect(await traces(s.mo.userId, 'mo@example.org')).toEqual([]);
    // Its image stays with it, moved to the placeholder; Oz's and Fran's things are untouched.
    expect(await t.db.select({ owner: images.ownerId }).from(images).where(eq(images.id, s.images.anonImage))).toEqual([{ owner: holder!.id }]);
    expect((await t.call('GET', `/api/images/${s.images.anonImage}`)).status).toBe(200);
    expect(bodies).toContain('Oz answer');
    const fran = await t.client.execute({ sql: 'select count(*) as n from kudos where submission_id = ?', args: [s.answers.franAnswer] });
    expect(Number(fran.rows[0]!.n)).toBe(0); // Mo's kudos on it went
  });

  it('deletes the stored bytes of named answers’ images and unattached uploads', async () => {
    const file = (id: string) => existsSync(join(t.imagesDir, id));
    expect([file(s.images.namedImage), file(s.images.looseImage)]).toEqual([true, true]);
    expect((await erase({ token: s.mo.token })).status).toBe(200);
    expect([file(s.images.namedImage), file(s.images.looseImage), file(s.images.anonImage), file(s.images.ozImage)]).toEqual([false, false, true, true]);
    expect(await t.db.select().from(images).where(eq(images.id, s.images.namedImage))).toEqual([]);
  });

  it('leaves images whose bytes were not deleted (a crash after the commit) to the tick’s sweep', async () => {
    const caller = { id: s.mo.userId, email: 'mo@example.org', name: 'Mo', isSteward: false, showOnLeaderboards: true };
    const { imageIds } = await eraseAccount(t.db, caller, t.clock.now());
    expect(imageIds.sort()).toEqual([s.images.namedImage, s.images.looseImage].sort());
    expect(existsSync(join(t.imagesDir, s.images.namedImage))).toBe(true);
    await tick(t.db, t.clock.now(), t.images);
    for (const id of imageIds) {
      expect(existsSync(join(t.imagesDir, id))).toBe(false);
      expect(await t.db.select().from(images).where(eq(images.id, id))).toEqual([]);
    }
  });

  it('refuses without the confirmation, and changes nothing', async () => {
    const wrong = await erase({ token: s.mo.token, confirm: 'yes' });
    expect([wrong.status, wrong.json.error.code, wrong.json.error.issues[0].path]).toEqual([400, 'invalid_input', 'confirm']);
    const missing = await t.call('DELETE', '/api/me', { token: s.mo.token, body: {} });
    expect(missing.status).toBe(400);
    expect((await t.call('GET', '/api/me', { token: s.mo.token })).json.email).toBe('mo@example.org');
    expect(await t.db.select().from(submissions).where(eq(submissions.userId, s.mo.userId))).toHaveLength(3);
  });

  it('refuses the only facilitator of a community with members (409), until another leads it', async () => {
    const refused = await erase({ token: s.fran.token });
    expect([refused.status, refused.json.error.code]).toEqual([409, 'last_facilitator']);
    expect((await t.call('GET', '/api/me', { token: s.fran.token })).status).toBe(200);
    const promote = await t.call('PATCH', `/api/communities/${s.community.slug}/members/${s.oz.userId}`, { token: s.fran.token, body: { role: 'facilitator' } });
    expect(promote.status).toBe(200);
    expect((await erase({ token: s.fran.token })).status).toBe(200);
    // Fran's series stays, pointing at her tombstone, which says nothing about her.
    const series = await t.call('GET', `/api/series/${s.series.id}`);
    expect(series.status).toBe(200);
    expect(await traces(s.fran.userId, 'fran@example.org')).toEqual([]);
  });
});
