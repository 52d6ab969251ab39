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

/** A full date and time for a tooltip or a `<time>` title. */
export function fullDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));
}

const DAY_STYLES: Record<'long' | 'short' | 'dayMonth', { locales: (lang: Lang) => string; options: Intl.DateTimeFormatOptions }> = {
  /** "Tuesday 3 March 2026" */
  long: { locales: (lang) => lang, options: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } },
  /** "Tue 3 Mar" */
  short: { locales: (lang) => lang, options: { weekday: 'short', day: 'numeric', month: 'short' } },
  /** "Monday 2 March" / "lundi 2 mars": the day-month order people expect, whatever the browser's region. */
  dayMonth: { locales: (lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB'), options: { weekday: 'long', day: 'numeric', month: 'long' } },
};

/** A calendar day ('YYYY-MM-DD', already local to the community) in words; an unparseable day is shown as is. */
export function formatDay(day: string, lang: Lang, style: keyof typeof DAY_STYLES = 'long'): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const { locales, options } = DAY_STYLES[style];
  return new Intl.DateTimeFormat(locales(lang), { ...options, timeZone: 'UTC' }).format(date);
}
