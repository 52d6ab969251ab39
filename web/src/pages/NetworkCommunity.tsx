/**
 * A steward's page for one community (/network/c/:slug, issue 14): its figures from the dashboard, and what a
 * steward can do for it: write to its facilitators, offer it a series from a showcase community, pin it on the
 * home page, archive it once it has stopped (or reopen it). Every action is a plain form, logged.
 */
import { OfferList, type Offer } from '../components/OfferList';
import { useI18n } from '../i18n';
import { formatDay } from '../lib/dates';

export interface NetworkCommunityProps {
  community: { slug: string; name: string; visibility: 'public' | 'private'; archived: boolean; pinned: boolean };
  row: { members: number; contributionRate30: number; lastAnswerDay: string | null; quiet: boolean; showcase: boolean };
  offerable: { id: number; title: string; community: string }[];
  offers: Offer[];
  /** After a form: which action was done. */
  done: string | null;
}

const DONE = ['archived', 'reopened', 'pinned', 'unpinned', 'noted', 'offered'] as const;

export default function NetworkCommunity({ community: c, row, offerable, offers, done }: NetworkCommunityProps) {
  const { t, lang } = useI18n();
  const base = `/network/c/${encodeURIComponent(c.slug)}`;
  const pct = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 });
  const shownDone = DONE.find((d) => d === done);
  return (
    <>
      <p class="eyebrow">
        <a href="/network">{t('network.title')}</a>
      </p>
      <h1>{t('stewardActions.title', { community: c.name })}</h1>
      {shownDone && (
        <p class="status ok" role="status">
          {t(`stewardActions.done.${shownDone}`)}
        </p>
      )}
      <p class="lede">
        {t('stewardActions.figures', {
          members: row.members,
          rate: pct.format(row.contributionRate30),
          last: row.lastAnswerDay ? formatDay(row.lastAnswerDay, lang, 'short') : t('network.never'),
        })}{' '}
        {row.quiet ? <span class="flag flag-quiet">{t('network.quiet')}</span> : null}
        {row.showcase ? <span class="flag flag-showcase">{t('network.showcase')}</span> : null}
        {c.archived ? <span class="flag flag-archived">{t('stewardActions.archived')}</span> : null}
      </p>
      <p>
        <a href={`/c/${encodeURIComponent(c.slug)}/analytics`}>{t('stewardActions.analytics')}</a>
      </p>

      <section class="steward-action" aria-labelledby="note-heading">
        <h2 id="note-heading">{t('stewardActions.note')}</h2>
        <p class="hint">{t('stewardActions.noteHint')}</p>
        <form method="post" action={`${base}/notes`}>
          <label for="note-body">{t('stewardActions.noteLabel')}</label>
          <textarea id="note-body" name="body" rows={4} maxLength={2000} required />
          <button type="submit">{t('stewardActions.send')}</button>
        </form>
      </section>

      <section class="steward-action" aria-labelledby="offer-heading">
        <h2 id="offer-heading">{t('stewardActions.offer')}</h2>
        <p class="hint">{t('stewardActions.offerHint')}</p>
        {c.archived ? (
          <p>{t('stewardActions.archivedNoOffer')}</p>
        ) : offerable.length === 0 ? (
          <p>{t('stewardActions.noOfferable')}</p>
        ) : (
          <form method="post" action={`${base}/series-offers`}>
            <label for="offer-series">{t('stewardActions.series')}</label>
            <select id="offer-series" name="seriesId" required>
              {offerable.map((s) => (
                <option key={s.id} value={s.id}>
                  {t('stewardActions.seriesOption', { title: s.title, community: s.community })}
                </option>
              ))}
            </select>
            <label for="offer-note">{t('stewardActions.offerNote')}</label>
            <input id="offer-note" name="note" maxLength={500} />
            <button type="submit">{t('stewardActions.sendOffer')}</button>
          </form>
        )}
        {offers.length > 0 && <OfferList slug={c.slug} offers={offers} />}
      </section>

      <section class="steward-action" aria-labelledby="showcase-heading">
        <h2 id="showcase-heading">{t('stewardActions.showcase')}</h2>
        {c.visibility === 'private' ? (
          <p class="hint">{t('stewardActions.privateNoShowcase')}</p>
        ) : (
          <form method="post" action={`${base}/showcase`}>
            <input type="hidden" name="on" value={c.pinned ? '0' : '1'} />
            <p class="hint">{t(c.pinned ? 'stewardActions.pinned' : 'stewardActions.pinHint')}</p>
            <button type="submit" class="secondary">
              {t(c.pinned ? 'stewardActions.unpin' : 'stewardActions.pin')}
            </button>
          </form>
        )}
      </section>

      <section class="steward-action" aria-labelledby="archive-heading">
        <h2 id="archive-heading">{t('stewardActions.archive')}</h2>
        <form method="post" action={`${base}/archive`}>
          <input type="hidden" name="on" value={c.archived ? '0' : '1'} />
          <p class="hint">{t(c.archived ? 'stewardActions.archivedHint' : 'stewardActions.archiveHint')}</p>
          <button type="submit" class="secondary">
            {t(c.archived ? 'stewardActions.reopen' : 'stewardActions.doArchive')}
          </button>
        </form>
      </section>
    </>
  );
}
