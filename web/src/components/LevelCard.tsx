/** One option of a prompt (easy or hard): its text, its points, and whether the viewer answered it. */
import type { TargetedMouseEvent } from 'preact';
import { useI18n } from '../i18n';
import { plural } from '../lib/words';
import type { Level } from '../lib/answer-types';

export interface LevelCardProps {
  promptId: number;
  level: Level;
  text: string;
  points: number;
  answered: boolean;
  /** Where "answer this one" goes without JavaScript; absent when the viewer cannot answer. */
  answerHref?: string | undefined;
  /** With JavaScript: pick this level in the form on the page instead of reloading. */
  onChoose?: ((level: Level) => void) | undefined;
  selected?: boolean;
}

export function LevelCard({ promptId, level, text, points, answered, answerHref, onChoose, selected }: LevelCardProps) {
  const { t, lang } = useI18n();
  const titleId = `prompt-${promptId}-${level}`;
  const onClick = (e: TargetedMouseEvent<HTMLAnchorElement>) => {
    if (!onChoose) return;
    e.preventDefault();
    onChoose(level);
  };
  return (
    <article class={`card level-card level-card-${level}${selected ? ' selected' : ''}`} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t(level === 'easy' ? 'level.easy' : 'level.hard')}{' '}
        <span class="points">{plural(t, lang, 'points', points)}</span>
      </h3>
      <p class="prompt-text">{text}</p>
      {/* The easy option is the first step for someone hesitant: say plainly that it is small and safe. */}
      {level === 'easy' && !answered && <p class="level-invite">{t('today.easyInvite')}</p>}
      {answered ? (
        <p class="answered">{t('level.answered')}</p>
      ) : (
        answerHref && (
          <a class={level === 'easy' ? 'button' : 'button secondary'} href={answerHref} onClick={onClick} aria-describedby={titleId}>
            {t('level.choose')}
          </a>
        )
      )}
    </article>
  );
}
