/**
 * Time left until a session starts or ends. The server writes it (right without JavaScript, as of the page's
 * render); once hydrated it ticks each second from the same figure. Not a live region: it would speak every second.
 */
import { useEffect, useState } from 'preact/hooks';
import { useI18n, type Translate } from '../i18n';
import type { Lang } from '../i18n';
import { plural } from '../lib/words';

/** "3 days", "2 h 05 min", "4 min", "30 s". */
export function durationWords(t: Translate, lang: Lang, seconds: number): string {
  if (seconds >= 2 * 86_400) return plural(t, lang, 'live.days', Math.floor(seconds / 86_400));
  if (seconds >= 3_600) {
    const m = Math.floor((seconds % 3_600) / 60);
    return t('live.hoursMinutes', { h: Math.floor(seconds / 3_600), m: String(m).padStart(2, '0') });
  }
  if (seconds >= 60) return t('live.minutes', { m: Math.ceil(seconds / 60) });
  return t('live.seconds', { s: seconds });
}

export function Countdown({ seconds, until }: { seconds: number; until: 'start' | 'end' }) {
  const { t, lang } = useI18n();
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const endsAt = Date.now() + seconds * 1000;
    const timer = setInterval(() => setLeft(Math.max(0, Math.ceil((endsAt - Date.now()) / 1000))), 1000);
    return () => clearInterval(timer);
  }, [seconds]);
  const time = durationWords(t, lang, left);
  return <span class="countdown">{t(until === 'start' ? 'live.startsIn' : 'live.endsIn', { time })}</span>;
}
