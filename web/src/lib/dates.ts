/** Dates shown to people, in their language. Server and client get the same `now`, so hydration matches. */
import type { Lang } from '../i18n';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", "yesterday", "now": the largest whole unit between `iso` and `nowIso`. */
export function relativeTime(iso: string, nowIso: string, lang: Lang): string {
  const seconds = Math.round((Date.parse(iso) - Date.parse(nowIso)) / 1000);
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/**
 * The one way a page writes a date. Days come from the server already in the community's time (instants are
 * turned into community days there, by the rule the today page uses), so every date on every page agrees with
 * "Today is …". Every style uses one day-month order per language (en-GB, fr-FR), whatever the browser's region,
 * so English never switches to the US "Fri, Dec 4" on one page and "Friday 4 December" on another.
 */
const DAY_STYLES = {
  /** "Tuesday 3 March 2026" */
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  /** "Tue 3 Mar" */
  short: { weekday: 'short', day: 'numeric', month: 'short' },
  /** "Monday 2 March" / "lundi 2 mars" */
  dayMonth: { weekday: 'long', day: 'numeric', month: 'long' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const LOCALES: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };

/** A calendar day ('YYYY-MM-DD', already local to the community) in words; an unparseable day is shown as is. */
export function formatDay(day: string, lang: Lang, style: keyof typeof DAY_STYLES = 'long'): string {
  // Noon UTC of that day, formatted in UTC: the same calendar day in every runtime's own zone.
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return dayFormat(lang, style).format(date);
}

/** Building an Intl.DateTimeFormat costs far more than using one: a page of many dates builds each style once. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(lang: Lang, style: keyof typeof DAY_STYLES): Intl.DateTimeFormat {
  const key = `${lang}/${style}`;
  let format = dayFormats.get(key);
  if (!format) dayFormats.set(key, (format = new Intl.DateTimeFormat(LOCALES[lang], { ...DAY_STYLES[style], timeZone: 'UTC' })));
  return format;
}
