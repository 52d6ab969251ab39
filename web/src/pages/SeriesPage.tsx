/**
 * A series, for its community's facilitators: where it was adapted from, pause and resume, publishing to
 * the network library, export, and editing prompts. Every button is a plain form post (no JavaScript
 * needed): prompts not yet opened can be rewritten and moved; an opened one only takes typo fixes, which
 * the edit log below keeps.
 */
import { useI18n, type MessageKey } from '../i18n';
import type { PromptEdit, SeriesPrompt, SeriesView } from '../lib/api-types';
import { formatDay } from '../lib/dates';

export type SeriesNotice = 'saved' | 'moved' | 'published' | 'paused' | 'resumed' | 'imported' | 'copied';

export interface SeriesPageProps {
  community: { slug: string; name: string; private: boolean };
  series: SeriesView;
  edits: PromptEdit[];
  published: { publishedAt: string } | null;
  notice: SeriesNotice | null;
  /** A refused change: which prompt (null: the series), and the message to show. */
  error: { promptId: number | null; key: MessageKey; params?: Record<string, string | number> } | null;
}

const NOTICES: Record<SeriesNotice, MessageKey> = {
  saved: 'seriesPage.notice.saved',
  moved: 'seriesPage.notice.moved',
  published: 'seriesPage.notice.published',
  paused: 'seriesPage.notice.paused',
  resumed: 'seriesPage.notice.resumed',
  imported: 'seriesPage.notice.imported',
  copied: 'seriesPage.notice.copied',
};

const STATUSES: Record<SeriesView['status'], MessageKey> = {
  scheduled: 'seriesPage.status.scheduled',
  running: 'seriesPage.status.running',
  paused: 'seriesPage.status.paused',
  finished: 'seriesPage.status.finished',
};

export default function SeriesPage({ community, series, edits, published, notice, error }: SeriesPageProps) {
  const { t, lang } = useI18n();
  const base = `/c/${encodeURIComponent(community.slug)}/s/${series.id}`;
  const waiting = series.prompts.filter((p) => !p.opened);
  const errorText = error ? t(error.key, error.params) : '';

  const promptForm = (p: SeriesPrompt) => {
    const id = (field: string) => `prompt-${p.id}-${field}`;
    const failed = error?.promptId === p.id;
    const text = (level: 'easy' | 'hard') => (
      <>
        <label for={id(level)}>{t(level === 'easy' ? 'series.easy' : 'series.hard')}</label>
        <textarea id={id(level)} name={level} rows={2} maxLength={500} required value={p[level].text} aria-invalid={failed ? 'true' : undefined} />
      </>
    );
    const points = (level: 'easy' | 'hard') => {
      const field = level === 'easy' ? 'easyPoints' : 'hardPoints';
      const label = t(level === 'easy' ? 'series.easyPoints' : 'series.hardPoints');
      return p.opened ? (
        <p class="hint">
          {label}: {p[level].points}
        </p>
      ) : (
        <div class="points-field">
          <label for={id(field)}>{label}</label>
          <input type="number" inputMode="numeric" min={0} max={100} step={1} id={id(field)} name={field} value={p[level].points} />
        </div>
      );
    };
    return (
      <form method="post" action={`${base}/prompts/${p.id}`}>
        {p.opened && <p class="hint">{t('seriesPage.openedHint')}</p>}
        {text('easy')}
        {points('easy')}
        {text('hard')}
        {points('hard')}
        {failed && (
          <p class="field-error" role="alert">
            {errorText}
          </p>
        )}
        <p class="prompt-actions">
          <button type="submit" class="small">
            {t(p.opened ? 'seriesPage.fixTypo' : 'seriesPage.save')}
            <span class="visually-hidden"> {t('series.prompt', { n: p.position })}</span>
          </button>
        </p>
      </form>
    );
  };

  const moveButton = (p: SeriesPrompt, dir: 'up' | 'down') => {
    const i = waiting.findIndex((w) => w.id === p.id);
    if (i === -1 || (dir === 'up' ? i === 0 : i === waiting.length - 1)) return null;
    return (
      <form method="post" action={`${base}/move`}>
        <input type="hidden" name="promptId" value={p.id} />
        <button type="submit" name="dir" value={dir} class="secondary small">
          {t(dir === 'up' ? 'series.moveUp' : 'series.moveDown')}
          <span class="visually-hidden"> {t('series.prompt', { n: p.position })}</span>
        </button>
      </form>
    );
  };

  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${encodeURIComponent(community.slug)}`}>{community.name}</a>
      </p>
      <h1>{series.title}</h1>
      {series.adaptedFrom && (
        <p class="lede">{t('seriesPage.adaptedFrom', { title: series.adaptedFrom.title, community: series.adaptedFrom.community })}</p>
      )}
      {series.description && <p>{series.description}</p>}
      <p>
        {t(STATUSES[series.status])} · {t(series.cadence === 'daily' ? 'series.cadence.daily' : 'series.cadence.weekdays')}
      </p>
      {notice && (
        <p class="status ok" role="status">
          {t(NOTICES[notice])}
        </p>
      )}
      {error && error.promptId === null && (
        <p class="status error" role="alert">
          {errorText}
        </p>
      )}

      <div class="actions">
        {(series.status === 'running' || series.status === 'scheduled') && (
          <form method="post" action={`${base}/pause`}>
            <button type="submit" class="secondary">
              {t('seriesPage.pause')}
            </button>
          </form>
        )}
        {series.status === 'paused' && (
          <form method="post" action={`${base}/resume`}>
            <button type="submit">{t('seriesPage.resume')}</button>
          </form>
        )}
        <a class="button secondary" href={`/api/series/${series.id}/export?format=json`} download>
          {t('seriesPage.exportJson')}
        </a>
        <a class="button secondary" href={`/api/series/${series.id}/export?format=csv`} download>
          {t('seriesPage.exportCsv')}
        </a>
      </div>

      <section aria-labelledby="publish-heading">
        <h2 id="publish-heading">{t('seriesPage.library')}</h2>
        <p class="hint">
          {published ? t('seriesPage.publishedOn', { date: formatDay(published.publishedAt.slice(0, 10), lang) }) : t('seriesPage.libraryHint')}
        </p>
        <form method="post" action={`${base}/publish`}>
          {community.private && (
            <label class="choice">
              <input type="checkbox" name="sharePrivate" value="true" />
              <span>{t('seriesPage.sharePrivate')}</span>
            </label>
          )}
          <p>
            <button type="submit">{t(published ? 'seriesPage.republish' : 'seriesPage.publish')}</button>
          </p>
        </form>
      </section>

      <section aria-labelledby="prompts-heading">
        <h2 id="prompts-heading">{t('series.prompts')}</h2>
        <p class="hint">{t('seriesPage.editHint')}</p>
        <ol class="series-prompts">
          {series.prompts.map((p) => (
            <li key={p.id}>
              <fieldset class="prompt-editor">
                <legend>
                  {t('series.prompt', { n: p.position })} · {t('series.opensOn', { date: formatDay(p.opensOn, lang) })}
                </legend>
                {promptForm(p)}
                {!p.opened && (
                  <div class="prompt-actions">
                    {moveButton(p, 'up')}
                    {moveButton(p, 'down')}
                  </div>
                )}
              </fieldset>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="edits-heading">
        <h2 id="edits-heading">{t('seriesPage.edits')}</h2>
        {edits.length === 0 ? (
          <p class="muted">{t('seriesPage.noEdits')}</p>
        ) : (
          <table class="edit-log">
            <thead>
              <tr>
                <th scope="col">{t('seriesPage.edit.when')}</th>
                <th scope="col">{t('seriesPage.edit.who')}</th>
                <th scope="col">{t('seriesPage.edit.what')}</th>
                <th scope="col">{t('seriesPage.edit.before')}</th>
                <th scope="col">{t('seriesPage.edit.after')}</th>
              </tr>
            </thead>
            <tbody>
              {edits.map((e) => (
                <tr key={e.id}>
                  <td>{formatDay(e.editedAt.slice(0, 10), lang)}</td>
                  <td>{e.editedBy ?? t('seriesPage.edit.formerMember')}</td>
                  <td>
                    {t('series.prompt', { n: e.position })} · {t(e.level === 'easy' ? 'series.easy' : 'series.hard')}
                  </td>
                  <td>{e.before}</td>
                  <td>{e.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
