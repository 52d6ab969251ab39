/**
 * A line chart of a rate over weeks as server-rendered SVG, with dashed reference lines (the 1 % rule and
 * the 10 % good communities of practice reach). Named by <title> and <desc>; the numbers are in the table
 * the page puts beside it.
 */
export interface TrendPoint {
  label: string;
  /** A fraction: 0.05 is 5 %. */
  value: number;
}

const WIDTH = 640;
const HEIGHT = 240;
const LEFT = 52;
const RIGHT = 40;
const TOP = 12;
const BOTTOM = 34;

const percent = (v: number) => `${Math.round(v * 100)} %`;

export function TrendChart(props: { id: string; title: string; desc: string; points: TrendPoint[]; references: { value: number; label: string }[] }) {
  const { id, points, references } = props;
  // Room above the highest point, but never past 100 %.
  const top = Math.min(1, Math.max(...references.map((r) => r.value), ...points.map((p) => p.value)) * 1.15) || 0.1;
  const x = (i: number) => LEFT + (points.length > 1 ? (i * (WIDTH - LEFT - RIGHT)) / (points.length - 1) : 0);
  const y = (v: number) => TOP + (1 - v / top) * (HEIGHT - TOP - BOTTOM);
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.desc}</desc>
      <line class="chart-axis" x1={LEFT} y1={y(0)} x2={WIDTH - RIGHT} y2={y(0)} />
      {/* The axis is labelled at 0 and at the top; each reference line carries its own name (with its %). */}
      <text class="chart-label" x={LEFT - 6} y={y(0) + 4}>
        0 %
      </text>
      <text class="chart-label" x={LEFT - 6} y={y(top) + 10}>
        {percent(top)}
      </text>
      {references.map((r) => (
        <g key={r.label}>
          <line class="chart-reference" x1={LEFT} y1={y(r.value)} x2={WIDTH - RIGHT} y2={y(r.value)} />
          <text class="chart-note" x={WIDTH - RIGHT} y={y(r.value) - 4}>
            {r.label}
          </text>
        </g>
      ))}
      <polyline class="chart-line" points={line} />
      {points.map((p, i) => (
        <g key={p.label}>
          <circle class="chart-point" cx={x(i)} cy={y(p.value)} r={3.5} />
          {i % 2 === points.length % 2 ? null : (
            <text class="chart-tick" x={x(i)} y={HEIGHT - 12}>
              {p.label}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
