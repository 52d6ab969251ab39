/**
 * Encouragement notes under an answer (issue 15). The author reads every note with its sender's name, replies,
 * marks one helpful, reports it or blocks its sender; another member leaves one note from a starter and reads
 * their own exchange (the author of an anonymous answer is only ever "the author"); facilitators read all and
 * hide or restore. Plain forms posting to the answer page.
 */
import { NOTE_STARTERS } from '../../../src/schemas/connect';
import { useI18n } from '../i18n';

export interface NoteItem {
  id: number;
  starter: string;
  helpful: boolean;
  moderation: 'visible' | 'hidden';
  reported: boolean;
  reader: string;
  counterpart: { kind: 'the_author' } | { kind: 'named'; name: string } | null;
  messages: { from: 'sender' | 'author'; text: string }[];
  canReply: boolean;
}

export interface NotesPanelProps {
  answerRef: string | number;
  notes: NoteItem[];
  /** The viewer may leave a note (a member, not the author, without a note here yet). */
  canSend: boolean;
  /** For the author: notes are off. */
  notesOff: boolean | null;
  /** A refusal to say after a post: 'refused' | 'already' | 'invalid'. */
  problem: string | null;
}

export function NotesPanel({ answerRef, notes, canSend, notesOff, problem }: NotesPanelProps) {
  const { t } = useI18n();
  const action = (what: string, id?: number) => `/a/${answerRef}/notes${id ? `/${id}` : ''}${what ? `/${what}` : ''}`;
  const author = notesOff !== null;
  const who = (n: NoteItem, from: 'sender' | 'author') => {
    const mine = (n.reader === 'sender' && from === 'sender') || (n.reader === 'author' && from === 'author');
    if (mine) return t('notes.you');
    if (from === 'author') return n.counterpart?.kind === 'named' && n.reader === 'sender' ? n.counterpart.name : t('notes.fromAuthor');
    return n.counterpart?.kind === 'named' ? n.counterpart.name : '';
  };
  const problems = { refused: 'notes.refused', already: 'notes.already', invalid: 'notes.invalid' } as const;
  return (
    <section class="card" aria-labelledby="notes-heading" id="notes">
      <h2 id="notes-heading">{t('notes.heading')}</h2>
      <p class="hint">{author ? t('notes.authorHint') : t('notes.senderHint')}</p>
      {problem && problem in problems && (
        <p class="status" role="alert">
          {t(problems[problem as keyof typeof problems])}
        </p>
      )}
      {author && notesOff && <p class="notice">{t('notes.off')}</p>}
      {author && notes.length === 0 && <p class="empty">{t('notes.none')}</p>}
      <ul class="plain-list">
        {notes.map((n) => (
          <li class="note" key={n.id} id={`note-${n.id}`}>
            <p class="small-heading">{t(`notes.starter-${n.starter}` as 'notes.starter-thank_you_for')}</p>
            {n.messages.map((m, i) => (
              <p key={i}>
                <strong>{who(n, m.from)}</strong>: {m.text}
              </p>
            ))}
            {n.moderation === 'hidden' && <p class="hint">{t('notes.hidden')}</p>}
            {n.canReply && (
              <form method="post" action={action('reply', n.id)}>
                <label for={`reply-${n.id}`}>{t('notes.replyLabel')}</label>
                <textarea id={`reply-${n.id}`} name="text" maxLength={280} rows={2} required />
                <button type="submit" class="secondary">
                  {t('notes.reply')}
                </button>
              </form>
            )}
            {n.reader === 'author' && (
              <div class="actions">
                {n.helpful ? (
                  <span class="status ok">{t('notes.markedHelpful')}</span>
                ) : (
                  <form method="post" action={action('helpful', n.id)}>
                    <button type="submit" class="small">
                      {t('notes.helpful')}
                    </button>
                  </form>
                )}
                {n.reported ? (
                  <span class="hint">{t('notes.reported')}</span>
                ) : (
                  <form method="post" action={action('report', n.id)}>
                    <button type="submit" class="small secondary">
                      {t('notes.report')}
                    </button>
                  </form>
                )}
                <form method="post" action={action('block', n.id)}>
                  <button type="submit" class="small secondary">
                    {t('notes.block', { name: n.counterpart?.kind === 'named' ? n.counterpart.name : '' })}
                  </button>
                </form>
              </div>
            )}
            {n.reader === 'facilitator' && (
              <form method="post" action={action(n.moderation === 'hidden' ? 'restore' : 'hide', n.id)}>
                <button type="submit" class="small secondary">
                  {t(n.moderation === 'hidden' ? 'notes.restore' : 'notes.hide')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {canSend && (
        <form method="post" action={action('')}>
          <fieldset class="choices compact">
            <legend>{t('notes.starter')}</legend>
            {NOTE_STARTERS.map((s, i) => (
              <div class="choice" key={s}>
                <input type="radio" id={`starter-${s}`} name="starter" value={s} required checked={i === 0} />
                <label for={`starter-${s}`}>{t(`notes.starter-${s}`)}</label>
              </div>
            ))}
          </fieldset>
          <label for="note-text">{t('notes.text')}</label>
          <textarea id="note-text" name="text" maxLength={280} rows={3} required />
          <button type="submit">{t('notes.send')}</button>
        </form>
      )}
    </section>
  );
}
