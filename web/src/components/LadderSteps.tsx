/**
 * The member's own confidence ladder in one community: every stage, with the day each was reached, the
 * current one marked; and the "I posted in the main space" step, a plain form without JavaScript.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import type { LadderStage, MyLadder } from '../lib/api-types';
import { formatDay } from '../lib/dates';

/** Typed over the API's stages, so a stage added on the server fails the build until it has words here. */
const STAGES: Record<LadderStage, MessageKey> = {
  observer: 'ladder.stage.observer',
  practising: 'ladder.stage.practising',
  sharing_community: 'ladder.stage.sharing_community',
  sharing_public: 'ladder.stage.sharing_public',
  main_space: 'ladder.stage.main_space',
};

export function LadderSteps({ slug, ladder: initial, headingId }: { slug: string; ladder: MyLadder; headingId: string }) {
  const { t, lang } = useI18n();
  const [ladder, setLadder] = useState(initial);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const reached = new Map(ladder.history.map((h) => [h.stage, h.reachedOn]));

  async function markMainSpace(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    try {
      const res = await api.communities[':slug'].ladder['main-space'].$post({ param: { slug } });
      if (!res.ok) throw new Error(String(res.status));
      setLadder(await res.json());
      setStatus({ ok: true, text: t('ladder.mainSpaceDone') });
    } catch {
      form.submit();
    }
  }

  return (
    <div class="ladder">
      <ol class="ladder-steps" aria-labelledby={headingId}>
        {(Object.keys(STAGES) as LadderStage[]).map((stage) => {
          const on = reached.get(stage);
          const current = stage === ladder.stage;
          return (
            <li key={stage} class={`${on ? 'reached' : 'ahead'}${current ? ' current' : ''}`} aria-current={current ? 'step' : undefined}>
              <span class="ladder-stage">{t(STAGES[stage])}</span>{' '}
              <span class="ladder-when">{on ? t('ladder.reached', { date: formatDay(on, lang, 'dayMonth') }) : t('ladder.notYet')}</span>
              {current && <span class="visually-hidden"> ({t('ladder.here')})</span>}
            </li>
          );
        })}
      </ol>
      {ladder.stage !== 'main_space' && (
        <form method="post" action="/me/main-space" onSubmit={markMainSpace} class="ladder-main-space">
          <input type="hidden" name="slug" value={slug} />
          <p class="hint" id={`${headingId}-main-hint`}>
            {t('ladder.mainSpaceHint')}
          </p>
          <button type="submit" class="secondary" aria-describedby={`${headingId}-main-hint`}>
            {t('ladder.mainSpace')}
          </button>
        </form>
      )}
      <p class={`status ${status?.ok === false ? 'error' : 'ok'}`} role="status">
        {status?.text ?? ''}
      </p>
    </div>
  );
}
