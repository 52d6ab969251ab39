/**
 * The calendar preview of a draft series: the day each prompt opens, from the same pure rule the server
 * schedules with (openingDays, shared through src/schemas/calendar), so what the facilitator sees is what the
 * community gets.
 */
import { previewOpeningDays, type Cadence } from '../../../src/schemas/calendar';
import { useI18n } from '../i18n';
import { formatDay } from '../lib/dates';

export interface PromptPreviewProps {
  startDate: string;
  cadence: Cadence;
  /** Each prompt's easy text, to recognise it by. */
  prompts: string[];
  /** The community's current local day: earlier days open at once, as late prompts. */
  today: string;
}

export function PromptPreview({ startDate, cadence, prompts, today }: PromptPreviewProps) {
  const { t, lang } = useI18n();
  const days = previewOpeningDays(startDate, cadence, prompts.length);
  return (
    <section class="card preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t('series.preview')}</h2>
      {days === null ? (
        <p class="hint">{t('series.previewNeedsDate')}</p>
      ) : (
        <ol class="preview-list">
          {days.map((day, i) => {
            const text = prompts[i]!.trim();
            return (
              <li key={i}>
                <strong>{formatDay(day, lang, 'short')}</strong>
                {' · '}
                {t('series.prompt', { n: i + 1 })}
                {text && `: ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`}
                {day <= today && <span class="muted"> ({t('series.opensAtOnce')})</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
