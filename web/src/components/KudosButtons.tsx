/**
 * Encouragement only: a few kinds of kudos, each given once. Members get toggle buttons (a plain form POST
 * without JavaScript, the typed API client with it); authors, visitors and signed-out readers see the counts.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import type { KudosCounts, KudosKind } from '../lib/api-types';

/** give: a member on someone else's answer; own: the author; signIn / join: who cannot give yet. */
export type KudosMode = 'give' | 'own' | 'signIn' | 'join';

/** Typed over the API's kinds, so a kind added on the server fails the build until it has words here. */
const KINDS: Record<KudosKind, { label: MessageKey }> = {
  applause: { label: 'kudos.applause' },
  learned: { label: 'kudos.learned' },
  relate: { label: 'kudos.relate' },
};
const kinds = Object.keys(KINDS) as KudosKind[];

export interface KudosButtonsProps {
  /** Sequential, or public for an anonymous answer: the routes take both. */
  answerId: number | string;
  counts: KudosCounts;
  given: KudosKind[];
  mode: KudosMode;
  /** The page the no-JavaScript form returns to. */
  returnTo: string;
  /** Where a visitor joins the community. */
  joinHref: string;
}

/** A kind and how many gave it, written the same on buttons and on read-only counts; no count before the first. */
function KudosLabel({ label, count }: { label: string; count: number }) {
  return (
    <span>
      {label}
      {count > 0 && (
        <>
          {' '}
          <span class="count">{count}</span>
        </>
      )}
    </span>
  );
}

export function KudosButtons({ answerId, counts: initialCounts, given: initialGiven, mode, returnTo, joinHref }: KudosButtonsProps) {
  const { t } = useI18n();
  const [counts, setCounts] = useState(initialCounts);
  const [given, setGiven] = useState(initialGiven);
  const [busy, setBusy] = useState<KudosKind | null>(null);
  const [failed, setFailed] = useState(false);

  async function give(kind: KudosKind, event: Event) {
    event.preventDefault();
    if (busy || given.includes(kind)) return;
    setBusy(kind);
    setFailed(false);
    try {
      const res = await api.submissions[':id'].kudos.$post({ param: { id: String(answerId) }, json: { kind } });
      if (!res.ok) throw new Error(String(res.status));
      setCounts((await res.json()).kudos);
      setGiven((g) => [...g, kind]);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  }

  if (mode !== 'give') {
    // Only the kinds someone gave: a row of zeros reads like a verdict, and this is encouragement only.
    const received = kinds.filter((kind) => counts[kind] > 0);
    return (
      <div class="kudos">
        {received.length > 0 && (
          <p class="kudos-counts">
            {received.map((kind) => (
              <span key={kind} class="kudo-received">
                <KudosLabel label={t(KINDS[kind].label)} count={counts[kind]} />
              </span>
            ))}
          </p>
        )}
        {mode === 'signIn' && <a href="/sign-in">{t('kudos.signIn')}</a>}
        {mode === 'join' && <a href={joinHref}>{t('kudos.join')}</a>}
      </div>
    );
  }

  return (
    <form class="kudos" method="post" action={`/a/${answerId}/kudos`}>
      <input type="hidden" name="next" value={returnTo} />
      <div class="kudos-buttons" role="group" aria-label={t('kudos.group')}>
        {kinds.map((kind) => {
          const pressed = given.includes(kind);
          return (
            <button
              key={kind}
              type="submit"
              name="kind"
              value={kind}
              class="kudo"
              aria-pressed={pressed ? 'true' : 'false'}
              aria-busy={busy === kind ? 'true' : undefined}
              onClick={(e) => give(kind, e)}
            >
              <KudosLabel label={t(KINDS[kind].label)} count={counts[kind]} />
            </button>
          );
        })}
      </div>
      <p class="status error" role="status">
        {failed ? t('error.generic') : ''}
      </p>
    </form>
  );
}
