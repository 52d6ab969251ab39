/**
 * The home page's featured prompt: today's prompt of the liveliest public community, answerable right here.
 * Signed in, the answer form is the today page's own (it posts to the same routes, and celebrates in place
 * with JavaScript); signed out, both options are shown with one way to sign in and come back to answer.
 */
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import type { Level, PromptView } from '../lib/answer-types';
import { plural } from '../lib/words';
import { AnswerForm } from './AnswerForm';

export interface FeaturedPromptProps {
  community: { slug: string; name: string };
  prompt: PromptView;
  access: 'signIn' | 'answer';
  /** Signed in but not a member yet: the first answer joins this public community. */
  joins: boolean;
  viewerName: string | null;
}

export function FeaturedPrompt({ community, prompt, access, joins, viewerName }: FeaturedPromptProps) {
  const { t, lang } = useI18n();
  const [level, setLevel] = useState<Level | null>(null);
  const [answered, setAnswered] = useState<Level[]>(prompt.answered);
  const base = `/c/${encodeURIComponent(community.slug)}`;
  const answerHere = `${base}?prompt=${prompt.id}#answer`;
  return (
    <section class="featured card" aria-labelledby="featured-title">
      <h2 id="featured-title">{t('home.featuredTitle', { name: community.name })}</h2>
      <dl class="prompt-pair">
        {(['easy', 'hard'] as const).map((l) => (
          <div key={l}>
            <dt>
              <span class={`level level-${l}`}>{t(l === 'easy' ? 'level.easy' : 'level.hard')}</span>
              <span class="points">{plural(t, lang, 'points', prompt[l].points)}</span>
            </dt>
            <dd>{prompt[l].text}</dd>
          </div>
        ))}
      </dl>
      {access === 'answer' ? (
        <AnswerForm
          slug={community.slug}
          prompt={{ ...prompt, answered }}
          answered={answered}
          level={level}
          onLevel={setLevel}
          onAnswered={(posted) => setAnswered((a) => [...a, posted.level])}
          galleryHref={`${base}/p/${prompt.id}`}
          postingAs={{ community: community.name, name: viewerName }}
          joins={joins}
        />
      ) : (
        <p class="actions">
          <a class="button" href={`/sign-in?next=${encodeURIComponent(answerHere)}`}>
            {t('home.signInToAnswer')}
          </a>
          <a href={`${base}/p/${prompt.id}`}>{t('today.gallery')}</a>
        </p>
      )}
    </section>
  );
}
