/**
 * The facilitators' moderation page (/c/:slug/moderation): reported answers with their reasons and notes
 * (never who reported), hidden answers, and the log of every action with who and when. Every action is a
 * plain form (no JavaScript needed).
 */
import { ModerationActions } from '../components/ModerationActions';
import type { NoteItem } from '../components/NotesPanel';
import { useI18n } from '../i18n';
import type { ModerationView } from '../lib/api-types';
import { plural } from '../lib/words';

export interface ModerationProps {
  view: ModerationView;
  /** Set after an action, to say it was done. */
  done: boolean;
  /** Encouragement notes their recipients reported (issue 15), each with its answer, to hide from there. */
  notes?: (NoteItem & { answerId: number })[];
}

type Answer = ModerationView['hidden'][number];

export default function Moderation({ view, done, notes = [] }: ModerationProps) {
  const { t, lang } = useI18n();
  const { community } = view;
  const base = `/c/${encodeURIComponent(community.slug)}/moderation`;
  const answerBlock = (a: Answer, reported: boolean) => {
    const name = a.author?.name ?? t('gallery.anonymous');
    return (
      <>
        <p class="answer-by">{t('moderation.by', { name })}</p>
        {a.body && <p class="answer-body">{a.body}</p>}
        <p>
          <a href={`/a/${a.ref}`}>{t('moderation.open')}</a>
        </p>
        <ModerationActions slug={community.slug} submissionId={a.id} hidden={a.moderation === 'hidden'} returnTo={base} reported={reported} />
        {a.author && (
          <form method="post" action={`${base}/members`} class="moderation-actions">
            <input type="hidden" name="userId" value={a.author.id} />
            <button type="submit" class="small secondary">
              {t('moderation.removeMember', { name: a.author.name })}
            </button>
            <span class="hint">{t('moderation.removeMemberHint')}</span>
          </form>
        )}
      </>
    );
  };
  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${encodeURIComponent(community.slug)}`}>{community.name}</a>
      </p>
      <h1>{t('moderation.title', { community: community.name })}</h1>
      <p class="lede">{t('moderation.intro')}</p>
      {done && (
        <p class="status ok" role="status">
          {t('moderation.done')}
        </p>
      )}
      {notes.length > 0 && (
        <section aria-labelledby="reported-notes-heading">
          <h2 id="reported-notes-heading">{t('moderation.reportedNotes')}</h2>
          <ul class="my-answers">
            {notes.map((n) => (
              <li key={n.id} class="card">
                {n.messages.map((m, i) => (
                  <p key={i}>{m.text}</p>
                ))}
                {n.moderation === 'hidden' && <p class="hint">{t('notes.hidden')}</p>}
                <p>
                  <a href={`/a/${n.answerId}#note-${n.id}`}>{t('moderation.open')}</a>
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {(view.helpReplies.queue.length > 0 || view.helpReplies.hidden.length > 0) && (
        <section aria-labelledby="help-replies-heading">
          <h2 id="help-replies-heading">{t('helpmod.title')}</h2>
          <ul class="my-answers">
            {[...view.helpReplies.queue.map((q) => ({ reply: q.reply, reports: q.reports })), ...view.helpReplies.hidden.map((reply) => ({ reply, reports: null }))].map(({ reply, reports }) => (
              <li key={`${reply.id}-${reports ? 'r' : 'h'}`} class="card">
                {reports && <ReportCount reports={reports} />}
                {reports?.notes.map((n, i) => (
                  <p key={i}>
                    <q>{n.note}</q>
                  </p>
                ))}
                <p class="answer-by">{t('moderation.by', { name: reply.author.name })}</p>
                <p>{reply.body}</p>
                {reply.moderation === 'hidden' && <p class="hint">{t('helpmod.hidden')}</p>}
                <p>
                  <a href={`/c/${encodeURIComponent(community.slug)}/help/${reply.helpPromptId}`}>{reply.question}</a>
                </p>
                <div class="moderation-actions">
                  {[reply.moderation === 'hidden' ? ('restore' as const) : ('hide' as const), ...(reports && reply.moderation !== 'hidden' ? (['dismiss'] as const) : [])].map((action) => (
                    <form key={action} method="post" action={`/c/${encodeURIComponent(community.slug)}/help/${reply.helpPromptId}/replies/${reply.id}/moderation`}>
                      <input type="hidden" name="action" value={action} />
                      <button type="submit" class="small secondary">
                        {t(`moderation.${action}`)}
                      </button>
                    </form>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t('moderation.queue')}</h2>
        {view.queue.length === 0 ? (
          <p>{t('moderation.queueEmpty')}</p>
        ) : (
          <ul class="my-answers">
            {view.queue.map(({ answer, reports }) => (
              <li key={answer.id} class="card">
                <ReportCount reports={reports} />
                {reports.notes.length > 0 && (
                  <ul class="plain-list">
                    {reports.notes.map((n, i) => (
                      <li key={i}>
                        <q>{n.note}</q>
                      </li>
                    ))}
                  </ul>
                )}
                {answerBlock(answer, true)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="hidden-heading">
        <h2 id="hidden-heading">{t('moderation.hidden')}</h2>
        {view.hidden.length === 0 ? (
          <p>{t('moderation.hiddenEmpty')}</p>
        ) : (
          <ul class="my-answers">
            {view.hidden.map((a) => (
              <li key={a.id} class="card">
                {answerBlock(a, false)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">{t('moderation.log')}</h2>
        {view.log.length === 0 ? (
          <p>{t('moderation.logEmpty')}</p>
        ) : (
          <ul class="plain-list">
            {view.log.map((e) => (
              <li key={e.id}>
                <time dateTime={e.at}>{new Date(e.at).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC</time>
                {' · '}
                {t(`moderation.action.${e.action}`, { actor: e.actor.name, answer: e.submissionId !== null ? `#${e.submissionId}` : `#${e.helpReplyId ?? ''}`, member: e.member?.name ?? '' })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** How many reports, and how many for each reason given (never who reported). */
function ReportCount({ reports }: { reports: { count: number; reasons: ModerationView['queue'][number]['reports']['reasons'] } }) {
  const { t, lang } = useI18n();
  return (
    <p>
      <strong>{plural(t, lang, 'moderation.reports', reports.count)}</strong>
      {': '}
      {Object.entries(reports.reasons)
        .filter(([, n]) => n > 0)
        .map(([reason, n]) => `${t(`report.reason-${reason as keyof typeof reports.reasons}`)} (${n})`)
        .join(', ')}
    </p>
  );
}
