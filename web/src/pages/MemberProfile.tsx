/**
 * A member's public profile (only for members who allowed it): their name, their badges and weekly rhythm
 * in each public community, and their public answers that show their name. Read-only.
 */
import { BadgeList } from '../components/BadgeList';
import { RhythmSummary } from '../components/RhythmSummary';
import { useI18n } from '../i18n';
import type { PublicProfile } from '../lib/api-types';
import { relativeTime } from '../lib/dates';
import { shownName } from '../lib/names';

export interface MemberProfileProps {
  profile: PublicProfile;
  now: string;
}

export default function MemberProfile({ profile, now }: MemberProfileProps) {
  const { t, lang } = useI18n();
  // Badges link only evidence everyone may read: the public answers listed below.
  const shownIds = new Set(profile.answers.map((a) => a.id));
  return (
    <>
      <h1>{shownName(profile.name, t)}</h1>
      <p class="lede">{t('member.intro')}</p>
      {profile.communities.map((c) => (
        <section key={c.slug} class="card recognition" aria-labelledby={`community-${c.slug}`}>
          <h2 id={`community-${c.slug}`}>
            <a href={`/c/${c.slug}`}>{c.name}</a>
          </h2>
          {c.badges.length > 0 && (
            <>
              <h3 id={`badges-${c.slug}`}>{t('badges.heading')}</h3>
              <BadgeList badges={c.badges} headingId={`badges-${c.slug}`} evidenceAmong={shownIds} />
            </>
          )}
          <h3>{t('rhythm.heading')}</h3>
          <RhythmSummary rhythm={c.rhythm} />
        </section>
      ))}
      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t('member.answers')}</h2>
        {profile.answers.length === 0 ? (
          <p>{t('member.noAnswers')}</p>
        ) : (
          <ul class="my-answers">
            {profile.answers.map((a) => (
              <li key={a.id} class="card">
                <p class="answer-meta">
                  <a href={`/c/${a.community.slug}`}>{a.community.name}</a>
                  <span class={`level level-${a.level}`}>{t(a.level === 'easy' ? 'level.easy' : 'level.hard')}</span>
                  <time dateTime={a.createdAt}>{relativeTime(a.createdAt, now, lang)}</time>
                </p>
                <h3 class="small-heading" id={`answer-${a.id}`}>
                  {a.prompt.text}
                </h3>
                <p class="answer-body">{a.body}</p>
                <p>
                  <a href={`/a/${a.id}`} aria-describedby={`answer-${a.id}`}>
                    {t('profile.open')}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
