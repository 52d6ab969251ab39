/** One live session: what, when on the community's clock, who hosts, time left, and where to go. */
import { useI18n } from '../i18n';
import type { LiveSession } from '../lib/api-types';
import { formatDay } from '../lib/dates';
import { Countdown } from './Countdown';

export function LiveSessionCard({ session: s, slug, headingLevel = 3 }: { session: LiveSession; slug: string; headingLevel?: 2 | 3 }) {
  const { t, lang } = useI18n();
  const page = `/c/${encodeURIComponent(slug)}/live/${s.id}`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class={`card live-session live-${s.state}`}>
      <p class="eyebrow">{t(s.kind === 'sprint' ? 'live.kind.sprint' : 'live.kind.office_hour')}</p>
      <Heading>
        <a href={page}>{s.title}</a>
      </Heading>
      <p>
        <time dateTime={s.startsAt}>
          {t('live.when', { day: formatDay(s.local.day, lang, 'dayMonth'), time: s.local.time, end: s.local.endTime, zone: s.local.timeZone })}
        </time>
        {s.host.name && ` · ${t('live.host', { name: s.host.name })}`}
      </p>
      {s.state === 'upcoming' && <Countdown seconds={s.secondsLeft} until="start" />}
      {s.state === 'live' && (
        <p class="status ok">
          {t('live.now')} <Countdown seconds={s.secondsLeft} until="end" />
        </p>
      )}
      {s.prompt && s.state !== 'ended' && <p class="live-prompt">{s.prompt}</p>}
      {s.promptId !== null && s.state === 'live' && (
        <p>
          <a class="button" href={`/c/${encodeURIComponent(slug)}?prompt=${s.promptId}#answer`}>
            {t('live.answerPrompt')}
          </a>
        </p>
      )}
      <p class="links">
        {s.state !== 'ended' && <a href={`${page}/session.ics`}>{t('live.addToCalendar')}</a>}
        {s.callUrl && s.state !== 'ended' && (
          <>
            {' · '}
            <a href={s.callUrl} rel="noopener noreferrer">
              {t('live.joinCall')}
            </a>
          </>
        )}
      </p>
    </article>
  );
}
