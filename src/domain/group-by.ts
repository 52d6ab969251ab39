/** Rows into lists by key, each list in the rows' order (`valueOf`: what to keep of each row). */
export function groupBy<T, K, V = T>(rows: Iterable<T>, keyOf: (row: T) => K, valueOf: (row: T) => V = (row) => row as unknown as V): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const list = groups.get(keyOf(row));
    if (list) list.push(valueOf(row));
    else groups.set(keyOf(row), [valueOf(row)]);
  }
  return groups;
}

/** A list in consecutive pieces of at most `size` (D1 binds at most 100 parameters per statement). */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Member ids in consecutive ranges of at most `size`, lowest first: each with its ids and its first and last id,
 * for reading a big community a range at a time (`between(user_id, from, to)` seeks an index on
 * (community, user)). A range may hold other ids than its own (people who left, or other roles): filter by `ids`.
 */
export function idRanges(ids: readonly number[], size: number): { ids: number[]; from: number; to: number }[] {
  const sorted = [...ids].sort((a, b) => a - b);
  return inChunks(sorted, size).map((group) => ({ ids: group, from: group[0]!, to: group.at(-1)! }));
}
