import { describe, expect, it } from 'vitest';
import { promptMedium } from '../../web/src/lib/prompt-medium';

describe('what a prompt asks to make', () => {
  it('puts the sketch pad first for drawing words, in English and French', () => {
    expect(promptMedium('Draw the view from where you sit, using only ten lines.')).toBe('sketch');
    expect(promptMedium('Sketch it twice, from above and from the side, and note one thing.')).toBe('sketch');
    expect(promptMedium('Dessinez votre poste de travail.')).toBe('sketch');
  });

  it('puts the camera first for photo words, and the earliest word wins', () => {
    expect(promptMedium('Take a photo of your desk.')).toBe('photo');
    expect(promptMedium('Photograph your drawing of the day.')).toBe('photo');
    expect(promptMedium('Draw it, then take a photo.')).toBe('sketch');
  });

  it('keeps the text box first otherwise, whole words only', () => {
    expect(promptMedium('Name one small thing you changed in how you work this year.')).toBe('text');
    expect(promptMedium('What is in your top drawer? Would you withdraw one thing?')).toBe('text');
  });
});
