/** One prediction: the model's probability of "confirmed" and the truth. */
export interface Scored {
  probability: number;
  confirmed: boolean;
}

/** How well predictions match, "confirmed" being the positive class. Null where undefined (no positives predicted, one class only). */
export interface BinaryMetrics {
  n: number;
  confirmed: number;
  refuted: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number | null;
  /** ROC AUC: the chance that a confirmed ad gets a higher probability than a refuted one (0.5: chance). */
  auc: number | null;
}

const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 10_000) / 10_000);
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * Precision, recall and F1 of "confirmed" at `threshold`, accuracy, and the threshold-free ROC
 * AUC (what matters for a signal that ranks), rounded to 4 decimals.
 */
export function binaryMetrics(scored: readonly Scored[], threshold = 0.5): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const s of scored) {
    const predicted = s.probability >= threshold;
    if (predicted && s.confirmed) tp += 1;
    else if (predicted) fp += 1;
    else if (s.confirmed) fn += 1;
    else tn += 1;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    n: scored.length,
    confirmed: tp + fn,
    refuted: fp + tn,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    accuracy: round(ratio(tp + tn, scored.length)),
    auc: round(rocAuc(scored)),
  };
}

/**
 * ROC AUC by the rank-sum (Mann–Whitney) formula; tied probabilities share their mean rank, so a
 * model that gives every ad the same probability scores exactly 0.5. Null with one class only.
 */
export function rocAuc(scored: readonly Scored[]): number | null {
  const positives = scored.filter((s) => s.confirmed).length;
  const negatives = scored.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const sorted = [...scored].sort((a, b) => a.probability - b.probability);
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.probability === sorted[i]!.probability) j += 1;
    const meanRank = (i + 1 + j) / 2;
    for (let m = i; m < j; m += 1) if (sorted[m]!.confirmed) rankSum += meanRank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** What a model must beat: always predicting the majority class, and always predicting "confirmed". */
export interface Baseline {
  majorityClass: 'confirmed' | 'refuted';
  /** Accuracy of always predicting the majority class. */
  accuracy: number;
  /** F1 of the majority predictor (0 when the majority is refuted: it never finds a confirmed ad). */
  f1: number;
  /** F1 of always predicting "confirmed" (recall 1, precision the share confirmed): the harder F1 bar. */
  f1AllConfirmed: number;
  /** A constant predictor ranks nothing. */
  auc: 0.5;
}

export function baselineOf(counts: { confirmed: number; refuted: number }): Baseline {
  const n = counts.confirmed + counts.refuted;
  const share = n === 0 ? 0 : counts.confirmed / n;
  const majorityClass = counts.confirmed > counts.refuted ? 'confirmed' : 'refuted';
  const f1AllConfirmed = share === 0 ? 0 : (2 * share) / (1 + share);
  return {
    majorityClass,
    accuracy: round(Math.max(share, 1 - share))!,
    f1: majorityClass === 'confirmed' ? round(f1AllConfirmed)! : 0,
    f1AllConfirmed: round(f1AllConfirmed)!,
    auc: 0.5,
  };
}

/**
 * The 95% Wilson score interval of a rate of `successes` in `n`: honest at small n and near 0 or 1,
 * where the plain ± interval is not. Null for n = 0.
 *
 * @example wilsonInterval(3, 4) // { low: 0.3006, high: 0.9544 }
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): { low: number; high: number } | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: round(Math.max(0, centre - half))!, high: round(Math.min(1, centre + half))! };
}
