/**
 * One-typo lookup of place keys (symmetric-delete index): a word matches a key when one insertion,
 * deletion, substitution or swap of neighbours turns one into the other. Only keys of `minLength`+
 * characters are indexed, since short names are one typo away from ordinary words.
 */
export interface FuzzyIndex {
  /**
   * The key within one edit of `word`; when several are, the heaviest if it outweighs the next
   * three times (`haarlm` → Haarlem, not the hamlets Haarle or Haarlo), else null. Failing that, a
   * key that differs only in vowel length (`zandaam` → Zaandam).
   */
  lookup(word: string): string | null;
}

/** @param keys name keys with their weight (how much the name is used). */
export function buildFuzzyIndex(keys: Iterable<readonly [string, number]>, minLength = 6): FuzzyIndex {
  const exact = new Map<string, number>();
  const byDeletion = new Map<string, string[]>();
  const byVowelLength = new Map<string, string[]>();
  for (const [key, weight] of keys) {
    if (key.length < minLength) continue;
    exact.set(key, weight);
    const short = shortVowels(key);
    byVowelLength.set(short, [...(byVowelLength.get(short) ?? []), key]);
    for (const del of deletions(key)) {
      const list = byDeletion.get(del);
      if (list) list.push(key);
      else byDeletion.set(del, [key]);
    }
  }
  return {
    lookup(word: string): string | null {
      if (word.length < minLength) return null;
      if (exact.has(word)) return word;
      const found = new Set<string>(byDeletion.get(word) ?? []);
      for (const del of deletions(word)) {
        if (exact.has(del)) found.add(del);
        for (const key of byDeletion.get(del) ?? []) found.add(key);
      }
      const close = [...found].filter((key) => withinOneEdit(word, key));
      // Dutch vowel length is a common slip (`Zandaam` for Zaandam): compare with long vowels shortened.
      if (close.length === 0) close.push(...(byVowelLength.get(shortVowels(word)) ?? []));
      close.sort((a, b) => (exact.get(b) ?? 0) - (exact.get(a) ?? 0));
      const [first, second] = close;
      if (!first) return null;
      return !second || (exact.get(first) ?? 0) >= 3 * (exact.get(second) ?? 0) ? first : null;
    },
  };
}

/** `zaandam` and `zandaam` both become `zandam`. */
function shortVowels(word: string): string {
  return word.replace(/([aeou])\1/g, '$1');
}

function deletions(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal-string-alignment distance ≤ 1 (insert, delete, substitute, or swap two neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}
