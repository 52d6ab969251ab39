import type { Lang } from '../i18n';

/** A community's local day (YYYY-MM-DD) in words, e.g. "Monday 2 March" / "lundi 2 mars". */
export function formatDay(day: string, lang: Lang): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(date);
}
