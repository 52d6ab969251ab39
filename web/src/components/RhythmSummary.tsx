/**
 * A weekly rhythm in plain words: this week's answer-days against the goal (the member's own view only),
 * and the current and longest run of weeks met. Nothing here counts days missed.
 */
import { useI18n } from '../i18n';
import type { MyRhythm } from '../lib/api-types';
import { plural } from '../lib/words';

export type RhythmView = Pick<MyRhythm, 'currentRun' | 'longestRun'> & Partial<Pick<MyRhythm, 'thisWeek'>>;

export function RhythmSummary({ rhythm }: { rhythm: RhythmView }) {
  const { t, lang } = useI18n();
  const week = rhythm.thisWeek;
  return (
    <div class="rhythm">
      {week && (
        <>
          <p class="rhythm-week">
            {plural(t, lang, 'rhythm.thisWeek', week.days, { goal: week.goal })}
            {week.met && <span class="rhythm-met"> {t('rhythm.met')}</span>}
          </p>
          {week.goal > 0 && (
            <meter class="rhythm-meter" min={0} max={week.goal} value={Math.min(week.days, week.goal)} aria-hidden="true" />
          )}
          {week.rest && <p class="hint">{t('rhythm.rest')}</p>}
        </>
      )}
      <ul class="rhythm-runs">
        <li>{plural(t, lang, 'rhythm.current', rhythm.currentRun)}</li>
        <li>{plural(t, lang, 'rhythm.longest', rhythm.longestRun)}</li>
      </ul>
      {week && <p class="hint">{t('rhythm.hint', { goal: week.goal })}</p>}
    </div>
  );
}
