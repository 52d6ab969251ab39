/**
 * "Who can help" (/c/:slug/helpers): members who opted in to be asked, with their own topics and the practice
 * areas of their named answers, searchable by a plain GET form; and, for the viewer, their own "ask me about"
 * settings, notes on or off, and whom they blocked. Every form works without JavaScript.
 */
import { useI18n } from '../i18n';
import { plural } from '../lib/words';

interface Area {
  label: string;
  namedAnswers: number;
}

export interface HelpersProps {
  community: { slug: string; name: string };
  q: string;
  /** Null when the viewer is not a member (they are asked to join first). */
  helpers: { userId: number; name: string; topics: string[]; practiceAreas: Area[] }[] | null;
  mine: {
    askOptIn: boolean;
    topics: string[];
    notesOff: boolean;
    practiceAreas: Area[];
    blocked: { userId: number; name: string }[];
    notesGiven: { sent: number; markedHelpful: number };
  } | null;
  saved: boolean;
}

export default function Helpers({ community, q, helpers, mine, saved }: HelpersProps) {
  const { t, lang } = useI18n();
  const base = `/c/${encodeURIComponent(community.slug)}/helpers`;
  const areaText = (a: Area) => plural(t, lang, 'helpers.namedAnswers', a.namedAnswers, { label: a.label });
  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${encodeURIComponent(community.slug)}`}>{community.name}</a>
      </p>
      <h1>{t('helpers.title', { community: community.name })}</h1>
      <p class="lede">{t('helpers.lede')}</p>
      {helpers === null ? (
        <p class="notice">{t('helpers.joinFirst')}</p>
      ) : (
        <>
          <form method="get" action={base} class="filters" role="search">
            <label for="helpers-q">{t('helpers.search')}</label>
            <input id="helpers-q" name="q" type="search" value={q} maxLength={60} />
            <button type="submit" class="secondary">
              {t('helpers.searchButton')}
            </button>
          </form>
          {helpers.length === 0 ? (
            <p class="empty">{q ? t('helpers.noMatch', { q }) : t('helpers.none')}</p>
          ) : (
            <ul class="cards" id="helpers">
              {helpers.map((h) => (
                <li class="card" key={h.userId}>
                  <h2 class="small-heading">{h.name}</h2>
                  {h.topics.length > 0 && (
                    <p>
                      {t('helpers.topics')}: {h.topics.join(', ')}
                    </p>
                  )}
                  {h.practiceAreas.length > 0 && (
                    <p class="hint">
                      {t('helpers.areas')}: {h.practiceAreas.map(areaText).join(', ')}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {mine && (
        <section class="card" aria-labelledby="mine-heading" id="mine">
          <h2 id="mine-heading">{t('helpers.mine')}</h2>
          {saved && (
            <p class="status ok" role="status">
              {t('helpers.saved')}
            </p>
          )}
          <form method="post" action={`${base}/settings`}>
            <div class="choice">
              <input type="checkbox" id="ask-opt-in" name="askOptIn" value="on" checked={mine.askOptIn} />
              <label for="ask-opt-in">{t('helpers.optIn')}</label>
            </div>
            <p class="hint">{t('helpers.optInHint')}</p>
            <label for="ask-topics">{t('helpers.myTopics')}</label>
            <textarea id="ask-topics" name="topics" rows={5} maxLength={400}>
              {mine.topics.join('\n')}
            </textarea>
            <p class="hint">
              {mine.practiceAreas.length > 0 ? t('helpers.myAreas', { areas: mine.practiceAreas.map(areaText).join(', ') }) : t('helpers.noAreas')}
            </p>
            <div class="choice">
              <input type="checkbox" id="notes-off" name="notesOff" value="on" checked={mine.notesOff} />
              <label for="notes-off">{t('helpers.notesOff')}</label>
            </div>
            <p class="form-actions">
              <button type="submit">{t('helpers.save')}</button>
            </p>
          </form>
          {mine.notesGiven.sent > 0 && (
            <p class="hint" id="notes-given">
              {plural(t, lang, 'helpers.notesGiven', mine.notesGiven.sent)}. {plural(t, lang, 'helpers.notesHelpful', mine.notesGiven.markedHelpful)}
            </p>
          )}
          {mine.blocked.length > 0 && (
            <>
              <h3 class="small-heading">{t('helpers.blocked')}</h3>
              <ul class="plain-list">
                {mine.blocked.map((b) => (
                  <li key={b.userId}>
                    <form method="post" action={`${base}/unblock`}>
                      <input type="hidden" name="userId" value={b.userId} />
                      <button type="submit" class="small secondary">
                        {t('helpers.unblock', { name: b.name })}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </>
  );
}
