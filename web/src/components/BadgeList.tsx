/**
 * Badges as a list: name, tier and what it means, in the reader's language (a badge the catalogs do not
 * know yet falls back to the server's English words). On the member's own profile each badge also offers
 * its signed Open Badges credential; elsewhere a badge resting on an anonymous answer carries no date.
 * Each badge links the answers it rests on (its evidence): on the member's own profile their own answers
 * (those it was encouraging others' answers are not linked: those may be anonymous), elsewhere the named
 * answers the server found the viewer may see.
 */
import { Fragment } from 'preact';
import { useI18n } from '../i18n';
import type { MyBadge, ShownBadge } from '../lib/api-types';
import { formatDay } from '../lib/dates';
import { wordsFor } from '../lib/words';

type Badge = MyBadge | ShownBadge;

/** A badge's evidence shown as links: the first few, then how many more. */
const EVIDENCE_SHOWN = 5;

/** The evidence that links to a permalink the viewer can open (see the file comment). */
function linkable(b: Badge, among: ReadonlySet<number> | undefined): { submissionId: number; createdAt?: string }[] {
  const own = 'credentialUrl' in b;
  return b.evidence.filter((e) => (!own || 'createdAt' in e) && (!among || among.has(e.submissionId)));
}

export function BadgeList({
  badges,
  headingId,
  emptyText,
  evidenceAmong,
}: {
  badges: Badge[];
  headingId: string;
  emptyText?: string;
  /** Links only evidence among these answers (the public profile: the public answers it lists). */
  evidenceAmong?: ReadonlySet<number>;
}) {
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
            <Evidence items={linkable(b, evidenceAmong)} nameId={nameId} />
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

function Evidence({ items, nameId }: { items: { submissionId: number; createdAt?: string }[]; nameId: string }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return null;
  const more = items.length - EVIDENCE_SHOWN;
  return (
    <span class="badge-evidence">
      {t('badges.evidence')}{' '}
      {items.slice(0, EVIDENCE_SHOWN).map((e, i) => (
        <Fragment key={e.submissionId}>
          {i > 0 && ', '}
          <a href={`/a/${e.submissionId}`} aria-describedby={nameId}>
            {e.createdAt ? formatDay(e.createdAt.slice(0, 10), lang, 'short') : t('badges.evidenceAnswer', { n: i + 1 })}
          </a>
        </Fragment>
      ))}
      {more > 0 && ` ${t('badges.evidenceMore', { count: more })}`}
    </span>
  );
}
