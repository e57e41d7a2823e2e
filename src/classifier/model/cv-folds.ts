// The seeded generator of the fixture universe: small, pure and already tested; no need for a second one.
import { Rng } from '../../fixtures/prng.js';

export interface FoldOptions {
  k: number;
  seed: number;
}

/**
 * Stratified, grouped k-fold assignment: the fold (0 … k−1) of each example. Examples of one group
 * (a persona cluster: near-duplicate texts) share a fold, so the model is never tested on a copy
 * of what it trained on. Groups are visited in a seeded shuffle, largest first, and each goes to
 * the fold with the fewest examples of its (majority) class so far, then the fewest in all: with
 * one example per group, every fold's count of each class is within one of the others'.
 * Deterministic: the same labels, groups and seed give the same folds.
 *
 * @example stratifiedFolds([true, false, true, false], [], { k: 2, seed: 1 }) // e.g. [1, 0, 0, 1]
 */
export function stratifiedFolds(labels: readonly boolean[], groups: readonly string[], options: FoldOptions): number[] {
  const byGroup = new Map<string, number[]>();
  labels.forEach((_, i) => {
    const key = groups[i] ?? `#${i}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), i]);
  });
  const members = shuffle([...byGroup.values()], options.seed).sort((a, b) => b.length - a.length);
  const classCounts = Array.from({ length: options.k }, () => ({ pos: 0, neg: 0 }));
  const folds = new Array<number>(labels.length).fill(0);
  for (const indices of members) {
    const pos = indices.filter((i) => labels[i]).length;
    const neg = indices.length - pos;
    const key = pos >= neg ? 'pos' : 'neg';
    let best = 0;
    for (let f = 1; f < options.k; f += 1) {
      const [c, b] = [classCounts[f]!, classCounts[best]!];
      if (c[key] < b[key] || (c[key] === b[key] && c.pos + c.neg < b.pos + b.neg)) best = f;
    }
    classCounts[best]!.pos += pos;
    classCounts[best]!.neg += neg;
    for (const i of indices) folds[i] = best;
  }
  return folds;
}

/** A seeded Fisher–Yates shuffle (a new array). */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const rng = new Rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
