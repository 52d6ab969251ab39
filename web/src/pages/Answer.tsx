/** An answer's permalink: the prompt it answers, the answer itself, and its kudos. */
import { AnswerCard } from '../components/AnswerCard';
import { useI18n } from '../i18n';
import type { GalleryItem, KudosKind } from '../lib/api-types';

export interface AnswerProps {
  community: { slug: string; name: string };
  prompt: { id: number; easy: { text: string; points: number }; hard: { text: string; points: number } };
  answer: GalleryItem;
  given: KudosKind[];
  access: 'signedOut' | 'visitor' | 'member';
  now: string;
}

export default function Answer({ community, prompt, answer, given, access, now }: AnswerProps) {
  const { t } = useI18n();
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
        />
      </div>
      <p>
        <a href={gallery}>{t('answer.back')}</a>
      </p>
    </>
  );
}
