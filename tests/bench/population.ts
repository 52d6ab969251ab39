/**
 * Who exists and who belongs where, planned in memory before anything is written. Community 1 is the big one
 * (the leaderboard, gallery and kudos scenarios read it); community 2 holds the same members and a series
 * without answers, so the write scenarios always find (member, prompt, level) triples that are still free.
 */
import { localDay } from '../../src/domain/time';
import { timeZones } from './content';
import type { Profile } from './profile';
import { Rng } from './rng';

export interface PlannedCommunity {
  id: number;
  slug: string;
  timeZone: string;
  dayStartHour: number;
  visibility: 'public' | 'private';
  /** Member user ids, ascending; the first one is the facilitator (the big community has three). */
  members: number[];
  facilitators: number;
  today: string;
}

export const BIG_ID = 1;
export const WRITES_ID = 2;
/**
 * The issue 16 load shape: 60 members posting to a 90-prompt series (every prompt open). One such community
 * holds 60 × 90 × 2 = 10,800 fresh answers, less than a run sends, so there are several alike; the load fills
 * one after another, each member's history growing to 180 answers in each.
 */
export const PEER = { communities: 5, members: 60, prompts: 90 } as const;
export const isPeer = (c: { slug: string }) => c.slug.startsWith('bench-peer-');

export function planCommunities(profile: Profile, rng: Rng, now: Date): PlannedCommunity[] {
  const community = (id: number, slug: string, timeZone: string, dayStartHour: number, visibility: 'public' | 'private') => ({
    id,
    slug,
    timeZone,
    dayStartHour,
    visibility,
    members: [] as number[],
    facilitators: 1,
    today: localDay(now, timeZone, dayStartHour),
  });
  const all: PlannedCommunity[] = [
    { ...community(BIG_ID, 'bench-big', 'UTC', 0, 'public'), facilitators: 3 },
    community(WRITES_ID, 'bench-writes', 'UTC', 0, 'public'),
  ];
  for (let id = 3; id <= profile.communities; id++) {
    all.push(community(id, `bench-${id}`, rng.pick(timeZones), rng.int(7), rng.chance(0.85) ? 'public' : 'private'));
  }

  const bigMembers = Math.min(profile.bigMembers, profile.members);
  for (let u = 1; u <= bigMembers; u++) {
    all[0]!.members.push(u);
    all[1]!.members.push(u);
  }
  // Everyone also joins one to three of the ordinary communities.
  const ordinary = all.slice(2);
  if (ordinary.length > 0) {
    for (let u = 1; u <= profile.members; u++) {
      const joined = new Set<PlannedCommunity>();
      const k = 1 + rng.int(3);
      while (joined.size < Math.min(k, ordinary.length)) joined.add(rng.pick(ordinary));
      for (const c of joined) c.members.push(u);
    }
  }
  // After the random joins, so only the load shape's own members belong to them (users 1..60, with tokens).
  for (let i = 1; i <= PEER.communities; i++) {
    const peer = community(profile.communities + i, `bench-peer-${i}`, 'UTC', 0, 'public');
    for (let u = 1; u <= PEER.members; u++) peer.members.push(u);
    all.push(peer);
  }
  for (const c of all) {
    c.members.sort((a, b) => a - b);
    if (c.members.length < 2) throw new Error(`Community ${c.slug} got fewer than 2 members; raise members`);
  }
  return all;
}
