/**
 * "Did you mean …?" suggestions for misspelt ids, fields and node types.
 */

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of adjacent
 * characters (optimal string alignment), case-sensitive. Swaps count once because `GTE` for
 * `GET` is one slip of the fingers, not two.
 *
 * @example
 * editDistance("vendr", "vendor"); // 1
 * editDistance("GTE", "GET"); // 1
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: a swap looks two rows back.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo: at most one
 * edit for short words, up to a third of the word's length for longer ones. Case differences
 * count as half an edit so `Vendor` still suggests `vendor` over `vendors`.
 *
 * @example
 * closestMatch("vendr", ["intake", "vendor", "pricing"]); // "vendor"
 * closestMatch("xyz", ["intake", "vendor"]); // undefined
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const folded = editDistance(word.toLowerCase(), candidate.toLowerCase());
    const score = folded + (editDistance(word, candidate) - folded) * 0.5;
    if (folded <= limit && score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Formats a suggestion suffix for error messages: ` — did you mean "x"?` or an empty string.
 *
 * @example
 * didYouMean("vendr", ["vendor"]); // ' — did you mean "vendor"?'
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? "" : ` — did you mean "${match}"?`;
}
