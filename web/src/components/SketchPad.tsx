/**
 * An optional sketch pad: Pointer Events cover mouse, pen and touch; undo and clear work on the pure model in
 * lib/sketch-model.ts. The canvas is a picture, not a keyboard control: the buttons around it are reachable,
 * and skipping the pad entirely is always fine.
 */
import type { TargetedPointerEvent } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';
import { plural } from '../lib/words';
import {
  beginStroke,
  clear,
  endStroke,
  extendStroke,
  isEmpty,
  paint,
  SKETCH_HEIGHT,
  SKETCH_WIDTH,
  toSpace,
  undo,
  type Sketch,
} from '../lib/sketch-model';

export interface SketchPadProps {
  sketch: Sketch;
  onChange: (sketch: Sketch) => void;
  id?: string;
}

type PointerHandler = TargetedPointerEvent<HTMLCanvasElement>;

export function SketchPad({ sketch, onChange, id = 'sketch' }: SketchPadProps) {
  const { t, lang } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  // Pointer events can arrive faster than renders: always build on the newest sketch.
  const latest = useRef(sketch);
  latest.current = sketch;
  const update = (next: Sketch) => {
    if (next === latest.current) return;
    latest.current = next;
    onChange(next);
  };

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) paint(ctx, sketch);
  }, [sketch]);

  const point = (e: PointerEvent) => toSpace(e.clientX, e.clientY, canvas.current!.getBoundingClientRect());
  const onPointerDown = (e: PointerHandler) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    update(beginStroke(latest.current, point(e)));
  };
  const onPointerMove = (e: PointerHandler) => {
    if (!latest.current.current) return;
    const events = e.getCoalescedEvents?.() ?? [];
    let next = latest.current;
    for (const ev of events.length ? events : [e]) next = extendStroke(next, point(ev));
    update(next);
  };
  const onPointerUp = () => update(endStroke(latest.current));

  const done = sketch.strokes.length;
  const status = done === 0 ? t('sketch.empty') : plural(t, lang, 'sketch.strokes', done);
  return (
    <div class="sketch-pad">
      <p class="hint" id={`${id}-hint`}>
        {t('sketch.hint')}
      </p>
      <canvas
        ref={canvas}
        id={id}
        class="sketch"
        width={SKETCH_WIDTH}
        height={SKETCH_HEIGHT}
        role="img"
        aria-label={t('sketch.label')}
        aria-describedby={`${id}-hint ${id}-status`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
      <p class="hint" id={`${id}-status`} aria-live="polite">
        {status}
      </p>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => update(undo(latest.current))} disabled={isEmpty(sketch)}>
          {t('sketch.undo')}
        </button>
        <button type="button" class="secondary" onClick={() => update(clear())} disabled={isEmpty(sketch)}>
          {t('sketch.clear')}
        </button>
      </div>
    </div>
  );
}
