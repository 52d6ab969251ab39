/**
 * A community's today page: the day's prompt(s) as easy and hard cards, the answer form for the prompt in
 * focus, and the earlier prompts still open. Readable and answerable without JavaScript.
 */
import { useState } from 'preact/hooks';
import { AnswerForm, type Posted } from '../components/AnswerForm';
import type { ProgressView } from '../components/CelebrationProgress';
import { FacilitatorMenu, type FacilitatorLinks } from '../components/FacilitatorMenu';
import { LevelCard } from '../components/LevelCard';
import { LiveSessionCard } from '../components/LiveSessionCard';
import type { LiveSession } from '../lib/api-types';
import { useI18n } from '../i18n';
import { plural } from '../lib/words';
import type { AnswerErrors } from '../lib/answer-errors';
import type { AnswerDraft, Level, PromptView } from '../lib/answer-types';
import { formatDay } from '../lib/dates';

export interface TodayProps {
  community: { slug: string; name: string };
  /** The community's local day, YYYY-MM-DD. */
  date: string;
  /** What the viewer can do: sign in, join (a private community), or answer (a public one is joined by answering). */
  access: 'signIn' | 'join' | 'answer';
  /** Signed in to a public community they have not joined: the first answer joins it. */
  joinsWithAnswer: boolean;
  /** The member's display name for "Posting … as …"; null when signed out or not chosen yet. */
  viewerName: string | null;
  prompts: PromptView[];
  open: PromptView[];
  /** The prompt the answer form is for (?prompt=ID, else the first of today). */
  focusId: number | null;
  level: Level | null;
  posted: (Posted & { promptId: number }) | null;
  /** With `posted`: the week's rhythm and the ladder stage, for the celebration. */
  progress?: ProgressView | null;
  joined: boolean;
  /** The facilitator just started this community: point to its first series. */
  created?: boolean;
  draft: AnswerDraft | null;
  errors: AnswerErrors | null;
  /** Facilitators only: their menu's links. */
  facilitator?: FacilitatorLinks | null;
  /** Live sessions on now or within a week (issue 15). */
  live?: LiveSession[];
  /** Archived by a steward (issue 14): read-only, its gallery kept. */
  archived?: boolean;
}

const levels = ['easy', 'hard'] as const;

export default function Today(props: TodayProps) {
  const { community, date, access, prompts, open, focusId } = props;
  const { t, lang } = useI18n();
  const [answered, setAnswered] = useState<Record<number, Level[]>>(() =>
    Object.fromEntries([...prompts, ...open].map((p) => [p.id, p.answered])),
  );
  const [level, setLevel] = useState<Level | null>(props.level);
  const focus = [...prompts, ...open].find((p) => p.id === focusId) ?? null;
  const base = `/c/${encodeURIComponent(community.slug)}`;
  const galleryOf = (id: number) => `${base}/p/${id}`;
  const answerPath = (id: number, l?: Level) => `${base}?prompt=${id}${l ? `&level=${l}` : ''}#answer`;
  // Signing in comes back to the very option chosen, ready to answer.
  const signInTo = (path: string) => `/sign-in?next=${encodeURIComponent(path)}`;
  const answerHref = (id: number, l: Level) =>
    access === 'answer' ? answerPath(id, l) : access === 'signIn' ? signInTo(answerPath(id, l)) : `${base}/join`;

  const chooseLevel = (l: Level) => {
    setLevel(l);
    document.getElementById('answer-body')?.focus();
  };

  const cards = (p: PromptView, inFocus: boolean) => (
    <div class="level-cards">
      {levels.map((l) => (
        <LevelCard
          key={l}
          promptId={p.id}
          level={l}
          text={p[l].text}
          points={p[l].points}
          answered={(answered[p.id] ?? []).includes(l)}
          answerHref={answerHref(p.id, l)}
          onChoose={inFocus && access === 'answer' ? chooseLevel : undefined}
          selected={inFocus && access === 'answer' && level === l}
        />
      ))}
    </div>
  );

  const promptSection = (p: PromptView, inFocus: boolean) => (
    <section class="today-prompt" key={p.id} aria-labelledby={`prompt-${p.id}-title`}>
      <h2 id={`prompt-${p.id}-title`}>{t('today.series', { series: p.seriesTitle })}</h2>
      {p.opensOn !== date && <p class="muted">{t('today.openedOn', { date: formatDay(p.opensOn, lang, 'dayMonth') })}</p>}
      {cards(p, inFocus)}
      <p class="links">
        <a href={galleryOf(p.id)}>{t('today.gallery')}</a>
      </p>
      {inFocus && access === 'answer' && (
        <AnswerForm
          slug={community.slug}
          prompt={p}
          answered={answered[p.id] ?? []}
          level={level}
          onLevel={setLevel}
          onAnswered={(posted) => setAnswered((a) => ({ ...a, [p.id]: [...(a[p.id] ?? []), posted.level] }))}
          draft={props.draft}
          errors={props.errors}
          posted={props.posted?.promptId === p.id ? props.posted : null}
          progress={props.progress ?? null}
          galleryHref={galleryOf(p.id)}
          postingAs={{ community: community.name, name: props.viewerName }}
          joins={props.joinsWithAnswer}
        />
      )}
      {inFocus && access === 'signIn' && (
        <p class="notice">
          <a href={signInTo(answerPath(p.id))}>{t('today.signInToAnswer')}</a>
        </p>
      )}
      {inFocus && access === 'join' && (
        <form class="notice" method="post" action={`${base}/join`}>
          <p>{t('today.joinToAnswer')}</p>
          <button type="submit">{t('join.submit')}</button>
        </form>
      )}
    </section>
  );

  const stillOpen = open.filter((p) => p.id !== focus?.id);
  // A facilitator's two ways to a first series: after creating the community, and whenever nothing is open.
  const firstSeries = (
    <p class="actions">
      <a class="button" href={`${base}/series/templates`}>
        {t('facilitator.fromTemplate')}
      </a>
      <a class="button secondary" href={`${base}/series/new`}>
        {t('facilitator.newSeries')}
      </a>
    </p>
  );

  return (
    <>
      <h1>{t('today.title', { community: community.name })}</h1>
      <p class="lede">{t('today.date', { date: formatDay(date, lang, 'dayMonth') })}</p>
      <p class="links">
        <a href={`${base}/leaderboard`}>{t('today.leaderboard')}</a> · <a href={`${base}/helpers`}>{t('today.helpers')}</a> · <a href={`${base}/feeds`}>{t('today.feeds')}</a> ·{' '}
        <a href={`${base}/live`}>{t('live.hub')}</a>
      </p>
      <FacilitatorMenu links={props.facilitator} />
      {props.archived && <p class="status">{t('today.archived')}</p>}
      {props.joined && <p class="status ok">{t('today.welcome')}</p>}
      {props.created && (
        <div class="status ok" role="status">
          <p>{t('newCommunity.created')}</p>
          {firstSeries}
        </div>
      )}
      {props.live && props.live.length > 0 && (
        <section class="live-strip" aria-labelledby="live-title">
          <h2 id="live-title">{t('live.today')}</h2>
          {props.live.map((s) => (
            <LiveSessionCard key={s.id} session={s} slug={community.slug} />
          ))}
          <p class="links">
            <a href={`${base}/live`}>{t('live.all')}</a>
          </p>
        </section>
      )}
      {focus && promptSection(focus, true)}
      {prompts.filter((p) => p !== focus).map((p) => promptSection(p, false))}
      {prompts.length === 0 && stillOpen.length > 0 && <p>{t('today.none')}</p>}
      {prompts.length === 0 && stillOpen.length === 0 && (
        // Nothing to answer at all: say where prompts come from, and to a facilitator how to start one.
        <div class="empty empty-teach">
          <p class="empty-title">{t('empty.noPrompt')}</p>
          <p>{t(props.facilitator ? 'empty.noSeriesFacilitator' : 'empty.noSeries')}</p>
          {/* Just created: the welcome above already offers them. */}
          {props.facilitator && !props.created && firstSeries}
        </div>
      )}
      {stillOpen.length > 0 && (
        <section class="still-open" aria-labelledby="still-open-title">
          <h2 id="still-open-title">{t('today.stillOpen')}</h2>
          <ul class="open-list">
            {stillOpen.map((p) => {
              const done = answered[p.id] ?? [];
              return (
                <li key={p.id} class="card">
                  <p class="muted">{t('today.openedOn', { date: formatDay(p.opensOn, lang, 'dayMonth') })}</p>
                  <p class="series-title">{t('today.series', { series: p.seriesTitle })}</p>
                  <ul class="open-levels">
                    {levels.map((l) => (
                      <li key={l}>
                        <span class="level-name">{t(l === 'easy' ? 'level.easy' : 'level.hard')}</span>{' '}
                        <span class="points">
                          {plural(t, lang, 'points', p[l].points)}
                        </span>
                        <span class="open-text">{p[l].text}</span>
                        {done.includes(l) && <span class="answered">{t('level.answered')}</span>}
                      </li>
                    ))}
                  </ul>
                  {access === 'answer' && done.length < 2 && (
                    <a class="button secondary" href={`${base}?prompt=${p.id}#answer`}>
                      {t('level.choose')}
                    </a>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
