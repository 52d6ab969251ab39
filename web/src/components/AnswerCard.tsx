/**
 * One answer as a card: who (or "A member"), level, when, a spotlight and its note, the text, its picture
 * and link, kudos, permalink.
 */
import { useI18n } from '../i18n';
import type { GalleryItem, KudosKind } from '../lib/api-types';
import { relativeTime } from '../lib/dates';
import { KudosButtons, type KudosMode } from './KudosButtons';
import { shownName } from '../lib/names';

export interface AnswerCardProps {
  item: GalleryItem;
  /** The server's "now", so relative dates render the same on the server and in the browser. */
  now: string;
  kudosMode: KudosMode;
  given: KudosKind[];
  returnTo: string;
  joinHref: string;
  /** Off on the permalink page itself. */
  permalink?: boolean;
  /**
   * The first card of a page: its picture is likely the largest thing in the first screen, so it loads at
   * once and first; the others wait until they are scrolled near (their width and height keep the space).
   */
  priority?: boolean;
}

/** The link as people read it: host and path, without the scheme. */
function shortLink(href: string): string {
  try {
    const url = new URL(href);
    const text = url.host + (url.pathname === '/' ? '' : url.pathname);
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  } catch {
    return href;
  }
}

export function AnswerCard({ item, now, kudosMode, given, returnTo, joinHref, permalink = true, priority = false }: AnswerCardProps) {
  const { t, lang } = useI18n();
  const by = item.author ? shownName(item.author.name, t) : t('gallery.anonymous');
  const headingId = `answer-${item.id}-by`;
  return (
    <article class={`card answer${item.spotlight ? ' spotlit' : ''}`} id={`answer-${item.id}`} tabIndex={-1} aria-labelledby={headingId}>
      <header class="answer-head">
        <h2 class="answer-by" id={headingId}>
          {by}
        </h2>
        <p class="answer-meta">
          <span class={`level level-${item.level}`}>{t(item.level === 'easy' ? 'level.easy' : 'level.hard')}</span>
          <time dateTime={item.createdAt}>{relativeTime(item.createdAt, now, lang)}</time>
        </p>
        {item.anonymous && <p class="hint">{t('gallery.anonymousToOthers')}</p>}
        {item.mine && <p class="mine">{t('gallery.mine')}</p>}
        {item.hidden && <p class="hint">{t('moderation.hiddenMark')}</p>}
        {item.spotlight && (
          <p class="spotlight">
            <strong>{t('gallery.spotlight')}</strong>
            {item.spotlight.note && <span class="spotlight-note"> {item.spotlight.note}</span>}
          </p>
        )}
      </header>
      {item.body && <p class="answer-body">{item.body}</p>}
      {item.image && (
        <img
          class="answer-image"
          src={item.image.url}
          width={item.image.width}
          height={item.image.height}
          alt={t('answer.imageAlt', { name: by })}
          loading={priority ? 'eager' : 'lazy'}
          fetchpriority={priority ? 'high' : undefined}
          decoding="async"
        />
      )}
      {item.link && (
        <p class="answer-link">
          <a href={item.link} rel="nofollow ugc noopener noreferrer">
            {shortLink(item.link)}
          </a>
        </p>
      )}
      <KudosButtons
        answerId={item.id}
        counts={item.kudos}
        given={given}
        mode={kudosMode}
        returnTo={returnTo}
        joinHref={joinHref}
      />
      {permalink && (
        <p class="answer-permalink">
          <a href={`/a/${item.id}`} aria-describedby={headingId}>
            {t('gallery.permalink')}
          </a>
          {/* Members may report others' answers; the form is on the answer's own page. */}
          {kudosMode === 'give' && (
            <>
              {' · '}
              <a href={`/a/${item.id}#report`} aria-describedby={headingId}>
                {t('report.summary')}
              </a>
            </>
          )}
        </p>
      )}
    </article>
  );
}
