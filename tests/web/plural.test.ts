/** Counted words follow each language's plural rule (Intl.PluralRules), and the catalogs spell every form. */
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en';
import { fr } from '../../web/src/i18n/fr';
import { translator } from '../../web/src/i18n';
import { plural } from '../../web/src/lib/words';

describe('plural()', () => {
  it('picks the singular for 1 in English, and for 0 and 1 in French', () => {
    const [tEn, tFr] = [translator('en'), translator('fr')];
    expect([0, 1, 2].map((n) => plural(tEn, 'en', 'points', n))).toEqual(['0 points', '1 point', '2 points']);
    expect([0, 1, 2].map((n) => plural(tFr, 'fr', 'points', n))).toEqual(['0 point', '1 point', '2 points']);
    expect(plural(tFr, 'fr', 'rhythm.thisWeek', 1, { goal: 3 })).toBe('Cette semaine : 1 jour de réponse sur 3');
    expect(plural(tFr, 'fr', 'rhythm.thisWeek', 2, { goal: 3 })).toBe('Cette semaine : 2 jours de réponse sur 3');
    expect(plural(tEn, 'en', 'week.kudos', 1)).toBe('Encouraged once');
    expect(plural(tEn, 'en', 'week.kudos', 4)).toBe('Encouraged 4 times');
    expect(plural(tFr, 'fr', 'week.kudos', 1)).toBe('1 encouragement');
    // French "many" (a million and more) is not spelled out: it falls back to "other".
    expect(plural(tFr, 'fr', 'points', 1_000_000)).toBe('1000000 points');
  });

  it('finds every form in both catalogs: each `.one` has its `.other`, in English and in French', () => {
    for (const catalog of [en, fr]) {
      const keys = Object.keys(catalog);
      for (const key of keys.filter((k) => k.endsWith('.one'))) expect(keys).toContain(key.replace(/\.one$/, '.other'));
      for (const key of keys.filter((k) => k.endsWith('.other'))) expect(catalog[key as keyof typeof catalog]).toContain('{count}');
    }
  });
});
