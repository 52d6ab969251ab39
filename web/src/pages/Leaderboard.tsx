/**
 * A community's leaderboard: this week or all time (links, so they work without JavaScript), the viewer's
 * own rank, and the switch to leave the boards (a form POST without JavaScript, PATCH /api/me with it).
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { FacilitatorMenu, type FacilitatorLinks } from '../components/FacilitatorMenu';
import { LeaderboardTable } from '../components/LeaderboardTable';
import { useI18n } from '../i18n';
import { plural } from '../lib/words';
import type { Leaderboard as Board } from '../lib/api-types';
import { useHydrated } from '../lib/hydrated';
import { SwitchField, SwitchFormFooter } from '../components/SwitchField';

export interface LeaderboardProps {
  community: { slug: string; name: string };
  board: Board;
  /** Null for signed-out viewers: no rank and no switch. */
  viewer: { showOnLeaderboards: boolean; member: boolean } | null;
  /** Set after the no-JavaScript form saved the switch. */
  saved: boolean;
  /** Facilitators only: their menu's links. */
  facilitator?: FacilitatorLinks | null;
}

export default function Leaderboard({ community, board: initial, viewer, saved, facilitator }: LeaderboardProps) {
  const { t, lang } = useI18n();
  const hydrated = useHydrated();
  const [board, setBoard] = useState(initial);
  const [show, setShow] = useState(viewer?.showOnLeaderboards ?? true);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(saved ? { ok: true, text: t('profile.saved') } : null);
  const base = `/c/${community.slug}/leaderboard`;
  const periodLabel = t(board.period === 'week' ? 'leaderboard.week' : 'leaderboard.all');

  async function toggle(next: boolean) {
    setShow(next);
    setStatus(null);
    try {
      const res = await api.me.$patch({ json: { showOnLeaderboards: next } });
      if (!res.ok) throw new Error(String(res.status));
      setShow((await res.json()).showOnLeaderboards);
      setStatus({ ok: true, text: t('profile.saved') });
    } catch {
      setShow(!next);
      setStatus({ ok: false, text: t('error.generic') });
      return;
    }
    // The table now lists (or no longer lists) the viewer: read it again. If that fails, the next visit shows it.
    const fresh = await api.communities[':slug'].leaderboard.$get({ param: { slug: community.slug }, query: { period: board.period } }).catch(() => null);
    if (fresh?.ok) setBoard(await fresh.json());
  }

  return (
    <>
      <p class="eyebrow">
        <a href={`/c/${community.slug}`}>{community.name}</a>
      </p>
      <h1>{t('leaderboard.title', { community: community.name })}</h1>
      <FacilitatorMenu links={facilitator} />
      <nav class="filters" aria-label={t('leaderboard.period')}>
        <ul>
          {(['week', 'all'] as const).map((p) => (
            <li key={p}>
              <a
                href={p === 'week' ? base : `${base}?period=all`}
                aria-current={board.period === p ? 'page' : undefined}
                class={board.period === p ? 'active' : undefined}
              >
                {t(p === 'week' ? 'leaderboard.week' : 'leaderboard.all')}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {viewer?.member && (
        <p class="my-rank">
          {board.me
            ? show
              ? plural(t, lang, 'leaderboard.me', board.me.points, { rank: board.me.rank })
              : plural(t, lang, 'leaderboard.meHidden', board.me.points, { rank: board.me.rank })
            : t('leaderboard.meNone')}
        </p>
      )}

      <LeaderboardTable entries={board.entries} caption={t('leaderboard.caption', { period: periodLabel })} />
      <p class="hint">{t('leaderboard.anonymousHint')}</p>

      {viewer && (
        <form class="card opt-out" method="post" action={`${base}/visibility`}>
          <input type="hidden" name="period" value={board.period} />
          <SwitchField
            id="show-on-boards"
            name="show"
            checked={show}
            label={t('leaderboard.optOut')}
            hint={t('leaderboard.optOutHint')}
            onToggle={hydrated ? (next) => void toggle(next) : undefined}
          />
          <SwitchFormFooter hydrated={hydrated} status={status} />
        </form>
      )}
    </>
  );
}
