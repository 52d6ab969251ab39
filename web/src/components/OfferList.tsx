/** The series offered to a community (issue 14), as stewards and facilitators both read them; `actions` adds the facilitators' forms. */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import { formatDay } from '../lib/dates';
import { plural } from '../lib/words';

export interface Offer {
  id: number;
  from: { community: { slug: string; name: string }; steward: string | null };
  title: string;
  description: string;
  note: string;
  prompts: { easy: string; hard: string }[];
  offeredAt: string;
  status: 'pending' | 'accepted' | 'declined';
  decidedAt: string | null;
  seriesId: number | null;
}

export function OfferList({ slug, offers, actions }: { slug: string; offers: Offer[]; actions?: (o: Offer) => ComponentChildren }) {
  const { t, lang } = useI18n();
  return (
    <ul class="offers">
      {offers.map((o) => (
        <li key={o.id} class="card offer">
          <h3>{o.title}</h3>
          <p class="hint">
            {t('offers.from', { community: o.from.community.name, steward: o.from.steward ?? t('offers.someSteward'), day: formatDay(o.offeredAt.slice(0, 10), lang, 'short') })}
          </p>
          {o.note && <p class="note">{o.note}</p>}
          <details>
            <summary>{plural(t, lang, 'offers.prompts', o.prompts.length)}</summary>
            <ol>
              {o.prompts.map((p, i) => (
                <li key={i}>
                  {p.easy} / {p.hard}
                </li>
              ))}
            </ol>
          </details>
          <p class={`offer-status offer-${o.status}`}>{t(`offers.status.${o.status}`)}</p>
          {o.status === 'accepted' && o.seriesId !== null && (
            <p>
              <a href={`/c/${encodeURIComponent(slug)}/s/${o.seriesId}`}>{t('offers.openSeries')}</a>
            </p>
          )}
          {actions?.(o)}
        </li>
      ))}
    </ul>
  );
}
