/**
 * Import a series from a file (the series editor's last section): a plain multipart form, and after a
 * refused file the table of every problem, by row and column, as the server listed them.
 */
import { useI18n, type MessageKey } from '../i18n';
import { FIRST_DAY, LAST_DAY } from '../../../src/schemas';
import { plural } from '../lib/words';

export interface ImportFormProps {
  slug: string;
  error: { key: MessageKey | null; issues: { path: string; message: string }[] } | null;
  /** What the refused form held, to fill it again (the file itself cannot be). */
  values?: { title?: string; startDate?: string; cadence?: string };
}

export function ImportForm({ slug, error, values = {} }: ImportFormProps) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="import-heading" id="import">
      <h2 id="import-heading">{t('seriesImport.title')}</h2>
      <p class="hint" id="import-hint">
        {t('seriesImport.hint')}
      </p>
      {error && (
        <div role="alert">
          {error.key && <p class="status error">{t(error.key)}</p>}
          {error.issues.length > 0 && (
            <>
              <p class="status error">{plural(t, lang, 'seriesImport.errors', error.issues.length)}</p>
              <table class="import-errors">
                <thead>
                  <tr>
                    <th scope="col">{t('seriesImport.where')}</th>
                    <th scope="col">{t('seriesImport.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {error.issues.map((issue, i) => (
                    <tr key={i}>
                      <td>{issue.path}</td>
                      <td>{issue.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
      <form method="post" action={`/c/${encodeURIComponent(slug)}/series/import`} encType="multipart/form-data">
        <label for="import-file">{t('seriesImport.file')}</label>
        <input type="file" id="import-file" name="file" accept=".json,.csv,application/json,text/csv" required aria-describedby="import-hint" />
        <p class="hint" id="import-settings-hint">
          {t('seriesImport.settingsHint')}
        </p>
        <label for="import-title">{t('series.name')}</label>
        <input type="text" id="import-title" name="title" maxLength={120} value={values.title ?? ''} aria-describedby="import-settings-hint" />
        <label for="import-start">{t('series.startDate')}</label>
        <input type="date" id="import-start" name="startDate" value={values.startDate ?? ''} min={FIRST_DAY} max={LAST_DAY} aria-describedby="import-settings-hint" />
        <fieldset>
          <legend>{t('series.cadence')}</legend>
          {(['daily', 'weekdays'] as const).map((c) => (
            <label class="choice" key={c}>
              <input type="radio" name="cadence" value={c} checked={values.cadence === c} />
              <span>{t(c === 'daily' ? 'series.cadence.daily' : 'series.cadence.weekdays')}</span>
            </label>
          ))}
        </fieldset>
        <p>
          <button type="submit" class="secondary">
            {t('seriesImport.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}
