/**
 * What is measured, against which server, compared with which baseline, and the target for it.
 * Reads run on the generated file; writes on a copy of it, so every read sees exactly the generated data.
 */
import type { BenchData } from './generate';
import type { DeepPage } from './inprocess';
import type { RequestSource } from './load';
import { baselineAnswer, kudos, peerSubmission, reads, submission, type Counter } from './requests';

export type Synchronous = 'NORMAL' | 'FULL';

export type ServerSpec =
  | { app: 'kindling'; db: 'read' | 'write'; synchronous: Synchronous }
  | { app: 'baseline'; kind: 'a' | 'b' | 'c' | 'd'; db: 'read' | 'write'; synchronous: Synchronous };

export interface Target {
  /** Minimum req/s as a share of this measurement's own baseline. */
  ofBaseline?: number;
  /** Minimum req/s as a share of baseline (a), the HTTP ceiling. */
  ofA?: number;
  maxP99Ms?: number;
}

export interface Measurement {
  id: string;
  label: string;
  server: ServerSpec;
  source: RequestSource;
  /** The id of the baseline measurement it is compared with (baselines have none). */
  baseline?: string;
  /** The status every response must have; any 2xx when absent. */
  expect?: number;
  /** Sends the same kind of request as that measurement, so the plan check covers it already. */
  sameRequestAs?: string;
  /**
   * The (a) its ×(a) is taken against: (a) measured in its own phase, between its own rounds. The write phases
   * run minutes after (a)'s, and this machine's speed moved (a) by a third within the hour.
   */
  ofAFrom?: string;
  target?: Target;
}

const READ = { db: 'read', synchronous: 'NORMAL' } as const;
const kindlingRead: ServerSpec = { app: 'kindling', ...READ };
const kindlingWrite = (synchronous: Synchronous): ServerSpec => ({ app: 'kindling', db: 'write', synchronous });
const baseline = (kind: 'a' | 'b' | 'd'): ServerSpec => ({ app: 'baseline', kind, ...READ });
const baselineWrite = (synchronous: Synchronous): ServerSpec => ({ app: 'baseline', kind: 'c', db: 'write', synchronous });
/** (a) in a write phase: it touches no database, the spec only places it among that phase's servers. */
const baselineABeside = (synchronous: Synchronous): ServerSpec => ({ app: 'baseline', kind: 'a', db: 'write', synchronous });

const GALLERY: Target = { ofBaseline: 0.8, maxP99Ms: 10 };
const LEADERBOARD: Target = { ofA: 0.15, maxP99Ms: 5 };
const SUBMISSION: Target = { ofBaseline: 0.6, ofA: 0.035, maxP99Ms: 20 };

/** Counters shared by the runs of one family, so NORMAL and FULL (and the plan check) never reuse a triple. */
export interface Counters {
  submission: Counter;
  peer: Counter;
  baselineAnswer: Counter;
  kudos: Counter;
}

export function newCounters(): Counters {
  return { submission: { n: 0 }, peer: { n: 0 }, baselineAnswer: { n: 0 }, kudos: { n: 0 } };
}

/** In run order: servers are started once per consecutive group with the same spec. */
export function measurements(data: BenchData, deep: DeepPage, now: Date, counters: Counters): Measurement[] {
  const r = reads(data, deep, now);
  const fixed = (req: (typeof r)[keyof typeof r]) => ({ fixed: req });
  return [
    { id: 'a', label: '(a) constant JSON', server: baseline('a'), source: fixed(r.a) },
    { id: 'b-first', label: '(b) keyset SELECT, first page', server: baseline('b'), source: fixed(r.bFirst) },
    { id: 'b-deep', label: '(b) keyset SELECT, deep page', server: baseline('b'), source: fixed(r.bDeep) },
    { id: 'd-week', label: '(d) top 50 scores, week', server: baseline('d'), source: fixed(r.dWeek) },
    { id: 'd-all', label: '(d) top 50 scores, all time', server: baseline('d'), source: fixed(r.dAll) },

    // Diagnostic, no target: the whole middleware stack without any query, to split /healthz's cost.
    { id: 'notfound', label: 'GET unknown path → 404 (no query)', server: kindlingRead, source: fixed(r.notFound), baseline: 'a', expect: 404 },
    { id: 'healthz', label: 'GET /healthz (full middleware)', server: kindlingRead, source: fixed(r.healthz), baseline: 'a', target: { ofA: 0.85 } },
    { id: 'today', label: 'GET today (big community)', server: kindlingRead, source: fixed(r.today), baseline: 'b-first' },
    { id: 'gallery-first', label: 'GET gallery, first page', server: kindlingRead, source: fixed(r.galleryFirst), baseline: 'b-first', target: GALLERY },
    { id: 'gallery-deep', label: 'GET gallery, deep cursor', server: kindlingRead, source: fixed(r.galleryDeep), baseline: 'b-deep', target: GALLERY },
    { id: 'leaderboard-week', label: 'GET leaderboard week (10k members)', server: kindlingRead, source: fixed(r.leaderboardWeek), baseline: 'd-week', target: LEADERBOARD },
    { id: 'leaderboard-all', label: 'GET leaderboard all (10k members)', server: kindlingRead, source: fixed(r.leaderboardAll), baseline: 'd-all', target: LEADERBOARD },

    { id: 'a-normal', label: '(a) constant JSON, beside the NORMAL writes', server: baselineABeside('NORMAL'), source: fixed(r.a), baseline: 'a' },
    { id: 'c-normal', label: '(c) answer+ledger+score batch, NORMAL', server: baselineWrite('NORMAL'), source: { next: baselineAnswer(data, counters.baselineAnswer) }, ofAFrom: 'a-normal' },
    { id: 'submit-normal', label: 'POST submission, synchronous=NORMAL', server: kindlingWrite('NORMAL'), source: { next: submission(data, counters.submission) }, baseline: 'c-normal', ofAFrom: 'a-normal', target: SUBMISSION },
    // Issue 16: the peer comparison's exact shape (rCTF, the fastest peer measured, reached 0.025×(a)).
    { id: 'peer-answers', label: 'POST answer, 60 members × 90 prompts', server: kindlingWrite('NORMAL'), source: { next: peerSubmission(data, counters.peer) }, baseline: 'a-normal', ofAFrom: 'a-normal', target: { ofA: 0.035, maxP99Ms: 20 } },
    { id: 'kudos', label: 'POST kudos, synchronous=NORMAL', server: kindlingWrite('NORMAL'), source: { next: kudos(data, counters.kudos) }, baseline: 'c-normal', ofAFrom: 'a-normal' },
    { id: 'a-full', label: '(a) constant JSON, beside the FULL writes', server: baselineABeside('FULL'), source: fixed(r.a), baseline: 'a' },
    { id: 'c-full', label: '(c) answer+ledger+score batch, FULL', server: baselineWrite('FULL'), source: { next: baselineAnswer(data, counters.baselineAnswer) }, ofAFrom: 'a-full' },
    { id: 'submit-full', label: 'POST submission, synchronous=FULL', server: kindlingWrite('FULL'), source: { next: submission(data, counters.submission) }, baseline: 'c-full', ofAFrom: 'a-full', target: SUBMISSION, sameRequestAs: 'submit-normal' },
  ];
}
