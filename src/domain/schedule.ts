/** Which local day each prompt of a series opens: pure calendar rules, no database. */
import { addDays, weekdayIndex } from './time';

export type Cadence = 'daily' | 'weekdays';

/** How many days the prompts of a series stay answerable after the last one opens ("late is fine"). */
export const LATE_WINDOW_DAYS = 7;

function nextOpeningDay(day: string, cadence: Cadence): string {
  let d = day;
  while (cadence === 'weekdays' && weekdayIndex(d) >= 5) d = addDays(d, 1);
  return d;
}

/** `count` opening days from `from` (inclusive): every day, or Monday to Friday only. */
export function openingDays(from: string, cadence: Cadence, count: number): string[] {
  const days: string[] = [];
  let d = nextOpeningDay(from, cadence);
  while (days.length < count) {
    days.push(d);
    d = nextOpeningDay(addDays(d, 1), cadence);
  }
  return days;
}

/** The local day on which a series stops taking answers (its late window has passed). */
export function closingDay(lastOpensOn: string): string {
  return addDays(lastOpensOn, LATE_WINDOW_DAYS + 1);
}
