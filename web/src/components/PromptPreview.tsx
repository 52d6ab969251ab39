/**
 * The calendar preview of a draft series: the day each prompt opens, from the same pure rule the server
 * schedules with (openingDays), so what the facilitator sees is what the community gets.
 */
import { openingDays, type Cadence } from '../../../src/domain/schedule';
import { isSupportedDay } from '../../../src/domain/time';
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

/** Opening days for a draft, or null while its start date is not a date the server would schedule from. */
export function previewDays(startDate: string, cadence: Cadence, count: number): string[] | null {
  if (!isSupportedDay(startDate) || count === 0) return null;
  try {
    return openingDays(startDate, cadence, count);
  } catch {
    return null; // the series would run past the last supported day: the server says so on submit
  }
}

export function PromptPreview({ startDate, cadence, prompts, today }: PromptPreviewProps) {
  const { t, lang } = useI18n();
  const days = previewDays(startDate, cadence, prompts.length);
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
