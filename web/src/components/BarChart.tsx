/**
 * A horizontal bar chart as server-rendered SVG: one row per bar, its label on the left and the number on
 * the right. The SVG is an image named by its <title> and <desc>; the figure's table beside it carries the
 * numbers for screen readers and copying. A bar with no number (a small group) has no length, only its text.
 */
export interface Bar {
  label: string;
  /** Null when the number is not shown. */
  value: number | null;
  /** What the number reads as: "12", "fewer than 5". */
  text: string;
}

const WIDTH = 640;
const LABEL = 220;
const VALUE = 110;
const ROW = 30;

export function BarChart({ id, title, desc, bars }: { id: string; title: string; desc: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const room = WIDTH - LABEL - VALUE;
  const height = bars.length * ROW + 4;
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {bars.map((b, i) => {
        const y = i * ROW + 4;
        const length = b.value === null ? 0 : Math.round((b.value / max) * room);
        return (
          <g key={b.label}>
            <text class="chart-label" x={LABEL - 8} y={y + ROW / 2 + 2}>
              {b.label}
            </text>
            <rect class="chart-bar" x={LABEL} y={y + 4} width={length} height={ROW - 10} rx={3} />
            <text class="chart-value" x={LABEL + length + 6} y={y + ROW / 2 + 2}>
              {b.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
