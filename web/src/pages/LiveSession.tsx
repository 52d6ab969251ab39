/**
 * One live session, /c/:slug/live/:id: when and who, a countdown, the calendar and call links, and the answers
 * its community posted during it, the host's named answers marked. Anonymous answers carry no name.
 */
import { LiveSessionCard } from '../components/LiveSessionCard';
import { useI18n } from '../i18n';
import type { LiveSessionPage } from '../lib/api-types';
import { plural } from '../lib/words';

export interface LiveSessionProps {
  community: { slug: string; name: string };
  page: LiveSessionPage;
  /** Facilitators may cancel a session that has not started. */
  canCancel: boolean;
}

export default function LiveSession({ community, page, canCancel }: LiveSessionProps) {
  const { t, lang } = useI18n();
  const { session, answers } = page;
  const base = `/c/${encodeURIComponent(community.slug)}`;
  // Looked up once, not once per answer: a busy office hour has hundreds (tests/bench/live-session.ts).
  const words = { anonymous: t('live.anonymous'), host: ` · ${t('live.hostMark')}`, open: t('live.open') };
  return (
    <>
      <p class="eyebrow">
        <a href={base}>{community.name}</a> · <a href={`${base}/live`}>{t('live.all')}</a>
      </p>
      <LiveSessionCard session={session} slug={community.slug} headingLevel={2} />
      {canCancel && (
        <form method="post" action={`${base}/live/${session.id}/cancel`}>
          <button type="submit" class="secondary">
            {t('live.cancel')}
          </button>
        </form>
      )}
      <h2>{t('live.answers')}</h2>
      <p class="muted">{plural(t, lang, 'live.answerCount', answers.length)}</p>
      <ul class="session-answers">
        {answers.map((a) => (
          <li key={a.id} class={a.byHost ? 'card by-host' : 'card'}>
            <p>{a.body}</p>
            <p class="muted">
              {a.author ?? words.anonymous}
              {a.byHost && <strong class="host-mark">{words.host}</strong>} · <a href={`/a/${a.id}`}>{words.open}</a>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
