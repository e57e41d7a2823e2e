/**
 * Learning from review outcomes (issue 5): a naive Bayes text classifier (natural, Dutch stemming)
 * trained on the reviewed ads' current decisions, cross-validated, stored as JSON, and added to
 * the risk score as one more, clearly labelled signal (`text_model`). Pure, except
 * `loadModelConfig` (reads config/indicators.json) and natural's own module loading.
 */
export { baselineOf, binaryMetrics, rocAuc, wilsonInterval, type Baseline, type BinaryMetrics, type Scored } from './binary-metrics.js';
export { crossValidate, type CvExample, type CvOptions, type CvReport } from './cross-validate.js';
export { shuffle, stratifiedFolds, type FoldOptions } from './cv-folds.js';
export { DEFAULT_MODEL_CONFIG, loadModelConfig, ModelConfigSchema, parseModelConfig, type ModelConfig } from './model-config.js';
export { distinctStems, MIN_WORD_LENGTH, modelDocOf, modelTokens, stemWord, type ModelDoc, type ModelToken } from './model-tokens.js';
export { NATURAL_VERSION } from './natural-bayes.js';
export { featureSettings, TextModel, type FeatureSettings, type StemmedExample, type TextModelJson, type WordWeight } from './text-model.js';
export {
  TEXT_MODEL_CODE, TextModelScorer, withTextModelSignal, type ScoredAssessment, type TextModelSignal,
} from './text-model-signal.js';
export { storedTextModelOf, trainTextModel, type StoredTextModel, type TrainedTextModel, type TrainOutcome } from './train-text-model.js';
export { countLabels, labelReviewedAds, tooFewLabels, type LabelCounts, type LabelledAd, type LabelMinimum, type ReviewedAd } from './training-labels.js';
