/**
 * What a prompt asks to make, read from its own words, so the answer form can put the right tool first:
 * the sketch pad for "Draw…/Sketch…/Dessine…", the camera for "Photograph…/Take a photo…", else the text box.
 * The rule is plain on purpose (facilitators write prompts; nobody tags them): the earliest drawing or photo
 * word in the text wins, whole words only ("drawer" and "withdraw" are not drawing).
 */
export type Medium = 'sketch' | 'photo' | 'text';

const WORDS: [Medium, RegExp][] = [
  ['sketch', /\b(?:draw|draws|drawing|drew|sketch|sketches|sketching|doodle|doodles|dessin|dessins|dessine|dessinez|dessiner|croquis|esquisse|esquissez)\b/i],
  ['photo', /\b(?:photo|photos|photograph|photographs|photographie|photographiez|photographier|snap|picture|pictures)\b/i],
];

export function promptMedium(text: string): Medium {
  let found: { medium: Medium; at: number } | null = null;
  for (const [medium, words] of WORDS) {
    const at = text.search(words);
    if (at >= 0 && (!found || at < found.at)) found = { medium, at };
  }
  return found?.medium ?? 'text';
}
