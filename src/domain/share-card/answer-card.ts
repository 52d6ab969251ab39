/**
 * The Open Graph card of an answer permalink, as SVG (1200×630, what link previews show): the community, the
 * prompt, an excerpt of the answer and who wrote it. Built from what a signed-out visitor may read, so an
 * anonymous answer's card says "A member". The home turns it into PNG (src/node/card-png.ts); a home that
 * cannot (Workers) serves the static card of ./static-card.ts instead.
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** Colours of the light theme's design tokens (web/src/styles.css): cream, ink, ember. */
const BG = '#fbf6ef';
const SURFACE = '#ffffff';
const TEXT = '#2b211b';
const MUTED = '#5e5148';
const ACCENT = '#9a3d0e';
const WARM = '#fdf1e6';
/** Fonts a Debian server has (fonts-dejavu, fonts-liberation), then whatever the renderer finds. */
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

export interface AnswerCardInput {
  community: string;
  prompt: string;
  level: 'easy' | 'hard';
  /** The words for the level, in the viewer's language ("Easy", "Facile"…). */
  levelLabel: string;
  body: string;
  /** "by Ana" or "A member": already decided by the caller from the public shape of the answer. */
  byline: string;
  /** The answer has a sketch or a photo (the card says so; the picture itself stays on the page). */
  hasPicture: boolean;
  pictureLabel: string;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * Breaks text into at most `maxLines` lines of about `perLine` characters, at spaces where it can, with an
 * ellipsis when text is left over. Character counts stand in for measured widths: the renderer has no
 * layout, and a card that wraps a little early still reads well.
 */
export function wrapLines(text: string, perLine: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    let word = words[i]!;
    // A word longer than a line (a URL) is cut into line-sized pieces.
    while (word.length > perLine) {
      if (line) lines.push(line), (line = '');
      lines.push(word.slice(0, perLine));
      word = word.slice(perLine);
    }
    const next = line ? `${line} ${word}` : word;
    if (next.length <= perLine) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.length >= perLine ? last.slice(0, perLine - 1) : last}…`;
  return kept;
}

const textLines = (lines: string[], x: number, y: number, lineHeight: number, attrs: string) =>
  lines.map((l, i) => `<text x="${x}" y="${y + i * lineHeight}" ${attrs}>${escapeXml(l)}</text>`).join('');

/** The card as an SVG document (no external references: fonts come from the renderer, nothing is fetched). */
export function answerCardSvg(input: AnswerCardInput): string {
  const prompt = wrapLines(input.prompt, 50, 2);
  const bodyTop = 236 + prompt.length * 44 + 36;
  // As many body lines as fit above the byline (baseline 540).
  const body = wrapLines(input.body || input.pictureLabel, 40, Math.floor((490 - bodyTop) / 52) + 1);
  const pillWidth = 40 + input.levelLabel.length * 17;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${BG}"/>`,
    `<rect x="0" y="0" width="${CARD_WIDTH}" height="14" fill="${ACCENT}"/>`,
    `<rect x="56" y="70" width="1088" height="500" rx="28" fill="${SURFACE}" stroke="#d9cdbf" stroke-width="2"/>`,
    // The favicon's flame, as the brand mark.
    `<g transform="translate(96 104) scale(2)"><rect width="32" height="32" rx="7" fill="${ACCENT}"/>`,
    `<path fill="${WARM}" d="M16 5c1.6 4.6 7 7 7 13a7 7 0 0 1-14 0c0-3.8 2.3-5.4 3-8.4.8 2.3 1.6 3 2.3 3.8.8-3 .8-5.3 1.7-8.4z"/></g>`,
    `<text x="176" y="150" font-family="${FONT}" font-size="34" font-weight="bold" fill="${TEXT}">${escapeXml(wrapLines(input.community, 40, 1)[0] ?? '')}</text>`,
    `<rect x="${1104 - pillWidth}" y="112" width="${pillWidth}" height="48" rx="24" fill="${input.level === 'hard' ? ACCENT : WARM}"/>`,
    `<text x="${1104 - pillWidth / 2}" y="145" text-anchor="middle" font-family="${FONT}" font-size="26" font-weight="bold" fill="${input.level === 'hard' ? '#ffffff' : ACCENT}">${escapeXml(input.levelLabel)}</text>`,
    textLines(prompt, 96, 236, 44, `font-family="${FONT}" font-size="34" fill="${MUTED}"`),
    textLines(body, 96, bodyTop, 52, `font-family="${FONT}" font-size="42" fill="${TEXT}"`),
    `<text x="96" y="540" font-family="${FONT}" font-size="28" fill="${MUTED}">${escapeXml(input.byline)}${input.hasPicture && input.body ? ` · ${escapeXml(input.pictureLabel)}` : ''}</text>`,
    `<text x="1104" y="540" text-anchor="end" font-family="${FONT}" font-size="28" font-weight="bold" fill="${ACCENT}">Kindling</text>`,
    '</svg>',
  ].join('');
}
