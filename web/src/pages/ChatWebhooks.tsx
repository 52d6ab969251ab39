/**
 * The facilitators' chat webhooks page: the community's Slack, Teams and Discord webhooks (URLs masked),
 * whether each is on, why it last failed, and plain forms to add and remove them (no JavaScript needed).
 */
import { useI18n } from '../i18n';
import type { ChatWebhook } from '../lib/api-types';

export interface ChatWebhooksProps {
  community: { slug: string; name: string };
  items: ChatWebhook[];
  /** What the last form post did, to say so. */
  done: 'added' | 'removed' | null;
  /** Why the last add was refused. */
  error: string | null;
}

const FORMATS = ['slack', 'teams', 'discord'] as const;

export default function ChatWebhooks({ community, items, done, error }: ChatWebhooksProps) {
  const { t } = useI18n();
  const action = `/c/${encodeURIComponent(community.slug)}/webhooks`;
  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${encodeURIComponent(community.slug)}`}>{community.name}</a>
      </p>
      <h1>{t('webhooks.title', { community: community.name })}</h1>
      <p class="lede">{t('webhooks.intro')}</p>
      {done && (
        <p class="status ok" role="status">
          {t(done === 'added' ? 'webhooks.added' : 'webhooks.removed')}
        </p>
      )}
      {items.length === 0 ? (
        <p>{t('webhooks.empty')}</p>
      ) : (
        <ul class="webhooks">
          {items.map((w) => (
            <li key={w.id} class="card">
              <p>
                <strong>{t(`webhooks.format.${w.format}`)}</strong> <code>{w.url}</code>
              </p>
              <p class={w.active ? 'muted' : 'status error'}>
                {w.active ? t('webhooks.on') : t('webhooks.off', { reason: w.lastError ?? '' })}
                {w.active && w.lastError && ` · ${t('webhooks.failing', { reason: w.lastError })}`}
              </p>
              <form method="post" action={`${action}/${w.id}/delete`}>
                <button type="submit">{t('webhooks.remove')}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('webhooks.addTitle')}</h2>
      {error && (
        <p class="status error" role="alert">
          {error}
        </p>
      )}
      <form method="post" action={action}>
        <label for="webhook-url">{t('webhooks.url')}</label>
        <input type="url" id="webhook-url" name="url" required maxLength={2048} placeholder="https://hooks.slack.com/services/…" />
        <p class="muted">{t('webhooks.urlHint')}</p>
        <label for="webhook-format">{t('webhooks.formatLabel')}</label>
        <select id="webhook-format" name="format">
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`webhooks.format.${f}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t('webhooks.add')}</button>
      </form>
    </>
  );
}
