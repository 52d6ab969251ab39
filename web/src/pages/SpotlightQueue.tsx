/**
 * The facilitators' spotlight queue: recent answers not spotlighted yet, first-time members first (the API
 * orders them). Each has a plain form (an optional note, one button) that works without JavaScript.
 */
import { useI18n } from '../i18n';
import type { SpotlightQueue as Queue } from '../lib/api-types';

export interface SpotlightQueueProps {
  community: { slug: string; name: string };
  queue: Queue;
  /** The answer just spotlighted, to say so. */
  done: number | null;
}

export default function SpotlightQueue({ community, queue, done }: SpotlightQueueProps) {
  const { t } = useI18n();
  const action = `/c/${encodeURIComponent(community.slug)}/spotlights`;
  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${encodeURIComponent(community.slug)}`}>{community.name}</a>
      </p>
      <h1>{t('spotlights.title', { community: community.name })}</h1>
      <p class="lede">{t('spotlights.intro')}</p>
      {done !== null && (
        <p class="status ok" role="status">
          {t('spotlights.done')}
        </p>
      )}
      {queue.items.length === 0 ? (
        <p>{t('spotlights.empty')}</p>
      ) : (
        <ul class="my-answers">
          {queue.items.map((item) => {
            const name = item.author?.name ?? t('gallery.anonymous');
            const noteId = `note-${item.id}`;
            return (
              <li key={item.id} class="card">
                <p class="answer-by">
                  {name}
                  {item.authorHistory?.firstTime && <span class="muted"> · {t('spotlights.firstTime')}</span>}
                </p>
                {item.body && <p class="answer-body">{item.body}</p>}
                <p>
                  <a href={`/a/${item.id}`}>{t('spotlights.open')}</a>
                </p>
                <form method="post" action={action}>
                  <input type="hidden" name="submissionId" value={item.id} />
                  <label for={noteId}>{t('spotlights.note', { name })}</label>
                  <input type="text" id={noteId} name="note" maxLength={280} />
                  <button type="submit">{t('spotlights.submit')}</button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
