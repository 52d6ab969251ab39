/** One help prompt, /c/:slug/help/:id: the question, its answers, and a form to answer it (earning a credit). */
import { useI18n } from '../i18n';
import type { HelpPromptPage } from '../lib/api-types';

export interface HelpPromptProps {
  page: HelpPromptPage;
  canReply: boolean;
  /** Facilitators may remove an answer (moderation). */
  canModerate: boolean;
  done: boolean;
  /** A facilitator just removed an answer. */
  removed: boolean;
  error: 'invalid' | 'answered' | 'limit' | null;
}

export default function HelpPrompt({ page, canReply, canModerate, done, removed, error }: HelpPromptProps) {
  const { t } = useI18n();
  const { prompt, community, replies } = page;
  const base = `/c/${encodeURIComponent(community.slug)}`;
  return (
    <>
      <p class="eyebrow">
        <a href={base}>{community.name}</a> · <a href={`${base}/live`}>{t('help.title')}</a>
      </p>
      <h1>{prompt.question}</h1>
      <p class="muted">{t('help.askedBy', { name: prompt.asker.name })}</p>
      {done && (
        <p class="status ok" role="status">
          {t('help.thanks')}
        </p>
      )}
      {removed && (
        <p class="status ok" role="status">
          {t('live.done')}
        </p>
      )}
      {error && (
        <p class="status error" role="alert">
          {t(`live.error.${error}`)}
        </p>
      )}
      <ul class="session-answers">
        {replies.map((r) => (
          <li key={r.id} class="card">
            <p>{r.body}</p>
            <p class="muted">{r.author}</p>
            {canModerate && (
              <form method="post" action={`${base}/help/${prompt.id}/replies/${r.id}/remove`}>
                <button type="submit" class="secondary">
                  {t('help.remove')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {canReply && (
        <form method="post" action={`${base}/help/${prompt.id}/replies`}>
          <label for="help-reply">{t('help.replyLabel')}</label>
          <textarea id="help-reply" name="body" required maxLength={500} />
          <button type="submit">{t('help.reply')}</button>
        </form>
      )}
    </>
  );
}
