/**
 * "Report" under an answer, for members who did not write it: a reason from the short list and optional
 * words, in a plain form that posts to the answer page (no JavaScript needed), folded in a <details>.
 */
import { reportReasons } from '../../../src/schemas/report-reasons';
import { useI18n } from '../i18n';

export function ReportForm({ answerId, done }: { answerId: number | string; done: boolean }) {
  const { t } = useI18n();
  if (done) {
    return (
      <p class="status ok" role="status" id="report">
        {t('report.done')}
      </p>
    );
  }
  const noteId = `report-note-${answerId}`;
  return (
    <details class="report" id="report">
      <summary>{t('report.summary')}</summary>
      <form method="post" action={`/a/${answerId}/report`}>
        <fieldset class="choices compact">
          <legend>{t('report.heading')}</legend>
          <p class="hint">{t('report.hint')}</p>
          {reportReasons.map((reason, i) => (
            <div class="choice" key={reason}>
              <input type="radio" id={`report-${reason}`} name="reason" value={reason} required checked={i === 0} />
              <label for={`report-${reason}`}>{t(`report.reason-${reason}`)}</label>
            </div>
          ))}
        </fieldset>
        <label for={noteId}>{t('report.note')}</label>
        <textarea id={noteId} name="note" maxLength={500} rows={3} />
        <button type="submit" class="secondary">
          {t('report.submit')}
        </button>
      </form>
    </details>
  );
}
