// @vitest-environment happy-dom
/** The sketch pad: the pure stroke model, its PNG export, and the component's pointer handling and buttons. */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SketchPad } from '../../web/src/components/SketchPad';
import { I18n, translator } from '../../web/src/i18n';
import {
  beginStroke,
  clear,
  emptySketch,
  endStroke,
  exportPng,
  extendStroke,
  isEmpty,
  SKETCH_HEIGHT,
  SKETCH_WIDTH,
  strokeCount,
  toSpace,
  undo,
  type Sketch,
} from '../../web/src/lib/sketch-model';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const line = (s: Sketch, points: [number, number][]) => {
  let next = beginStroke(s, points[0]!);
  for (const p of points.slice(1)) next = extendStroke(next, p);
  return endStroke(next);
};

describe('the sketch model', () => {
  it('records strokes, undoes the last one and clears them all, without changing earlier states', () => {
    const one = line(emptySketch, [[10, 10], [20, 20], [30, 25]]);
    const two = line(one, [[100, 100], [110, 120]]);
    expect(two.strokes).toEqual([[[10, 10], [20, 20], [30, 25]], [[100, 100], [110, 120]]]);
    expect(strokeCount(two)).toBe(2);
    expect(undo(two)).toEqual(one);
    expect(undo(undo(two))).toEqual(emptySketch);
    expect(undo(emptySketch)).toBe(emptySketch);
    expect(isEmpty(clear())).toBe(true);
    expect(one.strokes).toHaveLength(1); // untouched by what came after
  });

  it('counts a stroke in progress, drops repeated points, keeps a tap as a dot, and clamps to the drawing space', () => {
    const drawing = extendStroke(extendStroke(beginStroke(emptySketch, [5, 5]), [5, 5]), [-40, 9999]);
    expect(drawing.current).toEqual([[5, 5], [0, SKETCH_HEIGHT]]);
    expect(strokeCount(drawing)).toBe(1);
    expect(undo(drawing)).toEqual(emptySketch); // undo while drawing drops the stroke in progress
    expect(endStroke(beginStroke(emptySketch, [50, 60])).strokes).toEqual([[[50, 60]]]);
    expect(extendStroke(emptySketch, [1, 1])).toBe(emptySketch); // no pointer down, nothing drawn
  });

  it('maps a pointer in the on-screen box to the drawing space', () => {
    const box = { left: 10, top: 20, width: 400, height: 300 };
    expect(toSpace(10, 20, box)).toEqual([0, 0]);
    expect(toSpace(410, 320, box)).toEqual([SKETCH_WIDTH, SKETCH_HEIGHT]);
    expect(toSpace(210, 170, box)).toEqual([SKETCH_WIDTH / 2, SKETCH_HEIGHT / 2]);
  });

  it('exports a PNG painted on white, line by line', async () => {
    const calls: string[] = [];
    const ctx = new Proxy({} as Record<string, unknown>, {
      get: (_target, key: string) => (...args: unknown[]) => calls.push(`${key}(${args.join(',')})`),
      set: (_target, key: string, value) => (calls.push(`${key}=${value}`), true),
    });
    let asked: string | undefined;
    const canvas = {
      width: 0,
      height: 0,
      getContext: () => ctx,
      toBlob: (cb: (b: Blob) => void, type: string) => ((asked = type), cb(new Blob(['png'], { type }))),
    };
    const doc = { createElement: () => canvas } as unknown as Document;
    const blob = await exportPng(line(emptySketch, [[1, 2], [3, 4]]), doc);
    expect(blob?.type).toBe('image/png');
    expect(asked).toBe('image/png');
    expect([canvas.width, canvas.height]).toEqual([SKETCH_WIDTH, SKETCH_HEIGHT]);
    expect(calls).toContain('fillStyle=#ffffff');
    expect(calls).toContain(`fillRect(0,0,${SKETCH_WIDTH},${SKETCH_HEIGHT})`);
    expect(calls.filter((c) => /^(moveTo|lineTo|stroke)\(/.test(c))).toEqual(['moveTo(1,2)', 'lineTo(3,4)', 'stroke()']);
  });

  it('exports nothing where the browser cannot paint', async () => {
    const doc = { createElement: () => ({ getContext: () => null }) } as unknown as Document;
    expect(await exportPng(line(emptySketch, [[1, 2]]), doc)).toBeNull();
  });
});

describe('the sketch pad component', () => {
  function Harness({ seen }: { seen: Sketch[] }) {
    const [sketch, setSketch] = useState(emptySketch);
    return (
      <I18n.Provider value={{ lang: 'en', t: translator('en') }}>
        <SketchPad
          sketch={sketch}
          onChange={(s) => {
            seen.push(s);
            setSketch(s);
          }}
        />
      </I18n.Provider>
    );
  }

  function setUp() {
    const seen: Sketch[] = [];
    render(<Harness seen={seen} />);
    const canvas = screen.getByRole('img', { name: 'Sketch pad' }) as HTMLCanvasElement;
    vi.spyOn(canvas, 'getBoundingClientRect').mockReturnValue({ left: 0, top: 0, width: 400, height: 300 } as DOMRect);
    const stroke = (points: [number, number][], pointerType = 'touch') => {
      const [first, ...rest] = points;
      fireEvent.pointerDown(canvas, { clientX: first![0], clientY: first![1], pointerId: 1, pointerType, button: 0 });
      for (const [x, y] of rest) fireEvent.pointerMove(canvas, { clientX: x, clientY: y, pointerId: 1, pointerType });
      fireEvent.pointerUp(canvas, { pointerId: 1, pointerType });
    };
    const last = () => seen[seen.length - 1]!;
    const status = () => document.getElementById('sketch-status')!.textContent;
    const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
    return { canvas, stroke, last, status, button };
  }

  it('draws strokes from pointer events (touch, pen or mouse) in drawing-space coordinates', () => {
    const { stroke, last, status, button } = setUp();
    expect(status()).toBe('Nothing drawn yet');
    expect(button('Undo').disabled).toBe(true);
    expect(button('Clear').disabled).toBe(true);

    stroke([[0, 0], [200, 150], [400, 300]]);
    expect(last().strokes).toEqual([[[0, 0], [SKETCH_WIDTH / 2, SKETCH_HEIGHT / 2], [SKETCH_WIDTH, SKETCH_HEIGHT]]]);
    expect(status()).toBe('1 stroke drawn');
    stroke([[10, 10], [20, 20]], 'pen');
    stroke([[30, 30], [40, 40]], 'mouse');
    expect(last().strokes).toHaveLength(3);
    expect(status()).toBe('3 strokes drawn');
    expect(button('Undo').disabled).toBe(false);
  });

  it('ignores a right click, and undoes then clears with its buttons', () => {
    const { canvas, stroke, last, status, button } = setUp();
    fireEvent.pointerDown(canvas, { clientX: 5, clientY: 5, pointerId: 2, pointerType: 'mouse', button: 2 });
    fireEvent.pointerUp(canvas, { pointerId: 2, pointerType: 'mouse' });
    expect(status()).toBe('Nothing drawn yet');

    stroke([[10, 10], [20, 20]]);
    stroke([[50, 50], [60, 60]]);
    fireEvent.click(button('Undo'));
    expect(last().strokes).toEqual([[[20, 20], [40, 40]]]);
    expect(status()).toBe('1 stroke drawn');

    stroke([[70, 70], [80, 80]]);
    fireEvent.click(button('Clear'));
    expect(isEmpty(last())).toBe(true);
    expect(status()).toBe('Nothing drawn yet');
    expect(button('Undo').disabled).toBe(true);
  });

  it('is described for assistive technology and announces its stroke count politely', () => {
    const { canvas } = setUp();
    expect(canvas.getAttribute('aria-describedby')).toBe('sketch-hint sketch-status');
    expect(document.getElementById('sketch-hint')!.textContent).toBe('Draw with a finger, a pen or the mouse.');
    expect(document.getElementById('sketch-status')!.getAttribute('aria-live')).toBe('polite');
    expect(canvas.getAttribute('tabindex')).toBeNull(); // not a keyboard stop: the pad is optional
  });
});
