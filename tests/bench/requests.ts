/**
 * The requests each scenario sends. Write scenarios need a fresh (member, prompt, level) or (answer, giver, kind)
 * on every request, so each family walks its own counter through a space with no repeats; consecutive requests
 * also differ in member and prompt, so no row or index page is hot only because the bench repeats itself.
 */
import { localDay, weekOf } from '../../src/domain/time';
import { tokenFor } from './content';
import type { BenchData } from './generate';
import type { DeepPage } from './inprocess';
import type { Req } from './load';
import { WRITES_ID } from './population';

export interface Counter {
  n: number;
}

const kinds = ['applause', 'learned', 'relate'] as const;

/**
 * The k-th distinct (member, prompt, level): member k mod M, then for that member r = k div M walks
 * prompt (member + r) mod P at level r div P, which never repeats while r < 2P.
 */
function answerCombo(k: number, members: number[], prompts: number[]) {
  const m = k % members.length;
  const r = Math.floor(k / members.length);
  if (r >= 2 * prompts.length) throw new Error(`Write scenario ran out of fresh (member, prompt, level) triples at ${k}`);
  return { userId: members[m]!, promptId: prompts[(m + r) % prompts.length]!, level: r < prompts.length ? 'easy' : 'hard' } as const;
}

const answerBody = (k: number) => `Bench answer ${k}: tried the quick sketch again and noticed the light first.`;

const json = (token?: string, extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
  ...extra,
});

/** Kindling's answer POST, as the web app sends it, with a Bearer token and an Idempotency-Key. */
export function submission(data: BenchData, counter: Counter): () => Req {
  return () => {
    const k = counter.n++;
    const a = answerCombo(k, data.members, data.writePrompts.kindling);
    return {
      method: 'POST',
      path: `/api/prompts/${a.promptId}/submissions`,
      headers: json(tokenFor(a.userId), { 'idempotency-key': `bench-${k}` }),
      body: JSON.stringify({ level: a.level, body: answerBody(k), visibility: 'public', anonymous: false }),
    };
  };
}

/**
 * The issue 16 load shape: 60 members answering a 90-prompt series, Kindling's answer POST as in `submission`.
 * Fills the peer communities one after another (10,800 fresh answers each), so members' histories grow as they
 * would over a season of daily prompts.
 */
export function peerSubmission(data: BenchData, counter: Counter): () => Req {
  const { members, prompts } = data.peer;
  const perCommunity = members.length * prompts[0]!.length * 2;
  return () => {
    const k = counter.n++;
    const community = Math.floor(k / perCommunity);
    if (community >= prompts.length) throw new Error(`The peer scenario ran out of fresh answers at ${k}: add peer communities`);
    const a = answerCombo(k % perCommunity, members, prompts[community]!);
    return {
      method: 'POST',
      path: `/api/prompts/${a.promptId}/submissions`,
      headers: json(tokenFor(a.userId), { 'idempotency-key': `peer-${k}` }),
      body: JSON.stringify({ level: a.level, body: answerBody(k), visibility: 'public', anonymous: false }),
    };
  };
}

/** Baseline (c): the same kind of answer on its own prompts, so the two never collide on the write copy. */
export function baselineAnswer(data: BenchData, counter: Counter): () => Req {
  return () => {
    const k = counter.n++;
    const a = answerCombo(k, data.members, data.writePrompts.baseline);
    return {
      method: 'POST',
      path: '/c',
      headers: json(),
      body: JSON.stringify({ ...a, communityId: WRITES_ID, body: answerBody(k) }),
    };
  };
}

/**
 * Kudos: target t = k mod T, giver (k + k div T) mod M, which is one-to-one while gcd(T + 1, M) = 1
 * (20,001 and 10,000 here). An author never encourages their own answer: the next member does.
 */
export function kudos(data: BenchData, counter: Counter): () => Req {
  const targets = data.kudosTargets;
  const members = data.members;
  return () => {
    const k = counter.n++;
    const target = targets[k % targets.length]!;
    let giver = members[(k + Math.floor(k / targets.length)) % members.length]!;
    if (giver === target.authorId) giver = members[(members.indexOf(giver) + 1) % members.length]!;
    return {
      method: 'POST',
      path: `/api/submissions/${target.ref}/kudos`,
      headers: json(tokenFor(giver)),
      body: JSON.stringify({ kind: kinds[k % kinds.length] }),
    };
  };
}

const get = (path: string): Req => ({ method: 'GET', path });

/** The fixed read requests, Kindling's and the baselines' doing the same work. */
export function reads(data: BenchData, deep: DeepPage, now: Date) {
  const { promptId } = data.gallery;
  const week = weekOf(localDay(now, 'UTC'));
  const slug = data.big.slug;
  return {
    a: get('/a'),
    bFirst: get(`/b?prompt=${promptId}&key=${Number.MAX_SAFE_INTEGER}&publicId=~`),
    bDeep: get(`/b?prompt=${promptId}&key=${deep.key}&publicId=${deep.publicId}`),
    dWeek: get(`/d?community=${data.big.id}&period=${week}`),
    dAll: get(`/d?community=${data.big.id}&period=all`),
    healthz: get('/healthz'),
    notFound: get('/api/bench-no-such-route'),
    today: get(`/api/communities/${slug}/today`),
    galleryFirst: get(`/api/prompts/${promptId}/gallery`),
    galleryDeep: get(`/api/prompts/${promptId}/gallery?cursor=${deep.cursor}`),
    // limit=50 so Kindling returns as many rows as baseline (d) reads.
    leaderboardWeek: get(`/api/communities/${slug}/leaderboard?period=week&limit=50`),
    leaderboardAll: get(`/api/communities/${slug}/leaderboard?period=all&limit=50`),
  };
}
