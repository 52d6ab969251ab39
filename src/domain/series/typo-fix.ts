/**
 * What counts as a typo fix to a prompt that has opened: members answered the text as it was, so it may
 * only change a little. At most 10 % of its characters (at least one) and never more than 20 characters
 * may be inserted, removed or replaced (Levenshtein distance over code points, so an accent counts once).
 */

export const MAX_FIX_SHARE = 0.1;
export const MAX_FIX_CHARS = 20;

/** The largest edit distance a typo fix of `before` may have. */
export const typoAllowance = (before: string) =>
  Math.min(MAX_FIX_CHARS, Math.max(1, Math.floor([...before].length * MAX_FIX_SHARE)));

/** Edit distance between two texts, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      best = Math.min(best, row[j]!);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[y.length]!;
}

/** True when `after` is a typo fix of `before`. */
export const isTypoFix = (before: string, after: string) => {
  const allowed = typoAllowance(before);
  return editDistance(before, after, allowed) <= allowed;
};
