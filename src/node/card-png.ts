/**
 * The Node home's SVG → PNG for Open Graph cards (@resvg/resvg-js, a prebuilt native binary). Workers have no
 * native modules, so they leave this out and serve the static card. A card takes about 45 ms, so recent
 * cards are kept: a link shared in a busy chat is fetched by every preview bot at once. The native module loads
 * with the first card (about 5 MB a server that is never shared need not hold).
 */
import { createRequire } from 'node:module';
import type { Resvg as ResvgClass, ResvgRenderOptions } from '@resvg/resvg-js';

let resvg: typeof ResvgClass | undefined;
const Resvg = () => (resvg ??= (createRequire(import.meta.url)('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg);

const OPTIONS: ResvgRenderOptions = {
  fitTo: { mode: 'original' },
  font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
};
/** About 30 KB a card: a few MB at most. */
const KEEP = 128;

export function cardPngRenderer(): (svg: string) => Uint8Array<ArrayBuffer> {
  const recent = new Map<string, Uint8Array<ArrayBuffer>>();
  return (svg) => {
    const kept = recent.get(svg);
    if (kept) return kept;
    const png = new Uint8Array(new (Resvg())(svg, OPTIONS).render().asPng());
    if (recent.size >= KEEP) recent.delete(recent.keys().next().value!);
    recent.set(svg, png);
    return png;
  };
}
