/**
 * A brute-force weekly rhythm, written apart from src/domain (its own local-day and week arithmetic, and runs
 * found by trying every span of weeks) so the property tests compare two independent readings of the rules.
 */
const DAY_MS = 86_400_000;

/** The community day of an instant: the local calendar date, or the one before while it is before the start hour. */
export function bruteLocalDay(instant: number, timeZone: string, dayStartHour: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const midnight = Date.UTC(get('year'), get('month') - 1, get('day'));
  return new Date(get('hour') < dayStartHour ? midnight - DAY_MS : midnight).toISOString().slice(0, 10);
}

export function bruteMonday(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  const sinceMonday = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

const plusWeeks = (monday: string, n: number) => new Date(Date.parse(`${monday}T00:00:00Z`) + n * 7 * DAY_MS).toISOString().slice(0, 10);

export interface BruteInput {
  /** Instants at which the answers that still exist were posted. */
  instants: number[];
  timeZone: string;
  dayStartHour: number;
  /** Mondays. */
  rest: string[];
  /** Each applies from its Monday on; the latest one not after a week wins. */
  goals: { weekOf: string; goal: number }[];
  now: number;
}

export function bruteRhythm(input: BruteInput) {
  const today = bruteLocalDay(input.now, input.timeZone, input.dayStartHour);
  const current = bruteMonday(today);
  const days = new Set(input.instants.map((t) => bruteLocalDay(t, input.timeZone, input.dayStartHour)));
  const goalIn = (week: string) =>
    input.goals.filter((g) => g.weekOf <= week).sort((a, b) => (a.weekOf < b.weekOf ? -1 : 1)).at(-1)?.goal ?? 3;
  const daysIn = (week: string) => [...days].filter((d) => d <= today && bruteMonday(d) === week).length;

  // Every week from well before the first answer: weeks with nothing met cannot change any run.
  const earliest = [...days].sort()[0] ?? today;
  const weeks: string[] = [];
  for (let w = plusWeeks(bruteMonday(earliest), -2); w <= current; w = plusWeeks(w, 1)) weeks.push(w);
  const status = weeks.map((w) => {
    if (daysIn(w) >= goalIn(w)) return 'met';
    if (w === current || input.rest.includes(w)) return 'bridge';
    return 'missed';
  });
  const metIn = (i: number, j: number) => {
    let n = 0;
    for (let k = i; k <= j; k++) {
      if (status[k] === 'missed') return -1;
      if (status[k] === 'met') n++;
    }
    return n;
  };
  let longest = 0;
  let currentRun = 0;
  for (let i = 0; i < weeks.length; i++) {
    for (let j = i; j < weeks.length; j++) longest = Math.max(longest, metIn(i, j));
    if (metIn(i, weeks.length - 1) >= 0) currentRun = Math.max(currentRun, metIn(i, weeks.length - 1));
  }
  const n = daysIn(current);
  const goal = goalIn(current);
  return {
    currentRun,
    longestRun: longest,
    thisWeek: { weekOf: current, days: n, goal, met: n >= goal, rest: input.rest.includes(current) },
  };
}
