/**
 * The series stewards offered a community (/c/:slug/offers, issue 14): each a draft until one of its
 * facilitators accepts it with a start date (it is scheduled) or declines it. Plain forms, no JavaScript.
 */
import { OfferList, type Offer } from '../components/OfferList';
import { useI18n } from '../i18n';

export interface SeriesOffersProps {
  community: { slug: string; name: string; archived: boolean };
  offers: Offer[];
  /** The first start date offered: today (UTC), which the facilitator can change. */
  today: string;
  /** After a form: 'accepted' or 'declined'. */
  done: string | null;
}

export default function SeriesOffers({ community, offers, today, done }: SeriesOffersProps) {
  const { t } = useI18n();
  const base = `/c/${encodeURIComponent(community.slug)}/offers`;
  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${encodeURIComponent(community.slug)}`}>{community.name}</a>
      </p>
      <h1>{t('offers.title', { community: community.name })}</h1>
      <p class="lede">{t('offers.intro')}</p>
      {done === 'accepted' || done === 'declined' ? (
        <p class="status ok" role="status">
          {t(done === 'accepted' ? 'offers.accepted' : 'offers.declined')}
        </p>
      ) : null}
      {offers.length === 0 ? (
        <p>{t('offers.none')}</p>
      ) : (
        <OfferList
          slug={community.slug}
          offers={offers}
          actions={(o) =>
            o.status === 'pending' && !community.archived ? (
              <div class="offer-actions">
                <form method="post" action={`${base}/${o.id}/accept`}>
                  <label>
                    {t('offers.startDate')} <input type="date" name="startDate" value={today} required />
                  </label>
                  <button type="submit">{t('offers.accept')}</button>
                </form>
                <form method="post" action={`${base}/${o.id}/decline`}>
                  <button type="submit" class="secondary">
                    {t('offers.decline')}
                  </button>
                </form>
              </div>
            ) : null
          }
        />
      )}
    </>
  );
}
