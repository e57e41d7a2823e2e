import { baselineOf, binaryMetrics, type Baseline, type BinaryMetrics, type Scored } from './binary-metrics.js';
import { shuffle, stratifiedFolds } from './cv-folds.js';
import { TextModel, type FeatureSettings, type StemmedExample } from './text-model.js';

/** A stemmed example with the group it must stay in (see `stratifiedFolds`). */
export interface CvExample extends StemmedExample {
  group: string;
}

export interface CvOptions {
  folds: number;
  seed: number;
  settings: FeatureSettings;
}

/** What `zicht model train` reports and stores with each model. */
export interface CvReport {
  folds: number;
  seed: number;
  /** Ads of one persona cluster are kept in one fold. */
  grouped: 'by persona cluster';
  counts: { confirmed: number; refuted: number };
  /** Over all out-of-fold predictions, threshold 0.5. */
  model: BinaryMetrics;
  baseline: Baseline;
  /** The same cross-validation with the labels shuffled: what chance looks like on these texts. */
  shuffledLabels: BinaryMetrics;
  perFold: BinaryMetrics[];
}

/**
 * Stratified, grouped k-fold cross-validation: each fold is predicted by a model trained on the
 * others (vocabulary included, so nothing of the held-out ads leaks in). Reports the pooled
 * out-of-fold metrics against the trivial baselines, per fold, and a shuffled-labels control,
 * whose AUC should sit near 0.5: if the model's does too, it has learned nothing.
 */
export function crossValidate(examples: readonly CvExample[], options: CvOptions): CvReport {
  const labels = examples.map((e) => e.confirmed);
  const folds = stratifiedFolds(labels, examples.map((e) => e.group), { k: options.folds, seed: options.seed });
  const predictions = outOfFold(examples, folds, options);
  const shuffled = shuffle(labels, options.seed ^ 0x5eed);
  const control = outOfFold(examples.map((e, i) => ({ ...e, confirmed: shuffled[i]! })), folds, options);
  const counts = { confirmed: labels.filter(Boolean).length, refuted: labels.filter((l) => !l).length };
  return {
    folds: options.folds,
    seed: options.seed,
    grouped: 'by persona cluster',
    counts,
    model: binaryMetrics(predictions),
    baseline: baselineOf(counts),
    shuffledLabels: binaryMetrics(control),
    perFold: Array.from({ length: options.folds }, (_, f) => binaryMetrics(predictions.filter((_, i) => folds[i] === f))),
  };
}

/** Each example's probability from the model trained without its fold. */
function outOfFold(examples: readonly StemmedExample[], folds: readonly number[], options: CvOptions): Scored[] {
  const scored = new Array<Scored>(examples.length);
  for (let f = 0; f < options.folds; f += 1) {
    const model = TextModel.train(examples.filter((_, i) => folds[i] !== f), options.settings);
    examples.forEach((e, i) => {
      if (folds[i] === f) scored[i] = { probability: model.probability(e.stems), confirmed: e.confirmed };
    });
  }
  return scored;
}
