/**
 * Issue 11's simulation: 30 days of 1,000 members across 20 communities in seven time zones, through
 * tick(now) every hour. Every member gets at most one mail a day, each at a local hour they chose;
 * unsubscribes and pauses are honoured at once; silent daily mail steps down after three days.
 * State is built through the API; mail is read from mail_sends (kept) and the outbox (collected each tick).
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailPreferences, mailSends, outbox } from '../../db/schema';
import { storedHeaders } from '../../src/domain/mail/queue';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'America/Vancouver', 'Australia/Sydney', 'Asia/Kolkata'];
const MEMBERS = 1_000;
const COMMUNITIES = 20;
const START = Date.parse('2026-03-05T00:00:00Z'); // a Thursday
const DAYS = 30;
const HOUR = 3_600_000;

const slug = (c: number) => `c${c}`;
const zoneOf = (c: number) => ZONES[c % ZONES.length]!;
const communitiesOf = (i: number) => [...new Set([i % COMMUNITIES, ...(i % 3 === 0 ? [(i + 7) % COMMUNITIES] : []), ...(i % 5 === 0 ? [(i + 13) % COMMUNITIES] : [])])];
/** What member i asked for in community c: undefined is the default (weekly at 08:00). */
function wanted(i: number, c: number): { mode: 'daily' | 'weekly' | 'off'; hour: number } | undefined {
  const first = communitiesOf(i)[0] === c;
  switch (i % 4) {
    case 1:
      return { mode: 'daily', hour: i % 24 };
    case 2:
      return first ? { mode: 'daily', hour: 7 } : { mode: 'weekly', hour: 18 };
    case 3:
      return first ? { mode: 'daily', hour: 6 } : { mode: 'off', hour: 8 };
    default:
      return undefined;
  }
}
const answers = (i: number) => i % 20 === 1; // answer every day in their first community
const unsubscribesOnDay10 = (i: number) => i % 50 === 2;
const pausesOnDay5 = (i: number) => i % 50 === 3;

function local(ms: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23', weekday: 'short' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), monday: parts.weekday === 'Mon' };
}

let t: TestApp;
const users: { id: number; token: string; email: string }[] = [];
const ids = new Map<number, number>(); // community index → id
const unsubscribedAt = new Map<number, { at: number; communities: number[] }>(); // member index → when, which ids
const pausedFrom = new Map<number, number>();
let sends: (typeof mailSends.$inferSelect)[] = [];

beforeAll(async () => {
  t = await makeTestApp(new Date(START - 2 * 24 * HOUR).toISOString());
  const fran = await t.userToken('fran@example.org', 'Fran');
  for (let c = 0; c < COMMUNITIES; c++) {
    const made = await createCommunity(t, fran.token, { slug: slug(c), name: `Community ${c}`, timeZone: zoneOf(c) });
    ids.set(c, made.id);
    await createSeries(t, fran.token, slug(c), {
      startDate: '2026-03-03',
      prompts: Array.from({ length: 45 }, (_, k) => ({ easy: `Easy ${k}`, hard: `Hard ${k}` })),
    });
  }
  // Fran is a member of every community at the defaults too: she only gets Monday digests.
  for (let i = 0; i < MEMBERS; i++) {
    const email = `m${i}@example.org`;
    const u = await t.userToken(email, `M${i}`);
    users.push({ id: u.userId, token: u.token, email });
    for (const c of communitiesOf(i)) await join(t, u.token, slug(c));
    const changes = communitiesOf(i).flatMap((c) => (wanted(i, c) ? [{ slug: slug(c), ...wanted(i, c) }] : []));
    if (changes.length) {
      const res = await t.call('PATCH', '/api/me/mail-preferences', { token: u.token, body: { communities: changes } });
      expect(res.status, res.text).toBe(200);
    }
  }

  const lastUnsubscribe = new Map<string, string>();
  for (let h = 0; h < (DAYS + 2) * 24; h++) {
    const now = START - 2 * 24 * HOUR + h * HOUR;
    t.clock.set(new Date(now));
    const day = Math.floor((now - START) / (24 * HOUR));
    await tick(t.db, t.clock.now(), undefined, { publicUrl: 'https://kindling.example' });
    const fresh = await t.db.select({ to: outbox.to, headers: outbox.headers }).from(outbox).where(eq(outbox.createdAt, now));
    for (const m of fresh) lastUnsubscribe.set(m.to, /<([^>]+)>/.exec(storedHeaders(m.headers)['List-Unsubscribe']!)![1]!);
    const hourOfDay = (now - START) % (24 * HOUR);
    if (hourOfDay === 12 * HOUR && day >= 0) {
      for (let i = 1; i < MEMBERS; i += 20) {
        const c = communitiesOf(i)[0]!;
        const today = await t.call('GET', `/api/communities/${slug(c)}/today`, { token: users[i]!.token });
        const prompt = today.json.prompts[0] ?? today.json.open[0];
        const res = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: users[i]!.token, body: { level: 'easy', body: `day ${day}` } });
        expect([201, 409]).toContain(res.status);
      }
    }
    if (day === 5 && hourOfDay === 0) {
      for (let i = 3; i < MEMBERS; i += 50) {
        const res = await t.call('PATCH', '/api/me/mail-preferences', {
          token: users[i]!.token,
          body: { communities: communitiesOf(i).map((c) => ({ slug: slug(c), pauseWeeks: 1 })) },
        });
        expect(res.status).toBe(200);
        pausedFrom.set(i, now);
      }
    }
    if (day === 10 && hourOfDay === 0) {
      for (let i = 2; i < MEMBERS; i += 50) {
        const url = lastUnsubscribe.get(users[i]!.email);
        if (!url) continue;
        const res = await t.app.request(new URL(url).pathname, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        });
        expect(res.status).toBe(200);
        const token = new URL(url).pathname.split('/').at(-1)!;
        const covered = atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/')).split('.')[2]!.split('-').map(Number);
        unsubscribedAt.set(i, { at: now, communities: covered });
      }
    }
  }
  sends = await t.db.select().from(mailSends);
}, 600_000);
afterAll(() => t?.close());

const byUser = () => {
  const map = new Map<number, typeof sends>();
  for (const s of sends) (map.get(s.userId) ?? map.set(s.userId, []).get(s.userId)!).push(s);
  for (const list of map.values()) list.sort((a, b) => a.sentAt - b.sentAt);
  return map;
};
const indexOf = new Map<number, number>();
const communityIndex = (id: number) => [...ids].find(([, v]) => v === id)![0];

describe('30 days of 1,000 members in 20 communities', () => {
  it('mails most members, and never one twice within a day', () => {
    users.forEach((u, i) => indexOf.set(u.id, i));
    expect(sends.length).toBeGreaterThan(5_000);
    // Every member but the few who turned everything off or away got mail (digests at least).
    expect(byUser().size).toBeGreaterThanOrEqual(MEMBERS - 10);
    for (const list of byUser().values()) {
      for (let k = 1; k < list.length; k++) expect(list[k]!.sentAt - list[k - 1]!.sentAt).toBeGreaterThanOrEqual(20 * HOUR);
    }
  });

  it('sends each mail at a local hour the member chose in a community it covers', () => {
    for (const s of sends) {
      const i = indexOf.get(s.userId);
      if (i === undefined) continue; // Fran
      const fits = s.communities.some((id) => {
        const c = communityIndex(id);
        return local(s.sentAt, zoneOf(c)).hour === (wanted(i, c)?.hour ?? 8);
      });
      expect(fits, `member ${i} at ${new Date(s.sentAt).toISOString()}`).toBe(true);
    }
  });

  it('honours unsubscribes and pauses at once', () => {
    expect(unsubscribedAt.size).toBeGreaterThan(10);
    for (const [i, u] of unsubscribedAt) {
      const later = sends.filter((s) => s.userId === users[i]!.id && s.sentAt > u.at && s.communities.some((c) => u.communities.includes(c)));
      expect(later, `member ${i}`).toEqual([]);
    }
    for (const [i, from] of pausedFrom) {
      const during = sends.filter((s) => s.userId === users[i]!.id && s.sentAt > from && s.sentAt < from + 7 * 24 * HOUR);
      expect(during, `member ${i}`).toEqual([]);
    }
  });

  it('steps silent daily mail down after three days, and keeps answering members on daily mail', async () => {
    const prefs = await t.db.select().from(mailPreferences).where(inArray(mailPreferences.mode, ['daily']));
    let silentChecked = 0;
    for (const p of prefs) {
      const i = indexOf.get(p.userId)!;
      const c = communityIndex(p.communityId);
      const containing = sends.filter((s) => s.userId === p.userId && s.communities.includes(p.communityId));
      const weekdays = containing.filter((s) => !local(s.sentAt, zoneOf(c)).monday);
      if (answers(i) && communitiesOf(i)[0] === c) {
        expect(p.steppedDownAt, `member ${i}`).toBeNull();
        if (!pausesOnDay5(i) && !unsubscribesOnDay10(i)) expect(weekdays.length, `member ${i}`).toBeGreaterThanOrEqual(20);
      } else if (!answers(i)) {
        expect(p.steppedDownAt, `member ${i}`).not.toBeNull();
        expect(weekdays.length, `member ${i}`).toBeLessThanOrEqual(3);
        silentChecked++;
      }
    }
    expect(silentChecked).toBeGreaterThan(300);
  });
});
