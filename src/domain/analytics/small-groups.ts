/**
 * Small groups are not broken down. A count of people in a breakdown is shown only when it is 5 or more
 * (or 0, which says nobody); 1 to 4 reads "fewer than 5". When a breakdown splits a known whole (every
 * member is in exactly one bucket) and only one cell was hidden, it could be found back by subtraction, so
 * the smallest other non-zero cell is withheld too; when the whole is under 5, no cell is shown at all.
 */
export const SMALL_GROUP = 5;

/** A count as shown: the number, or why it is not shown. */
export type Cell = number | 'fewer_than_5' | 'withheld';

/** One count of people, on its own (not part of a split of a known whole). */
export function peopleCell(n: number): Cell {
  return n > 0 && n < SMALL_GROUP ? 'fewer_than_5' : n;
}

/** A count of things (answers) made by `people` people: withheld when those people are a small group. */
export function countByPeople(n: number, people: number): Cell {
  return people > 0 && people < SMALL_GROUP ? 'withheld' : n;
}

/** The cells of a breakdown that splits a known whole of people into disjoint buckets. */
export function splitCells(counts: readonly number[]): Cell[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < SMALL_GROUP) return counts.map(() => 'fewer_than_5');
  const cells: Cell[] = counts.map(peopleCell);
  const hidden = cells.filter((c) => typeof c !== 'number').length;
  if (hidden === 1) {
    let smallest = -1;
    cells.forEach((c, i) => {
      if (typeof c === 'number' && c > 0 && (smallest < 0 || c < (cells[smallest] as number))) smallest = i;
    });
    if (smallest >= 0) cells[smallest] = 'withheld';
  }
  return cells;
}
