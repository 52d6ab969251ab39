/**
 * The recognition part of the member's own profile: next-step suggestions, news, and for each community
 * their badges, weekly rhythm and confidence ladder, with a link to last week's shout-outs.
 */
import { useI18n } from '../i18n';
import type { MyBadge, MyLadder, MyNudges, MyRhythm, Notification } from '../lib/api-types';
import { BadgeList } from './BadgeList';
import { LadderSteps } from './LadderSteps';
import { NotificationList } from './NotificationList';
import { NudgeList } from './NudgeCard';
import { RhythmHeatmap, type HeatWeekView } from './RhythmHeatmap';
import { RhythmSummary } from './RhythmSummary';

export interface CommunityRecognition {
  slug: string;
  name: string;
  badges: MyBadge[];
  /** A change of the member's is still being recognised: the badges may be a moment behind. */
  pendingBadges: boolean;
  rhythm: MyRhythm;
  /** The last weeks, for the heat map. */
  weeks: HeatWeekView[];
  ladder: MyLadder;
  /** ISO week ('2026-W10') of the last finished community week, when it has a shout-out roll. */
  lastWeek: string | null;
}

export interface MyRecognitionProps {
  recognition: CommunityRecognition[];
  nudges: MyNudges;
  notifications: Notification[];
  now: string;
}

export function MyRecognition({ recognition, nudges, notifications, now }: MyRecognitionProps) {
  const { t } = useI18n();
  return (
    <>
      {nudges.nudges.length > 0 && (
        <section aria-labelledby="nudges-heading">
          <h2 id="nudges-heading">{t('nudges.heading')}</h2>
          <NudgeList nudges={nudges.nudges} headingId="nudges-heading" />
        </section>
      )}
      {notifications.length > 0 && (
        <section aria-labelledby="news-heading">
          <h2 id="news-heading">{t('notifications.heading')}</h2>
          <NotificationList items={notifications} now={now} headingId="news-heading" />
        </section>
      )}
      {recognition.length > 0 && (
        <section aria-labelledby="recognition-heading">
          <h2 id="recognition-heading">{t('profile.recognition')}</h2>
          {recognition.map((c) => (
            <section key={c.slug} class="card recognition" aria-labelledby={`rec-${c.slug}`}>
              <h3 id={`rec-${c.slug}`}>
                <a href={`/c/${c.slug}`}>{c.name}</a>
              </h3>
              <h4 id={`badges-${c.slug}`}>{t('badges.heading')}</h4>
              {/* While a change is being recognised, "no badges yet" would contradict the answer just given. */}
              <BadgeList
                badges={c.badges}
                headingId={`badges-${c.slug}`}
                emptyText={c.pendingBadges ? t('badges.pending') : t('badges.none')}
              />
              {c.pendingBadges && c.badges.length > 0 && (
                <p class="hint" role="status">
                  {t('badges.pending')}
                </p>
              )}
              {c.badges.length > 0 && <p class="hint">{t('badges.credentialHint')}</p>}
              <h4>{t('rhythm.heading')}</h4>
              <RhythmHeatmap weeks={c.weeks} />
              <RhythmSummary rhythm={c.rhythm} />
              <h4 id={`ladder-${c.slug}`}>{t('ladder.heading')}</h4>
              <LadderSteps slug={c.slug} ladder={c.ladder} headingId={`ladder-${c.slug}`} />
              {c.lastWeek && (
                <p>
                  <a href={`/c/${c.slug}/week/${c.lastWeek}`}>{t('profile.lastWeek')}</a>
                </p>
              )}
            </section>
          ))}
        </section>
      )}
    </>
  );
}
