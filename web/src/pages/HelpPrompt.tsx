/** One help prompt, /c/:slug/help/:id: the question, its answers, and a form to answer it (earning a credit). */
import { ReportForm } from '../components/ReportForm';
import { useI18n } from '../i18n';
import type { HelpPromptPage } from '../lib/api-types';

export interface HelpPromptProps {
  page: HelpPromptPage;
  canReply: boolean;
  /** Members may report others' answers, as they report answers to prompts. */
  canReport?: boolean;
  /** The answer the viewer just reported. */
  reported?: number | null;
  /** Facilitators may remove an answer (moderation). */
  canModerate: boolean;
  done: boolean;
  /** A facilitator just removed an answer. */
  removed: boolean;
  error: 'invalid' | 'answered' | 'limit' | null;
}

export default function HelpPrompt({ page, canReply, canReport = false, reported = null, canModerate, done, removed, error }: HelpPromptProps) {
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
            <p class="muted">
              {r.author}
              {r.moderation === 'hidden' && ` · ${t('helpmod.hidden')}`}
            </p>
            {canModerate && (
              <div class="moderation-actions">
                <form method="post" action={`${base}/help/${prompt.id}/replies/${r.id}/moderation`}>
                  <input type="hidden" name="action" value={r.moderation === 'hidden' ? 'restore' : 'hide'} />
                  <button type="submit" class="small secondary">
                    {t(r.moderation === 'hidden' ? 'moderation.restore' : 'moderation.hide')}
                  </button>
                </form>
                <form method="post" action={`${base}/help/${prompt.id}/replies/${r.id}/remove`}>
                  <button type="submit" class="secondary">
                    {t('help.remove')}
                  </button>
                </form>
              </div>
            )}
            {canReport && !r.own && (
              <ReportForm answerId={r.id} scope={`help-${r.id}`} action={`${base}/help/${prompt.id}/replies/${r.id}/report`} done={reported === r.id} />
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
