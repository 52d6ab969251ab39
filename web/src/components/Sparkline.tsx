/**
 * A small line of values over weeks as server-rendered SVG, for a table cell: no axes, no labels. It is
 * named by its <title> (a one-line summary); the page gives the numbers themselves in a table beside it.
 */
const WIDTH = 96;
const HEIGHT = 24;
const PAD = 2;

export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const top = Math.max(...values, 0) || 1;
  const x = (i: number) => PAD + (values.length > 1 ? (i * (WIDTH - 2 * PAD)) / (values.length - 1) : 0);
  const y = (v: number) => HEIGHT - PAD - (v / top) * (HEIGHT - 2 * PAD);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg class="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <title>{label}</title>
      <polyline class="sparkline-line" points={points} />
    </svg>
  );
}
