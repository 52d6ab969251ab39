/**
 * The author's one-click controls for a posted answer: "show my name on it" (claim an anonymous answer;
 * one way only) and who can see it (any other choice, wider or narrower). Plain form posts to
 * /a/:id/settings without JavaScript; PATCH /api/submissions/:id with it.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import type { AnswerSettings as Settings, Visibility } from '../lib/api-types';

const WHO: Record<Visibility, MessageKey> = {
  facilitators: 'form.visibility.facilitators',
  community: 'form.visibility.community',
  public: 'form.visibility.public',
};
const MOVE_TO: Record<Visibility, MessageKey> = {
  facilitators: 'answerSettings.to.facilitators',
  community: 'answerSettings.to.community',
  public: 'answerSettings.to.public',
};

export interface AnswerSettingsProps {
  answer: Settings;
  /** The page the no-JavaScript form comes back to. */
  returnTo: string;
  /** Told after a change saved through the API, so the page can show it (a name on the card). */
  onChange?: (next: Settings) => void;
  /** Set after the no-JavaScript form saved a change. */
  saved?: 'claimed' | 'visibility' | null;
  /** Say who sees it now (off where the page says so itself). */
  showCurrent?: boolean;
}

export function AnswerSettings({ answer, returnTo, onChange, saved = null, showCurrent = true }: AnswerSettingsProps) {
  const { t } = useI18n();
  const [current, setCurrent] = useState(answer);
  const [busy, setBusy] = useState(false);
  const said = (s: Settings, kind: 'claimed' | 'visibility') =>
    kind === 'claimed' ? t('answerSettings.claimed') : t('answerSettings.saved', { who: t(WHO[s.visibility]) });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(saved ? { ok: true, text: said(answer, saved) } : null);
  const action = `/a/${answer.id}/settings`;
  const hintId = `claim-hint-${answer.id}`;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const button = event.submitter as HTMLButtonElement | null;
    const json = button?.name === 'visibility' ? { visibility: button.value as Visibility } : { anonymous: false };
    setBusy(true);
    setStatus(null);
    try {
      const res = await api.submissions[':id'].$patch({ param: { id: String(answer.id) }, json });
      if (!res.ok) throw new Error(String(res.status));
      const next = await res.json();
      setCurrent(next);
      setStatus({ ok: true, text: said(next, 'anonymous' in json ? 'claimed' : 'visibility') });
      onChange?.(next);
    } catch {
      // The plain post says what went wrong on its own page.
      withField(form, button).submit();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="answer-settings">
      {current.anonymous && (
        <form method="post" action={action} onSubmit={submit}>
          <input type="hidden" name="next" value={returnTo} />
          <input type="hidden" name="anonymous" value="false" />
          <button type="submit" class="secondary" disabled={busy} aria-describedby={hintId}>
            {t('answerSettings.claim')}
          </button>
          <p class="hint" id={hintId}>
            {t('answerSettings.claimHint')}
          </p>
        </form>
      )}
      <form method="post" action={action} onSubmit={submit} class="visibility-moves">
        <input type="hidden" name="next" value={returnTo} />
        {showCurrent && <p class="muted">{t('profile.visibility', { who: t(WHO[current.visibility]) })}</p>}
        <div class="actions" role="group" aria-label={t('answerSettings.heading')}>
          {(Object.keys(WHO) as Visibility[])
            .filter((v) => v !== current.visibility)
            .map((v) => (
              <button key={v} type="submit" name="visibility" value={v} class="secondary small" disabled={busy}>
                {t(MOVE_TO[v])}
              </button>
            ))}
        </div>
      </form>
      <p class={`status ${status?.ok === false ? 'error' : 'ok'}`} role="status">
        {status?.text ?? ''}
      </p>
    </div>
  );
}

/** form.submit() sends no submitter: carry the clicked button's name and value in a hidden field. */
function withField(form: HTMLFormElement, button: HTMLButtonElement | null): HTMLFormElement {
  if (button?.name) {
    const field = document.createElement('input');
    field.type = 'hidden';
    field.name = button.name;
    field.value = button.value;
    form.appendChild(field);
  }
  return form;
}
