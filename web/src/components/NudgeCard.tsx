/**
 * Gentle next-step suggestions after encouragement ("3 people encouraged this. Share it with everyone?"):
 * the step itself in one click, a look at the answer, or "not now", which dismisses it for good. Plain form
 * posts without JavaScript; the API with it, and the card leaves once handled.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import type { Nudge } from '../lib/api-types';
import { plural, type PluralBase } from '../lib/words';

const WORDS: Record<Nudge['kind'], PluralBase> = {
  share_community: 'nudge.share_community',
  share_public: 'nudge.share_public',
  main_space: 'nudge.main_space',
};
/** The one-click step: widen the answer, or (for the main space) open its share text. */
const STEP = {
  share_community: { visibility: 'community', label: 'answerSettings.to.community' },
  share_public: { visibility: 'public', label: 'answerSettings.to.public' },
  main_space: null,
} as const satisfies Record<Nudge['kind'], { visibility: string; label: MessageKey } | null>;

function NudgeCard({ nudge, onDone }: { nudge: Nudge; onDone: (text: string | null) => void }) {
  const { t, lang } = useI18n();
  const step = STEP[nudge.kind];
  const textId = `nudge-${nudge.id}`;

  async function act(event: Event, call: () => Promise<Response>, done: string | null) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    try {
      const res = await call();
      if (!res.ok) throw new Error(String(res.status));
      onDone(done);
    } catch {
      form.submit();
    }
  }

  return (
    <li class="card nudge">
      <p id={textId}>{plural(t, lang, WORDS[nudge.kind], nudge.encouragedBy)}</p>
      <div class="actions">
        {step ? (
          <form
            method="post"
            action={`/a/${nudge.submissionId}/settings`}
            onSubmit={(e) =>
              act(e, () => api.submissions[':id'].$patch({ param: { id: String(nudge.submissionId) }, json: { visibility: step.visibility } }), t('profile.saved'))
            }
          >
            <input type="hidden" name="next" value="/me" />
            <input type="hidden" name="visibility" value={step.visibility} />
            <button type="submit" aria-describedby={textId}>
              {t(step.label)}
            </button>
          </form>
        ) : (
          <a class="button" href={`/a/${nudge.submissionId}#share`} aria-describedby={textId}>
            {t('nudge.shareText')}
          </a>
        )}
        <a href={`/a/${nudge.submissionId}`}>{t('nudge.open')}</a>
        <form
          method="post"
          action={`/me/nudges/${nudge.id}/dismiss`}
          onSubmit={(e) => act(e, () => api.me.nudges[':id'].dismiss.$post({ param: { id: String(nudge.id) } }), t('nudge.dismissed'))}
        >
          <button type="submit" class="secondary" aria-describedby={textId}>
            {t('nudge.dismiss')}
          </button>
        </form>
      </div>
    </li>
  );
}

/** The pending nudges, with one status line that outlives the cards it reports on. */
export function NudgeList({ nudges: initial, headingId }: { nudges: Nudge[]; headingId: string }) {
  const [nudges, setNudges] = useState(initial);
  const [status, setStatus] = useState('');
  return (
    <>
      <ul class="nudges" aria-labelledby={headingId}>
        {nudges.map((n) => (
          <NudgeCard
            key={n.id}
            nudge={n}
            onDone={(text) => {
              setNudges((all) => all.filter((x) => x.id !== n.id));
              setStatus(text ?? '');
            }}
          />
        ))}
      </ul>
      <p class="status ok" role="status">
        {status}
      </p>
    </>
  );
}
