/**
 * The calendar rule the series editor previews with, shared with web/ from here so the pages take nothing
 * from src/domain directly: the preview calls the very rule the server schedules with (one copy of it).
 */
import { openingDays, type Cadence } from '../domain/series/schedule';
import { isSupportedDay } from '../domain/time';

export type { Cadence };

/** Opening days for a draft, or null while its start date is not a date the server would schedule from. */
export function previewOpeningDays(startDate: string, cadence: Cadence, count: number): string[] | null {
  if (!isSupportedDay(startDate) || count === 0) return null;
  try {
    return openingDays(startDate, cadence, count);
  } catch {
    return null; // the series would run past the last supported day: the server says so on submit
  }
}
