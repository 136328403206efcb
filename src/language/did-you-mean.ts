/**
 * "Did you mean": ranks every candidate instead of taking the first close one (HCL's
 * didyoumean.go lets list order decide). A case-insensitive match wins; otherwise the
 * smallest edit distance (a swap of two neighbours counts as one edit), at most 0.4·n for a
 * name of n characters, as TypeScript does; names under three characters only match up to
 * case, since every short name is one edit from every other. Ties keep declaration order:
 * the first is suggested, the others are reported too, so a note can mention them.
 */

export interface Suggestion {
  readonly best: string;
  /** Other candidates exactly as close as `best`, in declaration order. */
  readonly alsoClose: readonly string[];
}

export function suggest(name: string, candidates: Iterable<string>): Suggestion | undefined {
  const lower = name.toLowerCase();
  const limit = name.length < 3 ? 0 : Math.floor(name.length * 0.4);
  let bestScore = Infinity;
  let ranked: string[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c === name || seen.has(c)) continue;
    seen.add(c);
    const score = c.toLowerCase() === lower ? -1 : editDistance(lower, c.toLowerCase(), limit);
    if (score > limit) continue;
    if (score < bestScore) {
      bestScore = score;
      ranked = [c];
    } else if (score === bestScore) {
      ranked.push(c);
    }
  }
  const [best, ...alsoClose] = ranked;
  return best === undefined ? undefined : { best, alsoClose };
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), giving up
 * with `limit + 1` as soon as the answer must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}
