/**
 * Every rate limit Kindling applies, in one table: how many hits a subject gets per fixed window. Answers,
 * kudos, uploads and reports count per member (many members can share one IP: a school, an office, the
 * bench); sign-in links count per address and per IP, since nobody is signed in yet.
 */

export type LimitSubject = 'member' | 'ip' | 'address';

export interface LimitRule {
  max: number;
  windowSeconds: number;
  by: LimitSubject;
}

export const LIMITS = {
  answers: { max: 30, windowSeconds: 60, by: 'member' },
  kudos: { max: 120, windowSeconds: 60, by: 'member' },
  uploads: { max: 30, windowSeconds: 3600, by: 'member' },
  reports: { max: 20, windowSeconds: 3600, by: 'member' },
  // Encouragement notes and their replies (issue 15): a member writing to others, like answers, but slower.
  notes: { max: 30, windowSeconds: 3600, by: 'member' },
  signInPerAddress: { max: 5, windowSeconds: 3600, by: 'address' },
  signInPerIp: { max: 30, windowSeconds: 3600, by: 'ip' },
  // Drawing an answer's Open Graph card costs ~45 ms of CPU: preview bots fetch a few, a loop over ids many.
  cardsPerIp: { max: 120, windowSeconds: 60, by: 'ip' },
  /** Help prompts and their answers (issue 15): what a member sends to the whole community. */
  helpPosts: { max: 10, windowSeconds: 3600, by: 'member' },
  // What a steward sends to facilitators (issue 14): generous for a network of fifty, bounded for a stolen token.
  stewardNotes: { max: 60, windowSeconds: 3600, by: 'member' },
  seriesOffers: { max: 60, windowSeconds: 3600, by: 'member' },
} as const satisfies Record<string, LimitRule>;

export type LimitName = keyof typeof LIMITS;
export type LimitTable = Record<LimitName, LimitRule>;
/** What configuration may change: the numbers, never who a limit counts. */
export type LimitOverrides = Partial<Record<LimitName, { max: number; windowSeconds: number }>>;

export const isLimitName = (name: string): name is LimitName => Object.hasOwn(LIMITS, name);

/** The table with a deployment's overrides (RATE_LIMITS) applied. */
export function limitTable(overrides: LimitOverrides = {}): LimitTable {
  const table = { ...LIMITS } as LimitTable;
  for (const [name, o] of Object.entries(overrides) as [LimitName, { max: number; windowSeconds: number }][]) {
    table[name] = { ...LIMITS[name], ...o };
  }
  return table;
}

/**
 * Parses `name=max/seconds` pairs separated by commas (`answers=60/60,signInPerIp=100/3600`); returns the
 * overrides, or a message naming the first bad pair.
 */
export function parseLimitOverrides(text: string): LimitOverrides | string {
  const overrides: LimitOverrides = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]+)=(\d{1,9})\/(\d{1,7})$/.exec(pair);
    if (!m || !isLimitName(m[1]!)) return `"${pair}" is not name=max/seconds with a name of ${Object.keys(LIMITS).join(', ')}`;
    const [max, windowSeconds] = [Number(m[2]), Number(m[3])];
    if (max < 1 || windowSeconds < 1) return `"${pair}" needs a max and a window of at least 1`;
    overrides[m[1]] = { max, windowSeconds };
  }
  return overrides;
}
