import type { ModelConfig } from './model-config.js';
import { crossValidate, type CvReport } from './cross-validate.js';
import { distinctStems, modelTokens } from './model-tokens.js';
import { featureSettings, TextModel, type TextModelJson, type WordWeight } from './text-model.js';
import { labelReviewedAds, tooFewLabels, type LabelCounts, type ReviewedAd } from './training-labels.js';

/** A model with everything a report needs to judge it. */
export interface TrainedTextModel {
  model: TextModel;
  trainedAt: Date;
  counts: LabelCounts;
  cv: CvReport;
  /** Whether the cross-validated AUC reaches `minAuc`: only then may the model become active. */
  qualifies: boolean;
  minAuc: number;
  topWords: { confirmed: WordWeight[]; refuted: WordWeight[] };
}

export type TrainOutcome = { trained: false; counts: LabelCounts; reason: string } | ({ trained: true } & TrainedTextModel);

/** The stored JSON of a model: natural's classifier, the feature settings and the training metadata. */
export type StoredTextModel = TextModelJson & {
  meta: { trainedAt: string; counts: LabelCounts; vocabularySize: number; minAuc: number; cv: CvReport; topWords: TrainedTextModel['topWords'] };
};

const TOP_WORDS = 15;

/**
 * Trains the text model on the reviewed ads' current decisions, or refuses below the minimum
 * (`config.minLabels`, or `minLabels` when given, and `config.minPerClass`). Cross-validates
 * first, then trains the model to keep on all labelled ads. Pure; `now` stamps the model.
 */
export function trainTextModel(reviewed: readonly ReviewedAd[], config: ModelConfig, options: { minLabels?: number | undefined; now?: Date } = {}): TrainOutcome {
  const { examples, counts } = labelReviewedAds(reviewed);
  const reason = tooFewLabels(counts, { minLabels: options.minLabels ?? config.minLabels, minPerClass: Math.max(config.minPerClass, config.folds) });
  if (reason !== null) return { trained: false, counts, reason };
  const settings = featureSettings(config);
  const stemmed = examples.map((e) => ({ stems: distinctStems(modelTokens(e.doc)), confirmed: e.confirmed, group: e.group }));
  const cv = crossValidate(stemmed, { folds: config.folds, seed: config.seed, settings });
  const model = TextModel.train(stemmed, settings);
  return {
    trained: true,
    model,
    trainedAt: options.now ?? new Date(),
    counts,
    cv,
    qualifies: (cv.model.auc ?? 0) >= config.minAuc,
    minAuc: config.minAuc,
    topWords: model.topWords(TOP_WORDS),
  };
}

/** The JSON to store: `TextModel.restore(stored)` gives the model back. */
export function storedTextModelOf(trained: TrainedTextModel): StoredTextModel {
  const { model, trainedAt, counts, cv, minAuc, topWords } = trained;
  return { ...model.toJSON(), meta: { trainedAt: trainedAt.toISOString(), counts, vocabularySize: model.vocabularySize, minAuc, cv, topWords } };
}
