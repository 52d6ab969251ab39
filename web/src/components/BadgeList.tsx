/**
 * Badges as a list: name, tier and what it means, in the reader's language (a badge the catalogs do not
 * know yet falls back to the server's English words). On the member's own profile each badge also offers
 * its signed Open Badges credential; elsewhere a badge resting on an anonymous answer carries no date.
 */
import { useI18n } from '../i18n';
import type { MyBadge, ShownBadge } from '../lib/api-types';
import { formatDay } from '../lib/dates';
import { wordsFor } from '../lib/words';

type Badge = MyBadge | ShownBadge;

export function BadgeList({ badges, headingId, emptyText }: { badges: Badge[]; headingId: string; emptyText?: string }) {
  const { t, lang } = useI18n();
  if (badges.length === 0) return emptyText ? <p class="muted">{emptyText}</p> : null;
  return (
    <ul class="badges" aria-labelledby={headingId}>
      {badges.map((b) => {
        const nameId = `${headingId}-${b.id}`;
        const name = wordsFor(t, `badge.${b.id}`, b.name);
        return (
          <li key={b.id} class={`badge badge-${b.tier}`}>
            <span class="badge-name" id={nameId}>
              {name}
            </span>{' '}
            <span class="badge-tier">{wordsFor(t, `badges.tier.${b.tier}`, b.tier)}</span>
            <span class="badge-about">{wordsFor(t, `badge.${b.id}.about`, b.description)}</span>
            {b.grantedOn && <span class="badge-date">{t('badges.earned', { date: formatDay(b.grantedOn, lang, 'dayMonth') })}</span>}
            {'credentialUrl' in b && (
              <a class="badge-credential" href={b.credentialUrl} download aria-describedby={nameId}>
                {t('badges.credential')}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
