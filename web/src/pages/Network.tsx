/**
 * The stewards' network dashboard: one row per community with its contribution rate, health and 12-week
 * sparkline (its numbers in a table under it), facilitator activity and the going-quiet and showcase flags.
 * Sorted by the column header links, filtered by a GET form: no JavaScript needed. Counts only, no answers.
 */
import { Sparkline } from '../components/Sparkline';
import { useI18n, type MessageKey } from '../i18n';
import type { NetworkCommunity, NetworkDashboard } from '../lib/api-types';
import { formatDay } from '../lib/dates';
import { plural } from '../lib/words';

export interface NetworkProps {
  /** The rows of this page only; `totals` still count the whole network. */
  network: NetworkDashboard;
  /** Which rows of the sorted, filtered list this page shows (1-based, inclusive). */
  paging: { page: number; pages: number; first: number; last: number; total: number };
  /** The newest steward actions (issue 14): names only, never a note's text. */
  log: { id: number; action: string; actor: string | null; target: string | null; community: { slug: string; name: string } | null; at: string }[];
  /** A steward was just made (the redirect after the form). */
  made: boolean;
  /** The form's address was not valid. */
  error: boolean;
}

type Sort = NetworkDashboard['sort'];
const LOG_KEYS: Partial<Record<string, MessageKey>> = {
  make_steward: 'stewardLog.make_steward',
  setup_steward: 'stewardLog.setup_steward',
  set_quiet_days: 'stewardLog.set_quiet_days',
  offer_series: 'stewardLog.offer_series',
  send_note: 'stewardLog.send_note',
  pin_showcase: 'stewardLog.pin_showcase',
  unpin_showcase: 'stewardLog.unpin_showcase',
  archive: 'stewardLog.archive',
  unarchive: 'stewardLog.unarchive',
};
const COLUMNS: [Sort | null, MessageKey][] = [
  ['name', 'network.col.name'],
  ['members', 'network.col.members'],
  ['rate', 'network.col.rate'],
  ['health', 'network.col.health'],
  [null, 'network.col.trend'],
  ['lastAnswer', 'network.col.lastAnswer'],
  ['lastSpotlight', 'network.col.lastSpotlight'],
  ['lastSeries', 'network.col.lastSeries'],
  ['lastModeration', 'network.col.lastModeration'],
  [null, 'network.col.flags'],
];

export default function Network({ network: n, paging, log, made, error }: NetworkProps) {
  const { t, lang } = useI18n();
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const day = (d: string | null) => (d ? formatDay(d.slice(0, 10), lang, 'short') : t('network.never'));
  const query = (over: Partial<Record<'sort' | 'order' | 'filter' | 'quietDays' | 'page', string>>) =>
    new URLSearchParams({ sort: n.sort, order: n.order, filter: n.filter, quietDays: String(n.quietDays), ...over }).toString();
  const sortLink = (key: Sort) => `/network?${query({ sort: key, order: n.sort === key && n.order === 'asc' ? 'desc' : 'asc' })}`;
  const current = COLUMNS.find(([key]) => key === n.sort)![1];

  return (
    <>
      <h1>{t('network.title')}</h1>
      <p class="lede">{t('network.lede')}</p>
      {made ? <p role="status">{t('network.made')}</p> : null}
      <p>
        <a class="button secondary" href={`/api/network.csv?${query({})}`} download>
          {t('network.csv')}
        </a>
      </p>
      <form method="get" action="/network" class="network-filter">
        <input type="hidden" name="sort" value={n.sort} />
        <input type="hidden" name="order" value={n.order} />
        <label>
          {t('network.filter')}{' '}
          <select name="filter">
            {(['all', 'quiet', 'showcase'] as const).map((f) => (
              <option key={f} value={f} selected={n.filter === f}>
                {t(`network.filter.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('network.quietDays')} <input type="number" name="quietDays" min={1} max={365} value={n.quietDays} />
        </label>
        <button type="submit">{t('network.apply')}</button>
        <button type="submit" class="secondary" formmethod="post" formaction="/network/settings">
          {t('network.saveDefault')}
        </button>
      </form>
      <p>{plural(t, lang, 'network.totals', n.totals.communities, { quiet: n.totals.quiet, showcase: n.totals.showcase })}</p>
      <p class="hint">{t('network.healthHint')}</p>
      {n.communities.length === 0 ? (
        <p>{t('network.none')}</p>
      ) : (
        <table class="network-table">
          <caption class="visually-hidden">{t('network.caption', { column: t(current), order: t(n.order === 'asc' ? 'network.asc' : 'network.desc') })}</caption>
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <th key={label} scope="col" aria-sort={key && key === n.sort ? (n.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {key ? <a href={sortLink(key)}>{t(label)}</a> : t(label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {n.communities.map((c) => (
              <Row key={c.slug} c={c} number={number} pct={pct} day={day} />
            ))}
          </tbody>
        </table>
      )}
      {paging.pages > 1 ? (
        <nav class="network-pages" aria-label={t('network.pages')}>
          <p>{t('network.showing', { first: number.format(paging.first), last: number.format(paging.last), total: number.format(paging.total) })}</p>
          {paging.page > 1 ? (
            <a rel="prev" href={`/network?${query({ page: String(paging.page - 1) })}`}>
              {t('network.previous')}
            </a>
          ) : null}{' '}
          {paging.page < paging.pages ? (
            <a rel="next" href={`/network?${query({ page: String(paging.page + 1) })}`}>
              {t('network.next')}
            </a>
          ) : null}
        </nav>
      ) : null}
      <section class="network-log" aria-labelledby="log-heading">
        <h2 id="log-heading">{t('stewardLog.title')}</h2>
        {log.length === 0 ? (
          <p>{t('stewardLog.none')}</p>
        ) : (
          <ul>
            {log.map((e) => (
              <li key={e.id}>
                <time dateTime={e.at}>{formatDay(e.at.slice(0, 10), lang, 'short')}</time>{' '}
                {t(LOG_KEYS[e.action] ?? 'stewardLog.unknown', { actor: e.actor ?? t('stewardLog.someone'), target: e.target ?? t('stewardLog.someone'), community: e.community?.name ?? '' })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="network-stewards">
        <h2>{t('network.makeSteward')}</h2>
        <p class="hint">{t('network.makeStewardHint')}</p>
        <form method="post" action="/network/stewards">
          <div class={error ? 'field invalid' : 'field'}>
            <label for="steward-email">{t('network.email')}</label>
            {error ? <p class="field-error">{t('network.invalidEmail')}</p> : null}
            <input id="steward-email" type="email" name="email" required autocomplete="off" />
          </div>
          <button type="submit">{t('network.make')}</button>
        </form>
      </section>
    </>
  );
}

function Row({ c, number, pct, day }: { c: NetworkCommunity; number: Intl.NumberFormat; pct: Intl.NumberFormat; day: (d: string | null) => string }) {
  const { t, lang } = useI18n();
  const health = c.trend.map((w) => w.health);
  const line = c.contributionRate30 < 0.01 ? t('network.rateLine') : c.contributionRate30 >= 0.1 ? t('network.rateGood') : null;
  return (
    <tr>
      <th scope="row">
        <a href={`/c/${encodeURIComponent(c.slug)}`}>{c.name}</a>
        {c.visibility === 'private' ? <span class="hint"> ({t('network.private')})</span> : null}
        <br />
        <a class="hint" href={`/network/c/${encodeURIComponent(c.slug)}`}>
          {t('stewardActions.act', { community: c.name })}
        </a>
      </th>
      <td class="num">{number.format(c.members)}</td>
      <td class="num">
        {pct.format(c.contributionRate30)}
        {line ? <span class="hint"> ({line})</span> : null}
      </td>
      <td class="num">{number.format(c.health)}</td>
      <td>
        <Sparkline values={health} label={t('network.sparkline', { first: number.format(health[0] ?? 0), last: number.format(health.at(-1) ?? 0) })} />
        <details>
          <summary>{t('network.weekNumbers')}</summary>
          <table class="analytics-table">
            <thead>
              <tr>
                <th scope="col">{t('network.week')}</th>
                <th scope="col" class="num">{t('network.answers')}</th>
                <th scope="col" class="num">{t('network.active')}</th>
                <th scope="col" class="num">{t('network.col.health')}</th>
              </tr>
            </thead>
            <tbody>
              {c.trend.map((w) => (
                <tr key={w.weekOf}>
                  <th scope="row">{formatDay(w.weekOf, lang, 'short')}</th>
                  <td class="num">{number.format(w.answers)}</td>
                  <td class="num">{number.format(w.active)}</td>
                  <td class="num">{number.format(w.health)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </td>
      <td>{day(c.lastAnswerDay)}</td>
      <td>{day(c.lastSpotlightAt)}</td>
      <td>{day(c.lastSeriesAt)}</td>
      <td>{day(c.lastModerationAt)}</td>
      <td>
        {c.quiet ? <span class="flag flag-quiet">{t('network.quiet')}</span> : null}
        {c.showcase ? <span class="flag flag-showcase">{t('network.showcase')}</span> : null}
        {c.pinned ? <span class="flag flag-showcase">{t('stewardActions.pinnedFlag')}</span> : null}
        {c.archived ? <span class="flag flag-archived">{t('stewardActions.archived')}</span> : null}
      </td>
    </tr>
  );
}
