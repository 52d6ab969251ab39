/** What the member was told: an answer spotlighted (with the facilitator's note), a badge earned. */
import { useI18n } from '../i18n';
import type { Notification } from '../lib/api-types';
import { relativeTime } from '../lib/dates';
import { wordsFor } from '../lib/words';

export function NotificationList({ items, now, headingId }: { items: Notification[]; now: string; headingId: string }) {
  const { t, lang } = useI18n();
  return (
    <ul class="notifications" aria-labelledby={headingId}>
      {items.map((n) => (
        <li key={n.id} class={n.readAt ? 'read' : 'unread'}>
          <p>
            {n.kind === 'spotlight'
              ? t('notification.spotlight', { community: n.community.name })
              : n.kind === 'chat_webhook_off'
                ? t('notification.chatWebhookOff', { community: n.community.name })
                : n.kind === 'steward_note'
                  ? t('notification.stewardNote', { community: n.community.name })
                  : n.kind === 'series_offer'
                    ? t('notification.seriesOffer', { community: n.community.name })
                : t('notification.badge', {
                  badge: n.badge ? wordsFor(t, `badge.${n.badge.id}`, n.badge.name) : '',
                  community: n.community.name,
                })}{' '}
            <time class="muted" dateTime={n.createdAt}>
              {relativeTime(n.createdAt, now, lang)}
            </time>
          </p>
          {n.note && <p class="note">{n.kind === 'steward_note' ? n.note : t('notification.spotlightNote', { note: n.note })}</p>}
          {n.kind === 'series_offer' && (
            <p>
              <a href={`/c/${encodeURIComponent(n.community.slug)}/offers`}>{t('notification.openOffers')}</a>
            </p>
          )}
          {n.kind === 'chat_webhook_off' && (
            <p>
              <a href={`/c/${encodeURIComponent(n.community.slug)}/webhooks`}>{t('notification.openWebhooks')}</a>
            </p>
          )}
          {n.submission && (
            <p>
              <a href={`/a/${n.submission.id}`}>{t('notification.open')}</a>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
