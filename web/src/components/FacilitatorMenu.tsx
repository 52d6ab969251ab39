/**
 * The facilitators' own links on a community's pages: a new series, the spotlight queue, moderation, chat
 * webhooks, the series library, analytics, the community's export (a zip download), and the newest shout-out
 * roll (absent until a week with something to say has ended). Members and visitors never get it.
 */
import { useI18n } from '../i18n';

export interface FacilitatorLinks {
  slug: string;
  /** ISO week of the newest roll, e.g. 2026-W49, or null before the first. */
  latestRoll: string | null;
}

export function FacilitatorMenu({ links }: { links: FacilitatorLinks | null | undefined }) {
  const { t } = useI18n();
  if (!links) return null;
  const base = `/c/${encodeURIComponent(links.slug)}`;
  return (
    <nav class="facilitator-menu" aria-label={t('facilitator.menu')}>
      <ul>
        <li>
          <a href={`${base}/series/new`}>{t('facilitator.newSeries')}</a>
        </li>
        <li>
          <a href={`${base}/series/templates`}>{t('facilitator.fromTemplate')}</a>
        </li>
        <li>
          <a href={`${base}/spotlights`}>{t('facilitator.spotlights')}</a>
        </li>
        <li>
          <a href={`${base}/moderation`}>{t('facilitator.moderation')}</a>
        </li>
        <li>
          <a href="/library">{t('facilitator.library')}</a>
        </li>
        <li>
          <a href={`${base}/analytics`}>{t('facilitator.analytics')}</a>
        </li>
        <li>
          <a href={`/api/communities/${encodeURIComponent(links.slug)}/export`} download>
            {t('facilitator.export')}
          </a>
        </li>
        <li>
          <a href={`${base}/webhooks`}>{t('facilitator.webhooks')}</a>
        </li>
        <li>
          <a href={`${base}/offers`}>{t('facilitator.offers')}</a>
        </li>
        {links.latestRoll && (
          <li>
            <a href={`${base}/week/${links.latestRoll}`}>{t('facilitator.latestRoll')}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}
