/**
 * The member's last weeks as a small calendar heat map: a column a week, Monday at the top, each day's shade
 * by how many answers it had. One picture with one sentence for screen readers (the days answered out of
 * the days shown) rather than 84 cells read one by one; each cell keeps a tooltip for pointer users.
 * Days to come are drawn empty, and nothing marks a day without an answer as missed.
 */
import { useI18n } from '../i18n';
import { formatDay } from '../lib/dates';
import { plural } from '../lib/words';

export interface HeatWeekView {
  monday: string;
  days: { date: string; count: number; future?: true }[];
}

/** Three shades are enough to tell "once" from "a busy day" at this size. */
const shade = (count: number) => (count === 0 ? 0 : count === 1 ? 1 : count === 2 ? 2 : 3);

export function RhythmHeatmap({ weeks }: { weeks: HeatWeekView[] }) {
  const { t, lang } = useI18n();
  const days = weeks.flatMap((w) => w.days);
  const answered = days.filter((d) => d.count > 0).length;
  const label = plural(t, lang, 'heatmap.label', answered, { weeks: weeks.length });
  return (
    <figure class="heatmap">
      <div class="heatmap-grid" role="img" aria-label={label}>
        {days.map((d) =>
          d.future ? (
            <span key={d.date} class="heat heat-future" />
          ) : (
            <span
              key={d.date}
              class={`heat heat-${shade(d.count)}`}
              title={`${formatDay(d.date, lang, 'dayMonth')}: ${plural(t, lang, 'heatmap.answers', d.count)}`}
            />
          ),
        )}
      </div>
      <figcaption class="heatmap-caption">
        <span>{label}</span>
        <span class="heatmap-legend" aria-hidden="true">
          {t('heatmap.less')}
          <span class="heat heat-0" />
          <span class="heat heat-1" />
          <span class="heat heat-2" />
          <span class="heat heat-3" />
          {t('heatmap.more')}
        </span>
      </figcaption>
    </figure>
  );
}
