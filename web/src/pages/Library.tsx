/**
 * The network library: series other facilitators published, with their prompts and where they come from.
 * A facilitator copies one into a community of theirs with a new start date (a plain form post).
 */
import { useI18n, type MessageKey } from '../i18n';
import type { LibraryEntry } from '../lib/api-types';
import { formatDay } from '../lib/dates';
import { plural } from '../lib/words';
import { FIRST_DAY, LAST_DAY } from '../../../src/schemas';

export interface LibraryProps {
  entries: LibraryEntry[];
  /** The communities the viewer facilitates: where a copy can go. */
  communities: { slug: string; name: string }[];
  today: string;
  /** A refused copy: which entry, and why. */
  error: { entryId: number; key: MessageKey } | null;
}

export default function Library({ entries, communities, today, error }: LibraryProps) {
  const { t, lang } = useI18n();
  return (
    <>
      <h1>{t('library.title')}</h1>
      <p class="lede">{t('library.intro')}</p>
      {entries.length === 0 ? (
        <p class="empty">{t('library.empty')}</p>
      ) : (
        <ul class="my-answers">
          {entries.map((e) => {
            const id = (field: string) => `entry-${e.id}-${field}`;
            const failed = error?.entryId === e.id;
            return (
              <li key={e.id} class="card">
                <h2>{e.title}</h2>
                <p class="muted">
                  {e.publishedBy === null
                    ? t('library.fromNoName', { community: e.community, date: formatDay(e.publishedAt.slice(0, 10), lang) })
                    : t('library.from', { community: e.community, name: e.publishedBy, date: formatDay(e.publishedAt.slice(0, 10), lang) })}
                </p>
                {e.description && <p>{e.description}</p>}
                <details>
                  <summary>{plural(t, lang, 'library.prompts', e.prompts.length)}</summary>
                  <ol class="plain-list">
                    {e.prompts.map((p, i) => (
                      <li key={i}>
                        {p.easy} <span class="muted">/ {p.hard}</span>
                      </li>
                    ))}
                  </ol>
                </details>
                {communities.length > 0 ? (
                  <form method="post" action={`/library/${e.id}/copy`}>
                    <label for={id('community')}>{t('library.copyTo')}</label>
                    <select id={id('community')} name="community">
                      {communities.map((c) => (
                        <option key={c.slug} value={c.slug}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                    <label for={id('start')}>{t('series.startDate')}</label>
                    <input type="date" id={id('start')} name="startDate" value={today} min={FIRST_DAY} max={LAST_DAY} required aria-invalid={failed ? 'true' : undefined} />
                    {failed && (
                      <p class="field-error" role="alert">
                        {t(error.key)}
                      </p>
                    )}
                    <p>
                      <button type="submit">{t('library.copy')}</button>
                    </p>
                  </form>
                ) : (
                  <p class="hint">{t('library.noCommunity')}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
