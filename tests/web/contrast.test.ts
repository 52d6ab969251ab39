/**
 * WCAG 2.2 AA contrast of the design tokens, in both themes, read from the stylesheet itself: body text needs
 * 4.5:1 against every surface it sits on, UI boundaries (input borders, focus ring, badge edges) need 3:1.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../web/src/styles.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** Custom properties of the first `:root { … }` after `from` in the stylesheet. */
function tokensOf(from: number): Record<string, string> {
  const open = css.indexOf(':root', from);
  const body = css.slice(css.indexOf('{', open) + 1, css.indexOf('}', open));
  return Object.fromEntries([...body.matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const light = tokensOf(0);
const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');
const themes = { light, dark: { ...light, ...tokensOf(darkAt) } };

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1]!.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const SURFACES = ['bg', 'surface', 'surface-warm'];
/** Tokens used as text colour (`color:` / `fill:` for chart labels) on the ordinary surfaces. */
const TEXT_ON_SURFACES = ['text', 'muted', 'accent', 'ok', 'error'];
const TEXT_PAIRS: [string, string][] = [
  ...TEXT_ON_SURFACES.flatMap((t) => SURFACES.map((s): [string, string] => [t, s])),
  ['ok', 'ok-bg'],
  ['text', 'ok-bg'],
  ['accent-contrast', 'accent'],
  ['error-contrast', 'error'],
];
const UI_PAIRS: [string, string][] = [
  ['muted', 'surface'], // input and canvas borders
  ['accent', 'bg'], // button and chip borders
  ['focus', 'bg'],
  ['focus', 'surface'],
  ['badge-bronze', 'surface'],
  ['badge-silver', 'surface'],
  ['badge-gold', 'surface'],
];

describe('design tokens', () => {
  it('has a dark theme that follows the system setting', () => {
    expect(darkAt).toBeGreaterThan(0);
    expect(Object.keys(tokensOf(darkAt))).toEqual(expect.arrayContaining(['bg', 'surface', 'text', 'accent']));
  });

  it('checks every token the stylesheet uses as a text colour', () => {
    const used = new Set([...css.matchAll(/(?<![\w-])(?:color|fill):\s*var\(--([\w-]+)\)/g)].map((m) => m[1]!));
    const checked = new Set(TEXT_PAIRS.map(([t]) => t));
    expect([...used].filter((t) => !checked.has(t))).toEqual([]);
  });

  for (const [theme, tokens] of Object.entries(themes)) {
    it(`meets 4.5:1 for text in the ${theme} theme`, () => {
      const failing = TEXT_PAIRS.map(([t, b]) => ({ pair: `${t} on ${b}`, ratio: contrast(tokens[t]!, tokens[b]!) })).filter(
        (p) => p.ratio < 4.5,
      );
      expect(failing).toEqual([]);
    });

    it(`meets 3:1 for UI boundaries in the ${theme} theme`, () => {
      const failing = UI_PAIRS.map(([t, b]) => ({ pair: `${t} on ${b}`, ratio: contrast(tokens[t]!, tokens[b]!) })).filter(
        (p) => p.ratio < 3,
      );
      expect(failing).toEqual([]);
    });
  }

  it('computes ratios like the WCAG formula (black on white is 21:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
