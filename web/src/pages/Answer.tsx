/**
 * An answer's permalink: the prompt it answers, the answer itself, and its kudos; for its author, who sees
 * it and "show my name on it", and the share text for the community's main space.
 */
import { useState } from 'preact/hooks';
import { AnswerCard } from '../components/AnswerCard';
import { AnswerSettings } from '../components/AnswerSettings';
import { ModerationActions } from '../components/ModerationActions';
import { NotesPanel, type NotesPanelProps } from '../components/NotesPanel';
import { ReportForm } from '../components/ReportForm';
import { SharePanel } from '../components/SharePanel';
import { useI18n } from '../i18n';
import type { AnswerSettings as Settings, GalleryItem, KudosKind, ShareText } from '../lib/api-types';

export interface AnswerProps {
  community: { slug: string; name: string };
  prompt: { id: number; easy: { text: string; points: number }; hard: { text: string; points: number } };
  answer: GalleryItem;
  given: KudosKind[];
  access: 'signedOut' | 'visitor' | 'member';
  now: string;
  /** For the author alone: the answer's settings, its share text, and their name (for a claim). */
  own: { settings: Settings; share: ShareText; name: string; saved: 'claimed' | 'visibility' | null } | null;
  /** Members reading someone else's answer may report it; `done` just after they did. */
  report?: { done: boolean } | null;
  /** For the community's facilitators: hide, restore or remove it from here. */
  moderate?: { submissionId: number } | null;
  /** Encouragement notes (issue 15), for signed-in members of the community. */
  notes?: Omit<NotesPanelProps, 'answerRef'> | null;
}

export default function Answer({ community, prompt, answer: initial, given, access, now, own, report, moderate, notes }: AnswerProps) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState(initial);
  const [settings, setSettings] = useState(own?.settings ?? null);
  function changed(next: Settings) {
    setSettings(next);
    // A claimed answer shows its author's name from now on, here as everywhere.
    if (own && !next.anonymous) setAnswer((a) => ({ ...a, author: { name: own.name } }));
  }
  const kudosMode =
    access === 'signedOut' ? 'signIn' : access === 'visitor' ? 'join' : answer.mine ? 'own' : 'give';
  const gallery = `/c/${community.slug}/p/${prompt.id}`;
  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${community.slug}`}>{community.name}</a>
      </p>
      <h1>{t('answer.title', { community: community.name })}</h1>
      <section class="prompt-pair" aria-labelledby="prompt-heading">
        <h2 id="prompt-heading" class="small-heading">
          {t('answer.prompt')} · {t(answer.level === 'easy' ? 'level.easy' : 'level.hard')}
        </h2>
        <p>{prompt[answer.level].text}</p>
      </section>
      <div class="single-answer">
        <AnswerCard
          item={answer}
          now={now}
          kudosMode={kudosMode}
          given={given}
          returnTo={`/a/${answer.id}`}
          joinHref={`/c/${community.slug}`}
          permalink={false}
          priority
        />
      </div>
      {notes && (notes.canSend || notes.notes.length > 0 || notes.notesOff !== null) && <NotesPanel answerRef={answer.id} {...notes} />}
      {report && <ReportForm answerId={answer.id} done={report.done} />}
      {moderate && (
        <ModerationActions
          slug={community.slug}
          submissionId={moderate.submissionId}
          hidden={answer.hidden === true}
          returnTo={`/a/${answer.id}`}
        />
      )}
      {own && settings && (
        <>
          <section class="card" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{t('answerSettings.heading')}</h2>
            <AnswerSettings answer={settings} returnTo={`/a/${answer.id}`} saved={own.saved} onChange={changed} />
          </section>
          <SharePanel share={own.share} anonymous={settings.anonymous} visibility={settings.visibility} />
        </>
      )}
      <p>
        <a href={gallery}>{t('answer.back')}</a>
      </p>
    </>
  );
}
