import { describe, expect, it } from 'vitest';
import { baselineOf, binaryMetrics, rocAuc, stratifiedFolds, wilsonInterval } from '../../../src/classifier/model/index.js';
import { Rng } from '../../../src/fixtures/prng.js';

function randomLabels(n: number, share: number, seed: number): boolean[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.chance(share));
}

function classCountsPerFold(labels: readonly boolean[], folds: readonly number[], k: number) {
  return Array.from({ length: k }, (_, f) => ({
    pos: labels.filter((l, i) => l && folds[i] === f).length,
    neg: labels.filter((l, i) => !l && folds[i] === f).length,
  }));
}

describe('stratifiedFolds', () => {
  const labels = randomLabels(124, 0.4, 11);

  it('puts every example in one of k folds, each fold with its share of both classes (within one)', () => {
    const folds = stratifiedFolds(labels, [], { k: 5, seed: 1 });
    expect(folds).toHaveLength(labels.length);
    expect(new Set(folds)).toEqual(new Set([0, 1, 2, 3, 4]));
    const counts = classCountsPerFold(labels, folds, 5);
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    expect(spread(counts.map((c) => c.pos))).toBeLessThanOrEqual(1);
    expect(spread(counts.map((c) => c.neg))).toBeLessThanOrEqual(1);
    expect(counts.reduce((s, c) => s + c.pos, 0)).toBe(labels.filter(Boolean).length);
  });

  it('is deterministic in the seed, and another seed deals differently', () => {
    const a = stratifiedFolds(labels, [], { k: 5, seed: 7 });
    expect(stratifiedFolds(labels, [], { k: 5, seed: 7 })).toEqual(a);
    expect(stratifiedFolds(labels, [], { k: 5, seed: 8 })).not.toEqual(a);
  });

  it('keeps the ads of one group (a persona cluster) in one fold', () => {
    const groups = labels.map((_, i) => (i < 30 ? `cluster:${i % 6}` : `ad:${i}`));
    const folds = stratifiedFolds(labels, groups, { k: 5, seed: 3 });
    for (let c = 0; c < 6; c += 1) {
      const of = new Set(folds.filter((_, i) => groups[i] === `cluster:${c}`));
      expect(of.size).toBe(1);
    }
    for (const count of classCountsPerFold(labels, folds, 5)) expect(count.pos + count.neg).toBeGreaterThan(15);
  });
});

describe('binaryMetrics and baselines', () => {
  const scored = [
    { probability: 0.9, confirmed: true },
    { probability: 0.8, confirmed: false },
    { probability: 0.7, confirmed: true },
    { probability: 0.4, confirmed: true },
    { probability: 0.3, confirmed: false },
    { probability: 0.1, confirmed: false },
  ];

  it('counts precision, recall, F1 and accuracy at the threshold, and AUC over all pairs', () => {
    expect(binaryMetrics(scored)).toEqual({ n: 6, confirmed: 3, refuted: 3, precision: 0.6667, recall: 0.6667, f1: 0.6667, accuracy: 0.6667, auc: 0.7778 });
    expect(binaryMetrics(scored, 0.35)).toMatchObject({ precision: 0.75, recall: 1, f1: 0.8571 });
  });

  it('gives a constant predictor an AUC of exactly 0.5, and no AUC with one class', () => {
    expect(rocAuc(scored.map((s) => ({ ...s, probability: 0.3 })))).toBe(0.5);
    expect(rocAuc(scored.filter((s) => s.confirmed))).toBeNull();
    expect(binaryMetrics([{ probability: 0.1, confirmed: true }]).precision).toBeNull();
  });

  it('sets the bars: majority accuracy, and F1 of always answering "confirmed"', () => {
    expect(baselineOf({ confirmed: 30, refuted: 70 })).toEqual({ majorityClass: 'refuted', accuracy: 0.7, f1: 0, f1AllConfirmed: 0.4615, auc: 0.5 });
    expect(baselineOf({ confirmed: 60, refuted: 40 })).toMatchObject({ majorityClass: 'confirmed', accuracy: 0.6, f1: 0.75 });
  });

  it('gives the Wilson interval of a rate', () => {
    expect(wilsonInterval(3, 4)).toEqual({ low: 0.3006, high: 0.9544 });
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: 0.2775 });
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
