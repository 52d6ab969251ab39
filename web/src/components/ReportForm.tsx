/**
 * "Report" under an answer, for members who did not write it: a reason from the short list and optional
 * words, in a plain form that posts to the answer page (no JavaScript needed), folded in a <details>.
 */
import { reportReasons } from '../../../src/schemas/report-reasons';
import { useI18n } from '../i18n';

/**
 * `action`: where the form posts (default: the answer's page); `scope` keeps ids apart when a page shows
 * several forms (the answers to a help prompt).
 */
export function ReportForm({ answerId, done, action, scope }: { answerId: number | string; done: boolean; action?: string; scope?: string }) {
  const { t } = useI18n();
  const key = scope ? `${scope}-` : '';
  if (done) {
    return (
      <p class="status ok" role="status" id={`report${scope ? `-${scope}` : ''}`}>
        {t('report.done')}
      </p>
    );
  }
  const noteId = `report-note-${key}${answerId}`;
  return (
    <details class="report" id={`report${scope ? `-${scope}` : ''}`}>
      <summary>{t('report.summary')}</summary>
      <form method="post" action={action ?? `/a/${answerId}/report`}>
        <fieldset class="choices compact">
          <legend>{t('report.heading')}</legend>
          <p class="hint">{t('report.hint')}</p>
          {reportReasons.map((reason, i) => (
            <div class="choice" key={reason}>
              <input type="radio" id={`report-${key}${reason}`} name="reason" value={reason} required checked={i === 0} />
              <label for={`report-${key}${reason}`}>{t(`report.reason-${reason}`)}</label>
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
