/**
 * The celebration's second half: this week's rhythm and the next step on the confidence ladder. The server
 * sends it with the page after a no-JavaScript post; after a post through the API it is fetched from the
 * same two endpoints (rhythm/me, ladder/me). Nothing shows until it is known: no spinner in a calm moment.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import type { LadderStage } from '../lib/api-types';
import { plural } from '../lib/words';

export interface ProgressView {
  week: { days: number; goal: number; met: boolean };
  currentRun: number;
  stage: LadderStage;
}

/** What to try next from each stage; the last one has reached the top. */
const NEXT: Record<LadderStage, MessageKey | null> = {
  observer: 'celebrate.next.practising',
  practising: 'celebrate.next.sharing_community',
  sharing_community: 'celebrate.next.sharing_public',
  sharing_public: 'celebrate.next.main_space',
  main_space: null,
};

async function fetchProgress(slug: string): Promise<ProgressView | null> {
  const param = { slug };
  const [rhythm, ladder] = await Promise.all([api.communities[':slug'].rhythm.me.$get({ param }), api.communities[':slug'].ladder.me.$get({ param })]);
  if (!rhythm.ok || !ladder.ok) return null;
  const r = await rhythm.json();
  const l = await ladder.json();
  return { week: { days: r.thisWeek.days, goal: r.thisWeek.goal, met: r.thisWeek.met }, currentRun: r.currentRun, stage: l.stage };
}

export function CelebrationProgress({ slug, progress: initial }: { slug: string; progress?: ProgressView | null }) {
  const { t, lang } = useI18n();
  const [progress, setProgress] = useState(initial ?? null);
  useEffect(() => {
    if (initial) return;
    // A failed look-up just leaves the points alone on screen.
    fetchProgress(slug).then(setProgress, () => {});
  }, []);
  if (!progress) return null;
  const next = NEXT[progress.stage];
  return (
    <ul class="celebration-progress">
      <li>
        {plural(t, lang, 'rhythm.thisWeek', progress.week.days, { goal: progress.week.goal })}
        {progress.week.met && ` ${t('rhythm.met')}`}
        {progress.currentRun > 0 && ` ${plural(t, lang, 'rhythm.current', progress.currentRun)}.`}
      </li>
      <li>
        {next ? t(next) : t('celebrate.top')}{' '}
        <a href={`/me#ladder-${slug}`}>{t('celebrate.ladder')}</a>
      </li>
    </ul>
  );
}
