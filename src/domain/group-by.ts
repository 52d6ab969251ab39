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
