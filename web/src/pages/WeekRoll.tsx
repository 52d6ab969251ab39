/**
 * A community's weekly shout-out roll: new contributors, rhythm milestones, spotlighted and most encouraged
 * answers. Only members who show their name appear; anonymous answers never do (the API sees to it).
 */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import type { WeekRoll as Roll } from '../lib/api-types';
import { formatDay } from '../lib/dates';
import { plural } from '../lib/words';
import { shownName } from '../lib/names';

export interface WeekRollProps {
  community: { slug: string; name: string };
  roll: Roll;
  /** ISO weeks of the neighbouring rolls, when they exist. */
  previous: string | null;
  next: string | null;
}

type Shown = Roll['spotlights'][number] | Roll['mostEncouraged'][number];

function AnswerLine({ item, children }: { item: Shown; children?: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <li class="card">
      <p class="answer-by">{t('week.by', { name: shownName(item.author.name, t) })}</p>
      {item.body && <p class="answer-body">{item.body}</p>}
      {children}
      <p>
        <a href={`/a/${item.submissionId}`}>{t('profile.open')}</a>
      </p>
    </li>
  );
}

export default function WeekRoll({ community, roll, previous, next }: WeekRollProps) {
  const { t, lang } = useI18n();
  const base = `/c/${community.slug}/week`;
  const empty =
    roll.newContributors.length + roll.rhythmMilestones.length + roll.spotlights.length + roll.mostEncouraged.length === 0;
  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${community.slug}`}>{community.name}</a>
      </p>
      <h1>{t('week.title', { community: community.name })}</h1>
      <p class="lede">{t('week.of', { date: formatDay(roll.weekOf, lang, 'dayMonth') })}</p>
      <p class="hint">{t('week.intro')}</p>
      {empty && <p class="empty">{t('week.empty')}</p>}
      {roll.newContributors.length > 0 && (
        <section aria-labelledby="new-heading">
          <h2 id="new-heading">{t('week.newContributors')}</h2>
          <ul class="plain-list">
            {roll.newContributors.map((p, i) => (
              <li key={i}>{shownName(p.name, t)}</li>
            ))}
          </ul>
        </section>
      )}
      {roll.rhythmMilestones.length > 0 && (
        <section aria-labelledby="milestones-heading">
          <h2 id="milestones-heading">{t('week.milestones')}</h2>
          <ul class="plain-list">
            {roll.rhythmMilestones.map((m, i) => (
              <li key={i}>{plural(t, lang, 'week.milestone', m.weeks, { name: shownName(m.name, t) })}</li>
            ))}
          </ul>
        </section>
      )}
      {roll.spotlights.length > 0 && (
        <section aria-labelledby="spotlights-heading">
          <h2 id="spotlights-heading">{t('week.spotlights')}</h2>
          <ul class="my-answers">
            {roll.spotlights.map((s) => (
              <AnswerLine key={s.submissionId} item={s}>
                {s.note && <p class="spotlight-note">{s.note}</p>}
              </AnswerLine>
            ))}
          </ul>
        </section>
      )}
      {roll.mostEncouraged.length > 0 && (
        <section aria-labelledby="encouraged-heading">
          <h2 id="encouraged-heading">{t('week.mostEncouraged')}</h2>
          <ul class="my-answers">
            {roll.mostEncouraged.map((e) => (
              <AnswerLine key={e.submissionId} item={e}>
                <p class="muted">{plural(t, lang, 'week.kudos', e.kudos)}</p>
              </AnswerLine>
            ))}
          </ul>
        </section>
      )}
      {(previous || next) && (
        <p class="more">
          {previous && <a href={`${base}/${previous}`}>{t('week.prev')}</a>}
          {next && <a href={`${base}/${next}`}>{t('week.next')}</a>}
        </p>
      )}
    </>
  );
}
