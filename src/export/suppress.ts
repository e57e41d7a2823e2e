import { SUPPRESSION_THRESHOLD, type SuppressionFlag } from './trend-model.js';

/** A cell of a table to suppress: its value along each dimension, and one count. */
export interface SuppressibleCell {
  /** One entry per dimension (the cell's group value along it). */
  key: readonly string[];
  value: number;
}

/**
 * Small-count protection of one count column of a table (DOMAIN.md: exports suppress counts
 * below 5). Returns one flag per cell.
 *
 * - Primary: a count from 1 to threshold − 1 is hidden (`<5`). Zero is published: it names nobody.
 * - Secondary: a reader who has the total of a line (all cells that agree on every dimension but
 *   one — which the same export grouped by fewer dimensions gives) could subtract the published
 *   cells and get a hidden one back. So in every line along every dimension, when exactly one
 *   cell is hidden, or the hidden ones add up to less than the threshold (their sum would be a
 *   small count itself), the smallest published non-zero cell is hidden too (`secondary`). This
 *   repeats until no line changes, since each new hidden cell lies on lines of other dimensions.
 *
 * Not every line is additive (an ad with two indicators counts in both; distinct phone numbers
 * never add up), but treating all lines as if they were can only hide more, never less.
 *
 * @example suppressCells([{ key: ['A'], value: 3 }, { key: ['B'], value: 9 }, { key: ['C'], value: 12 }])
 * // → ['<5', 'secondary', '']
 */
export function suppressCells(cells: readonly SuppressibleCell[], threshold = SUPPRESSION_THRESHOLD): SuppressionFlag[] {
  const flags: SuppressionFlag[] = cells.map((c) => (c.value > 0 && c.value < threshold ? '<5' : ''));
  const dimensions = cells[0]?.key.length ?? 0;
  let changed = flags.some((f) => f !== '');
  while (changed) {
    changed = false;
    for (let d = 0; d < dimensions; d++) {
      for (const line of linesAlong(cells, d)) {
        if (protectLine(cells, flags, line, threshold)) changed = true;
      }
    }
  }
  return flags;
}

/** Groups cell indexes by their key without dimension `d`: the lines that run along `d`. */
function linesAlong(cells: readonly SuppressibleCell[], d: number): number[][] {
  const lines = new Map<string, number[]>();
  cells.forEach((cell, i) => {
    const rest = JSON.stringify(cell.key.filter((_, j) => j !== d));
    const line = lines.get(rest);
    if (line) line.push(i);
    else lines.set(rest, [i]);
  });
  return [...lines.values()].filter((line) => line.length > 1);
}

/** Hides one more cell of the line if its hidden cells could be recomputed; true when it did. */
function protectLine(cells: readonly SuppressibleCell[], flags: SuppressionFlag[], line: number[], threshold: number): boolean {
  const hidden = line.filter((i) => flags[i] !== '');
  if (hidden.length === 0) return false;
  const hiddenSum = hidden.reduce((sum, i) => sum + cells[i]!.value, 0);
  if (hidden.length > 1 && hiddenSum >= threshold) return false;
  const candidate = smallestPublished(cells, flags, line);
  if (candidate === undefined) return false;
  flags[candidate] = 'secondary';
  return true;
}

/** The published non-zero cell with the smallest count (the first one on a tie: deterministic). */
function smallestPublished(cells: readonly SuppressibleCell[], flags: SuppressionFlag[], line: number[]): number | undefined {
  let best: number | undefined;
  for (const i of line) {
    if (flags[i] !== '' || cells[i]!.value === 0) continue;
    if (best === undefined || cells[i]!.value < cells[best]!.value) best = i;
  }
  return best;
}
