/**
 * The sketch pad's state as plain, immutable data: strokes of points in a fixed drawing space, so undo, clear
 * and export never depend on the canvas's on-screen size. Every function returns a new sketch.
 */

/** The drawing space (and the exported PNG's size): 4:3, small enough to stay far under 1 MB. */
export const SKETCH_WIDTH = 800;
export const SKETCH_HEIGHT = 600;
export const STROKE_WIDTH = 4;
export const INK = '#1f2328';
export const PAPER = '#ffffff';

export type Point = readonly [x: number, y: number];
export type Stroke = readonly Point[];

export interface Sketch {
  readonly strokes: readonly Stroke[];
  /** The stroke being drawn, while a pointer is down. */
  readonly current: Stroke | null;
}

export const emptySketch: Sketch = { strokes: [], current: null };

const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v * 10) / 10));
const inSpace = ([x, y]: Point): Point => [clamp(x, SKETCH_WIDTH), clamp(y, SKETCH_HEIGHT)];

export function beginStroke(s: Sketch, p: Point): Sketch {
  return { strokes: s.current ? [...s.strokes, s.current] : s.strokes, current: [inSpace(p)] };
}

export function extendStroke(s: Sketch, p: Point): Sketch {
  if (!s.current) return s;
  const point = inSpace(p);
  const last = s.current[s.current.length - 1]!;
  if (last[0] === point[0] && last[1] === point[1]) return s;
  return { strokes: s.strokes, current: [...s.current, point] };
}

/** Ends the current stroke; a tap (one point) counts as a dot. */
export function endStroke(s: Sketch): Sketch {
  if (!s.current) return s;
  return { strokes: [...s.strokes, s.current], current: null };
}

export function undo(s: Sketch): Sketch {
  if (s.current) return { strokes: s.strokes, current: null };
  return s.strokes.length ? { strokes: s.strokes.slice(0, -1), current: null } : s;
}

export const clear = (): Sketch => emptySketch;

export const strokeCount = (s: Sketch) => s.strokes.length + (s.current ? 1 : 0);
export const isEmpty = (s: Sketch) => strokeCount(s) === 0;

/** Maps a pointer position in an element of the given on-screen box to the drawing space. */
export function toSpace(clientX: number, clientY: number, box: { left: number; top: number; width: number; height: number }): Point {
  return [((clientX - box.left) / (box.width || 1)) * SKETCH_WIDTH, ((clientY - box.top) / (box.height || 1)) * SKETCH_HEIGHT];
}

/** Paints the sketch on a 2D context whose canvas spans the drawing space. */
export function paint(ctx: CanvasRenderingContext2D, s: Sketch) {
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, SKETCH_WIDTH, SKETCH_HEIGHT);
  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
  ctx.lineWidth = STROKE_WIDTH;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of s.current ? [...s.strokes, s.current] : s.strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    ctx.beginPath();
    if (rest.length === 0) {
      ctx.arc(first[0], first[1], STROKE_WIDTH / 2, 0, Math.PI * 2);
      ctx.fill();
      continue;
    }
    ctx.moveTo(first[0], first[1]);
    for (const [x, y] of rest) ctx.lineTo(x, y);
    ctx.stroke();
  }
}

/** The sketch as a PNG, drawn on a fresh canvas; null where the browser cannot paint or encode one. */
export function exportPng(s: Sketch, doc: Document = document): Promise<Blob | null> {
  const canvas = doc.createElement('canvas');
  canvas.width = SKETCH_WIDTH;
  canvas.height = SKETCH_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.resolve(null);
  paint(ctx, s);
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), 'image/png'));
}
