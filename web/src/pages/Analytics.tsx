/**
 * A community's analytics for its facilitators: headline figures, then one figure per question, each an SVG
 * chart with its numbers as a table beside it, and the CSV download. Read from the daily snapshot: it says
 * which complete days it covers and when it was computed. No names anywhere; small groups read "fewer than 5".
 */
import type { ComponentChildren } from 'preact';
import { BarChart, type Bar } from '../components/BarChart';
import { FacilitatorMenu, type FacilitatorLinks } from '../components/FacilitatorMenu';
import { TrendChart } from '../components/TrendChart';
import { useI18n, type MessageKey } from '../i18n';
import type { CommunityAnalytics } from '../lib/api-types';
import { formatDay } from '../lib/dates';
import { wordsFor } from '../lib/words';

export interface AnalyticsProps {
  analytics: CommunityAnalytics;
  facilitator?: FacilitatorLinks | null;
}

type Cell = number | 'fewer_than_5' | 'withheld';

/** Prompts of the series shown on the page: four weeks of a daily series. */
const PROMPTS_SHOWN = 28;

export default function Analytics({ analytics: a, facilitator }: AnalyticsProps) {
  const { t, lang } = useI18n();
  const { number, pct, instant } = formatsFor(lang);
  const cell = (c: Cell) => (c === 'fewer_than_5' ? t('analytics.fewerThan5') : c === 'withheld' ? t('analytics.withheld') : number.format(c));
  const bar = (label: string, c: Cell): Bar => ({ label, value: typeof c === 'number' ? c : null, text: cell(c) });
  const slug = encodeURIComponent(a.community.slug);
  const computed = instant.format(new Date(a.computedAt));
  const stage = (s: string) => wordsFor(t, `ladder.stage.${s}`, s);
  const level = (l: 'easy' | 'hard') => t(l === 'easy' ? 'level.easy' : 'level.hard');
  const week = (monday: string) => formatDay(monday, lang, 'short');
  const day = (n: number) => t('analytics.day', { n });
  // A long series would make charts of a hundred bars: the page shows its newest prompts, the CSV all of them.
  const series = a.series && {
    ...a.series,
    trimmed: Math.max(0, a.series.prompts.length - PROMPTS_SHOWN),
    prompts: a.series.prompts.slice(-PROMPTS_SHOWN),
    dropOff: a.series.dropOff.slice(-(PROMPTS_SHOWN - 1)),
  };

  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${slug}`}>{a.community.name}</a>
      </p>
      <h1>{t('analytics.title', { community: a.community.name })}</h1>
      <FacilitatorMenu links={facilitator} />
      <p class="lede">{t('analytics.asOf', { day: formatDay(a.asOf, lang), computed })}</p>
      <p>
        <a class="button secondary" href={`/api/communities/${slug}/analytics.csv`} download>
          {t('analytics.csv')}
        </a>
      </p>
      <p class="hint">{t('analytics.privacy')}</p>

      <dl class="analytics-summary">
        {(
          [
            ['analytics.members', number.format(a.members)],
            ['analytics.active7', number.format(a.active7)],
            ['analytics.active30', number.format(a.active30)],
            ['analytics.contributors30', number.format(a.contributors30)],
            ['analytics.rate30', pct.format(a.contributionRate30)],
          ] as [MessageKey, string][]
        ).map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <Figure heading={t('analytics.trend')}>
        <TrendChart
          id="chart-trend"
          title={t('analytics.trend')}
          desc={t('analytics.trendDesc', { rate: pct.format(a.trend.at(-1)?.contributionRate ?? 0) })}
          points={a.trend.map((w) => ({ label: week(w.weekOf), value: w.contributionRate }))}
          references={[
            { value: a.references.oneRule, label: t('analytics.oneRule') },
            { value: a.references.goodCommunity, label: t('analytics.goodCommunity') },
          ]}
        />
        <Table
          caption={t('analytics.trend')}
          head={[t('analytics.week'), t('analytics.members'), t('analytics.active'), t('analytics.contributors'), t('analytics.rate')]}
          rows={a.trend.map((w) => [week(w.weekOf), number.format(w.members), number.format(w.active), number.format(w.contributors), pct.format(w.contributionRate)])}
        />
      </Figure>

      <Figure heading={t('analytics.funnel')}>
        <BarChart id="chart-funnel" title={t('analytics.funnel')} desc={t('analytics.funnelDesc')} bars={a.funnel.map((f) => bar(stage(f.stage), f.members))} />
        <Table caption={t('analytics.funnel')} head={[t('analytics.stage'), t('analytics.people')]} rows={a.funnel.map((f) => [stage(f.stage), cell(f.members)])} />
      </Figure>

      <Figure heading={t('analytics.mix')}>
        <BarChart id="chart-mix" title={t('analytics.mix')} desc={t('analytics.mixDesc')} bars={a.mix.map((m) => bar(level(m.level), m.answers))} />
        <Table
          caption={t('analytics.mix')}
          head={[t('analytics.level'), t('analytics.answers'), t('analytics.people')]}
          rows={a.mix.map((m) => [level(m.level), cell(m.answers), cell(m.members)])}
        />
      </Figure>

      {series ? (
        <>
          <Figure heading={t('analytics.perPrompt', { series: series.title })}>
            {series.trimmed > 0 && <p class="hint">{t('analytics.newestPrompts', { shown: series.prompts.length, all: a.series!.prompts.length })}</p>}
            <BarChart
              id="chart-prompts"
              title={t('analytics.perPrompt', { series: series.title })}
              desc={t('analytics.perPromptDesc')}
              bars={series.prompts.map((p) => bar(day(p.position), p.answers))}
            />
            <Table
              caption={t('analytics.perPrompt', { series: series.title })}
              head={[t('analytics.prompt'), t('analytics.opensOn'), t('analytics.answers'), t('level.easy'), t('level.hard'), t('analytics.people')]}
              rows={series.prompts.map((p) => [day(p.position), formatDay(p.opensOn, lang, 'short'), cell(p.answers), cell(p.easy), cell(p.hard), cell(p.members)])}
            />
          </Figure>
          <Figure heading={t('analytics.dropOff')}>
            <p>{series.dropOffDay === null ? t('analytics.dropOffNone') : t('analytics.dropOffDay', { n: series.dropOffDay })}</p>
            <BarChart
              id="chart-drop-off"
              title={t('analytics.dropOff')}
              desc={t('analytics.dropOffDesc')}
              bars={[...series.dropOff.map((d) => bar(t('analytics.after', { n: d.position }), d.members)), bar(t('analytics.stillAnswering'), series.stillAnswering)]}
            />
            <Table
              caption={t('analytics.dropOff')}
              head={[t('analytics.lastAnswer'), t('analytics.people')]}
              rows={[...series.dropOff.map((d) => [t('analytics.after', { n: d.position }), cell(d.members)]), [t('analytics.stillAnswering'), cell(series.stillAnswering)]]}
            />
          </Figure>
        </>
      ) : (
        <p class="empty">{t('analytics.noSeries')}</p>
      )}

      <Figure heading={t('analytics.rhythm')}>
        <BarChart id="chart-rhythm" title={t('analytics.rhythm')} desc={t('analytics.rhythmDesc')} bars={a.rhythm.map((r) => bar(t('analytics.weeks', { n: r.bucket }), r.members))} />
        <Table caption={t('analytics.rhythm')} head={[t('analytics.run'), t('analytics.people')]} rows={a.rhythm.map((r) => [t('analytics.weeks', { n: r.bucket }), cell(r.members)])} />
      </Figure>
    </>
  );
}

/** Intl formatters cost far more to build than to use: built once per language. */
const formats = new Map<string, ReturnType<typeof buildFormats>>();
const buildFormats = (locale: string) => ({
  number: new Intl.NumberFormat(locale),
  pct: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
  instant: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
});
function formatsFor(lang: string) {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = buildFormats(locale)));
  return f;
}

function Figure({ heading, children }: { heading: string; children: ComponentChildren }) {
  return (
    <section class="analytics-figure">
      <h2>{heading}</h2>
      {children}
    </section>
  );
}

/** The chart's numbers: first column row headers, the rest right-aligned figures. */
function Table({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  return (
    <table class="analytics-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" class={i > 0 ? 'num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r[0]}>
            {r.map((v, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {v}
                </th>
              ) : (
                <td key={i} class="num">
                  {v}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
