/** One help prompt, /c/:slug/help/:id: the question, its answers, and a form to answer it (earning a credit). */
import { useI18n } from '../i18n';
import type { HelpPromptPage } from '../lib/api-types';

export interface HelpPromptProps {
  page: HelpPromptPage;
  canReply: boolean;
  done: boolean;
  error: 'invalid' | 'answered' | 'limit' | null;
}

export default function HelpPrompt({ page, canReply, done, error }: HelpPromptProps) {
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
