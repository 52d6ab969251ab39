/**
 * What the recognition drain pays per member after a new answer, in-process, on the peer scenario's shape: 60
 * members of a community with a long history each (HISTORY answers over as many days), each posting one more
 * answer through the real app, then one drain over all of them. Alternate rounds fold the new answers into the
 * running badge facts (src/domain/badges/progress.ts), as the app does, or recompute every member in full
 * from their history (the queue row's appended_only cleared), the way every refresh ran before: the baseline
 * of the same run. Target: a fold costs at most a fifth of a full refresh.
 *
 * `npm run bench -- --only=recognition`, or alone: `npx tsx tests/bench/recognition.ts`.
 */
import { eq } from 'drizzle-orm';
import { pathToFileURL } from 'node:url';
import { communities, recognitionQueue, submissions } from '../../db/schema';
import { makeTestApp } from '../helpers/app';
import { openSeries } from '../helpers/bulk-answers';
import { createCommunity, join } from '../helpers/fixtures';

const MEMBERS = 60;
const HISTORY = 150;
const ROUNDS = 8;
const DAY = 86_400_000;

export const RECOGNITION_TARGET_RATIO = 0.2;

export interface RecognitionBench {
  members: number;
  history: number;
  /** Median over its rounds of one drain's time divided by the members it refreshed, in µs. */
  foldUsPerMember: number;
  fullUsPerMember: number;
}

export async function benchRecognition(log: (line: string) => void = console.log): Promise<RecognitionBench> {
  const start = Date.parse('2026-06-01T12:00:00Z');
  const t = await makeTestApp(new Date(start).toISOString());
  try {
    const fac = await t.userToken('fac@example.org', 'Fac');
    const { slug } = await createCommunity(t, fac.token, { slug: 'bench-recognition', name: 'Bench recognition' });
    const [community] = await t.db.select().from(communities).where(eq(communities.slug, slug));
    const members = [];
    for (let i = 0; i < MEMBERS; i++) {
      const m = await t.userToken(`r${i}@example.org`, `R ${i}`);
      await join(t, m.token, slug);
      members.push(m);
    }
    // The history, written straight to the tables (the API would take minutes): one answer a day per member.
    const promptIds = await openSeries(t, { communityId: community!.id, createdBy: fac.userId, prompts: HISTORY + ROUNDS, title: 'Season' });
    for (const m of members) {
      await t.db.insert(submissions).values(
        Array.from({ length: HISTORY }, (_, k) => ({
          promptId: promptIds[k]!, communityId: community!.id, userId: m.userId, level: k % 4 === 0 ? ('hard' as const) : ('easy' as const),
          body: 'A small thing', visibility: 'community' as const, anonymous: k % 5 === 0, points: 1, onTime: true,
          createdAt: start - (HISTORY - k) * DAY,
        })),
      );
    }
    await t.db.insert(recognitionQueue).values(members.map((m) => ({ communityId: community!.id, userId: m.userId, queuedAt: start })));
    await t.settleRecognition();

    const fold: number[] = [];
    const full: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      t.clock.set(new Date(start + round * 3_600_000));
      for (const m of members) {
        const res = await t.call('POST', `/api/prompts/${promptIds[HISTORY + round]}/submissions`, {
          token: m.token,
          body: { level: 'easy', body: 'One more small thing', visibility: 'community', anonymous: false },
        });
        if (res.status !== 201) throw new Error(`answer: ${res.status} ${res.text}`);
      }
      const inFull = round % 2 === 1;
      if (inFull) await t.db.update(recognitionQueue).set({ appendedOnly: false });
      const began = performance.now();
      const refreshed = await t.settleRecognition();
      const usPerMember = ((performance.now() - began) * 1000) / refreshed;
      (inFull ? full : fold).push(usPerMember);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const result = { members: MEMBERS, history: HISTORY, foldUsPerMember: median(fold), fullUsPerMember: median(full) };
    log(`  recognition after an answer, ${MEMBERS} members × ${HISTORY} answers: fold ${result.foldUsPerMember.toFixed(0)} µs a member, full ${result.fullUsPerMember.toFixed(0)} µs (${(result.foldUsPerMember / result.fullUsPerMember).toFixed(2)}×)`);
    return result;
  } finally {
    t.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchRecognition();
