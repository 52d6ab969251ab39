/** The answers of one community, with their ledger rows and kudos: most of the generated rows. */
import type { Transaction } from '@libsql/client';
import { ON_TIME_BONUS } from '../../src/domain/answers/submissions';
import { weekOf } from '../../src/domain/time';
import { answerText, dayOf } from './content';
import type { PlannedCommunity } from './population';
import type { Rng } from './rng';
import { TableWriter } from './writer';

/**
 * A public id that looks random (the gallery orders ties by it) yet is the same on every run, and unique: its
 * last 8 hex digits are the id itself. Computed, not drawn from the rng, so the rest of the data set is unchanged.
 */
function publicIdFor(id: number): string {
  const mix = (k: number) => {
    let h = Math.imul(id ^ Math.imul(k, 0x9e3779b9), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
  };
  return mix(1) + mix(2) + mix(3) + (id >>> 0).toString(16).padStart(8, '0');
}

export const POINTS = { easy: 1, hard: 3 } as const;
const HOUR = 3_600_000;
const kinds = ['applause', 'learned', 'relate'] as const;

export interface OpenedPrompt {
  id: number;
  opensOn: string;
  opensAt: number;
}

/**
 * Spreads `total` answers over the opened prompts (random weights), each by a distinct (member, level),
 * mostly on the prompt's own day, some late; one ledger row per answer and a few kudos from other members.
 * Returns the prompt with the most answers.
 */
export async function writeAnswers(
  tx: Transaction,
  c: PlannedCommunity,
  opened: OpenedPrompt[],
  total: number,
  ids: { submission: number },
  rng: Rng,
  now: Date,
) {
  const submissions = new TableWriter(tx, 'submissions', [
    'id', 'prompt_id', 'community_id', 'user_id', 'level', 'body', 'link', 'visibility', 'anonymous', 'points', 'on_time', 'created_at',
    'public_id',
  ]);
  const ledger = new TableWriter(tx, 'points_ledger', [
    'id', 'community_id', 'user_id', 'submission_id', 'reason', 'delta', 'listed', 'week_of', 'created_at',
  ]);
  const kudos = new TableWriter(tx, 'kudos', ['submission_id', 'user_id', 'kind', 'created_at'], 'ON CONFLICT DO NOTHING');
  const n = c.members.length;
  const latest = now.getTime() - 1_000;
  const weights = opened.map(() => 0.5 + rng.next());
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let busiest = { promptId: 0, answers: 0 };

  for (const [i, p] of opened.entries()) {
    // At most three quarters of the (member, level) pairs, so the rejection draw below stays fast.
    const count = Math.min(Math.floor(1.5 * n), Math.round((total * weights[i]!) / weightSum));
    const taken = new Uint8Array(n);
    const answers: { member: number; hard: boolean; at: number }[] = [];
    while (answers.length < count) {
      const m = rng.int(n);
      let level = rng.chance(0.3) ? 2 : 1;
      if (taken[m]! & level) level ^= 3;
      if (taken[m]! & level) continue;
      taken[m]! |= level;
      const delay = rng.chance(0.75) ? rng.next() * 20 * HOUR : 20 * HOUR + rng.next() * 5 * 24 * HOUR;
      const at = Math.floor(p.opensAt + delay <= latest ? p.opensAt + delay : p.opensAt + rng.next() * (latest - p.opensAt));
      answers.push({ member: m, hard: level === 2, at });
    }
    answers.sort((a, b) => a.at - b.at);
    if (count > busiest.answers) busiest = { promptId: p.id, answers: count };

    for (const a of answers) {
      const id = ++ids.submission;
      const userId = c.members[a.member]!;
      const day = dayOf(a.at, c.timeZone, c.dayStartHour);
      const onTime = day === p.opensOn;
      const points = (a.hard ? POINTS.hard : POINTS.easy) + (onTime ? ON_TIME_BONUS : 0);
      const r = rng.next();
      const visibility = r < 0.65 ? 'public' : r < 0.95 ? 'community' : 'facilitators';
      const anonymous = rng.chance(0.1);
      const link = rng.chance(0.1) ? `https://example.org/work/${id}` : null;
      await submissions.add(id, p.id, c.id, userId, a.hard ? 'hard' : 'easy', answerText(rng), link, visibility, anonymous ? 1 : 0, points, onTime ? 1 : 0, a.at, publicIdFor(id));
      await ledger.add(id, c.id, userId, id, 'answer', points, anonymous ? 0 : 1, weekOf(day), a.at);
      const given = r < 0.6 ? 0 : r < 0.85 ? 1 : r < 0.95 ? 2 : 3;
      for (let k = 0; k < given; k++) {
        const giver = c.members[rng.int(n)]!;
        if (giver !== userId) await kudos.add(id, giver, rng.pick(kinds), Math.min(latest, a.at + rng.int(12 * HOUR)));
      }
    }
  }
  await submissions.flush();
  await ledger.flush();
  await kudos.flush();
  return busiest;
}
