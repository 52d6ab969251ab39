/** Which local day each prompt of a series opens: pure calendar rules, no database. */
import { invalidField } from '../errors';
import { addDays, LAST_DAY, weekdayIndex } from '../time';

/** weekly: one prompt a week, for Kindling's own series only (the facilitators' circle); the API offers the other two. */
export type Cadence = 'daily' | 'weekdays' | 'weekly';

/** How many days the prompts of a series stay answerable after the last one opens ("late is fine"). */
export const LATE_WINDOW_DAYS = 7;

/** `day`, or the Monday after it when the cadence skips weekends: at most two days later. */
function nextOpeningDay(day: string, cadence: Cadence): string {
  if (cadence !== 'weekdays') return day;
  const weekday = weekdayIndex(day);
  return weekday >= 5 ? addDays(day, 7 - weekday) : day;
}

/**
 * `count` opening days from `from` (inclusive): every day, or Monday to Friday only. A schedule that
 * would run past LAST_DAY is refused (400 on startDate), so no prompt opens on a day nobody may name.
 */
export function openingDays(from: string, cadence: Cadence, count: number): string[] {
  const days: string[] = [];
  let d = nextOpeningDay(from, cadence);
  // One day per prompt, each strictly after the last: the loop runs `count` times, whatever the dates.
  for (let i = 0; i < count; i++) {
    if (d > LAST_DAY || (i > 0 && d <= days[i - 1]!)) {
      throw invalidField('startDate', `the series would run past ${LAST_DAY}`);
    }
    days.push(d);
    if (i + 1 < count) d = nextOpeningDay(addDays(d, cadence === 'weekly' ? 7 : 1), cadence);
  }
  return days;
}

/** The local day on which a series stops taking answers (its late window has passed). */
export function closingDay(lastOpensOn: string): string {
  return addDays(lastOpensOn, LATE_WINDOW_DAYS + 1);
}
