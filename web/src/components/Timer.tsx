/**
 * A gentle, optional two-minute timer. It never posts anything: when time is up it says so, kindly.
 * The countdown is a role=timer (not announced each second); a polite live region speaks at the start,
 * at one minute left and at the end. The bar moves in one-second steps, smoothly only without reduced motion.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n, type MessageKey } from '../i18n';
import { useHydrated } from '../lib/hydrated';

export const TIMER_SECONDS = 120;

export function Timer({ seconds = TIMER_SECONDS, now = () => Date.now() }: { seconds?: number; now?: () => number }) {
  const { t } = useI18n();
  const hydrated = useHydrated();
  const [left, setLeft] = useState<number | null>(null);
  const [said, setSaid] = useState<MessageKey | null>(null);
  const interval = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  const stop = () => {
    clearInterval(interval.current);
    interval.current = undefined;
  };
  useEffect(() => stop, []);

  const start = () => {
    stop();
    const endsAt = now() + seconds * 1000;
    setLeft(seconds);
    setSaid('timer.started');
    interval.current = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((endsAt - now()) / 1000));
      setLeft(remaining);
      if (remaining === 60) setSaid('timer.minuteLeft');
      if (remaining === 0) {
        stop();
        setSaid('timer.done');
      }
    }, 1000);
  };
  const cancel = () => {
    stop();
    setLeft(null);
    setSaid(null);
  };

  if (!hydrated) return null;
  const running = left !== null && left > 0;
  const mm = String(Math.floor((left ?? seconds) / 60));
  const ss = String((left ?? seconds) % 60).padStart(2, '0');
  return (
    <section class="timer" aria-labelledby="timer-title">
      <h3 id="timer-title" class="visually-hidden">
        {t('timer.label')}
      </h3>
      <div class="timer-row">
        {running ? (
          <button type="button" class="secondary" onClick={cancel}>
            {t('timer.stop')}
          </button>
        ) : (
          <button type="button" class="secondary" onClick={start}>
            {t('timer.start')}
          </button>
        )}
        {left !== null && (
          <span role="timer" class="timer-left">
            {t('timer.left', { minutes: mm, seconds: ss })}
          </span>
        )}
      </div>
      {left !== null && (
        <div class="timer-bar" aria-hidden="true">
          <span style={{ width: `${(100 * (seconds - left)) / seconds}%` }} />
        </div>
      )}
      <p class="hint">{t('timer.hint')}</p>
      {/* Read out at start and at one minute; shown only when time is up (the countdown already shows the rest). */}
      <p class={said === 'timer.done' ? 'timer-said' : 'timer-said visually-hidden'} aria-live="polite">
        {said ? t(said) : ''}
      </p>
    </section>
  );
}
