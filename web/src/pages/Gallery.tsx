/**
 * A prompt's gallery. The server sends the first page of answers in the HTML; the level filter and "load
 * more" are plain links that work without JavaScript, and fetch through the typed client once hydrated.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { AnswerCard } from '../components/AnswerCard';
import { FacilitatorMenu, type FacilitatorLinks } from '../components/FacilitatorMenu';
import type { KudosMode } from '../components/KudosButtons';
import { useI18n } from '../i18n';
import { plural } from '../lib/words';
import type { GalleryItem, GalleryPage, KudosKind } from '../lib/api-types';

type Level = 'easy' | 'hard';

export interface GalleryProps {
  community: { slug: string; name: string };
  prompt: { id: number; easy: { text: string; points: number }; hard: { text: string; points: number } };
  level: Level | null;
  /** True when this page starts after a cursor (the no-JavaScript "load more"). */
  paged: boolean;
  page: GalleryPage;
  /** Kinds of kudos the viewer already gave, by answer id (sequential, or public for anonymous answers). */
  given: Record<string, KudosKind[]>;
  /** signedOut and visitor see counts only; member can encourage others' answers. */
  access: 'signedOut' | 'visitor' | 'member';
  now: string;
  /** Facilitators only: their menu's links. */
  facilitator?: FacilitatorLinks | null;
}

const levelFromUrl = (): Level | null => {
  const level = new URLSearchParams(location.search).get('level');
  return level === 'easy' || level === 'hard' ? level : null;
};

export default function Gallery(props: GalleryProps) {
  const { community, prompt, access, now } = props;
  const { t, lang } = useI18n();
  const [level, setLevel] = useState(props.level);
  const [items, setItems] = useState<GalleryItem[]>(props.page.items);
  const [nextCursor, setNextCursor] = useState(props.page.nextCursor);
  const [paged, setPaged] = useState(props.paged);
  const [loading, setLoading] = useState(false);
  const [status, setStatus] = useState('');
  const [focusId, setFocusId] = useState<number | string | null>(null);

  const base = `/c/${community.slug}/p/${prompt.id}`;
  const hrefFor = (l: Level | null, cursor?: string) => {
    const q = new URLSearchParams();
    if (l) q.set('level', l);
    if (cursor) q.set('cursor', cursor);
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const levelLabel = (l: Level | null) => t(l === 'easy' ? 'level.easy' : l === 'hard' ? 'level.hard' : 'gallery.all');

  async function fetchPage(l: Level | null, cursor: string | null) {
    const res = await api.prompts[':id'].gallery.$get({
      param: { id: String(prompt.id) },
      query: { ...(l ? { level: l } : {}), ...(cursor ? { cursor } : {}) },
    });
    if (!res.ok) throw new Error(String(res.status));
    return res.json();
  }

  async function showLevel(l: Level | null, push: boolean) {
    setLoading(true);
    try {
      const page = await fetchPage(l, null);
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setLevel(l);
      setPaged(false);
      setStatus(t('gallery.showingLevel', { level: levelLabel(l) }));
      if (push) history.pushState(null, '', hrefFor(l));
    } catch {
      location.assign(hrefFor(l));
    } finally {
      setLoading(false);
    }
  }

  async function loadMore(event: Event) {
    if (!nextCursor) return;
    event.preventDefault();
    setLoading(true);
    try {
      const page = await fetchPage(level, nextCursor);
      setItems((old) => [...old, ...page.items.filter((n) => !old.some((o) => o.id === n.id))]);
      setNextCursor(page.nextCursor);
      setStatus(plural(t, lang, 'gallery.loaded', page.items.length));
      // Keyboard and screen-reader users continue from the first new answer, not from the top.
      if (page.items[0]) setFocusId(page.items[0].id);
    } catch {
      location.assign(hrefFor(level, nextCursor));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    if (focusId !== null) document.getElementById(`answer-${focusId}`)?.focus();
  }, [focusId]);

  useEffect(() => {
    const onPop = () => void showLevel(levelFromUrl(), false);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const kudosMode = (item: GalleryItem): KudosMode =>
    access === 'signedOut' ? 'signIn' : access === 'visitor' ? 'join' : item.mine ? 'own' : 'give';

  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${community.slug}`}>{community.name}</a>
      </p>
      <h1>{t('gallery.heading')}</h1>
      <FacilitatorMenu links={props.facilitator} />
      <dl class="prompt-pair">
        {(['easy', 'hard'] as const).map((l) => (
          <div key={l}>
            <dt>
              <span class={`level level-${l}`}>{levelLabel(l)}</span>
              <span class="points">
                {plural(t, lang, 'points', prompt[l].points)}
              </span>
            </dt>
            <dd>{prompt[l].text}</dd>
          </div>
        ))}
      </dl>

      <nav class="filters" aria-label={t('gallery.filter')}>
        <span class="filters-label" aria-hidden="true">
          {t('gallery.filter')}
        </span>
        <ul>
          {([null, 'easy', 'hard'] as const).map((l) => (
            <li key={l ?? 'all'}>
              <a
                href={hrefFor(l)}
                aria-current={l === level ? 'true' : undefined}
                class={l === level ? 'active' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  void showLevel(l, true);
                }}
              >
                {levelLabel(l)}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <p class="visually-hidden" role="status">
        {status}
      </p>

      {items.length === 0 ? (
        <div class="empty empty-teach">
          <p class="empty-title">{t('gallery.empty')}</p>
          <p>{t('empty.galleryHow')}</p>
          <p class="actions">
            <a class="button" href={`/c/${community.slug}?prompt=${prompt.id}#answer`}>
              {t('empty.galleryAnswer')}
            </a>
          </p>
        </div>
      ) : (
        <ul class="gallery" aria-busy={loading ? 'true' : undefined}>
          {items.map((item, i) => (
            <li key={item.id}>
              <AnswerCard
                priority={i === 0 && !paged}
                item={item}
                now={now}
                kudosMode={kudosMode(item)}
                given={props.given[item.id] ?? []}
                returnTo={hrefFor(level)}
                joinHref={`/c/${community.slug}`}
              />
            </li>
          ))}
        </ul>
      )}

      <p class="more">
        {nextCursor && (
          <a class="button secondary" href={hrefFor(level, nextCursor)} onClick={loadMore} aria-disabled={loading ? 'true' : undefined}>
            {t('gallery.more')}
          </a>
        )}
        {paged && <a href={hrefFor(level)}>{t('gallery.newest')}</a>}
      </p>
    </>
  );
}
