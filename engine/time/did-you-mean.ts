/**
 * "Did you mean …?" suggestions for misspelt words (day names, units) in SOP text.
 */

/**
 * The candidate closest to `word` by edit distance, or undefined when none is close enough to be
 * a plausible typo (more than a third of the word's letters would have to change).
 *
 * @example
 * suggestClosest('firday', ['monday', 'friday']); // 'friday'
 * suggestClosest('xyz', ['monday', 'friday']); // undefined
 */
export function suggestClosest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = measureEditDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * Levenshtein distance, counting an adjacent swap ("fridya") as one edit because that is the
 * most common typo in hand-written YAML.
 *
 * @example
 * measureEditDistance('firday', 'friday'); // 1
 */
export function measureEditDistance(a: string, b: string): number {
  // rows[i][j] = distance between the first i letters of a and the first j letters of b.
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const previous = rows[i - 1] ?? [];
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let distance = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(distance);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}
