/** The ranking as a real table: caption, column headers, and each row headed by the member's name. */
import { useI18n } from '../i18n';
import type { Leaderboard } from '../lib/api-types';
import { shownName } from '../lib/names';

export function LeaderboardTable({ entries, caption }: { entries: Leaderboard['entries']; caption: string }) {
  const { t } = useI18n();
  if (entries.length === 0) return <p class="empty">{t('leaderboard.empty')}</p>;
  return (
    <table class="leaderboard">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            {t('leaderboard.rank')}
          </th>
          <th scope="col">{t('leaderboard.name')}</th>
          <th scope="col" class="num">
            {t('leaderboard.points')}
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={i}>
            <td class="num">{e.rank}</td>
            <th scope="row">{shownName(e.name, t)}</th>
            <td class="num">{e.points}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
