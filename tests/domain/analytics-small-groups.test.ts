/** The small-group rule on its own (src/domain/analytics/small-groups.ts), over random breakdowns. */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { countByPeople, peopleCell, splitCells } from '../../src/domain/analytics/small-groups';

const counts = fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 500 })), { minLength: 1, maxLength: 8 });

it('a split never shows 1 to 4, shows nothing of a whole under 5, and never hides exactly one cell', () => {
  fc.assert(
    fc.property(counts, (cs) => {
      const cells = splitCells(cs);
      const total = cs.reduce((a, b) => a + b, 0);
      cells.forEach((c, i) => {
        if (typeof c === 'number') expect(c).toBe(cs[i]);
        else if (c === 'fewer_than_5') expect(cs[i]!).toBeLessThan(5);
        if (typeof c === 'number') expect(c === 0 || c >= 5).toBe(true);
      });
      if (total < 5) expect(cells.every((c) => c === 'fewer_than_5')).toBe(true);
      // One hidden cell of a known whole would be the whole minus the rest.
      else expect(cells.filter((c) => typeof c !== 'number').length).not.toBe(1);
    }),
    { numRuns: 2000 },
  );
});

it('a lone count hides 1 to 4, and things made by fewer than 5 people are withheld', () => {
  expect([0, 1, 4, 5, 9].map(peopleCell)).toEqual([0, 'fewer_than_5', 'fewer_than_5', 5, 9]);
  expect(countByPeople(12, 3)).toBe('withheld');
  expect(countByPeople(12, 5)).toBe(12);
  expect(countByPeople(0, 0)).toBe(0);
});
