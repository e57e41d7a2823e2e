import type { TextSpan } from '../../domain/analysis.js';
import { COMPLIANCE_CODES, type IndicatorCode } from '../risk/indicator.js';
import { scoreRisk } from '../risk/score-risk.js';
import type { ModelConfig } from './model-config.js';
import { distinctStems, modelTokens, type ModelDoc } from './model-tokens.js';
import type { TextModel, WordWeight } from './text-model.js';

/** The code of the learned signal. Not an indicator of docs/indicators.md's table: it is learned from reviews. */
export const TEXT_MODEL_CODE = 'text_model';

/** What the text model says about one ad, ready to be added to its assessment. */
export interface TextModelSignal {
  /** The model's probability that a review confirms the ad. */
  probability: number;
  /** The noisy-OR weight it gets: the configured weight × the probability. */
  weight: number;
  /** The ad's stems that point most to "confirmed", with their log-likelihood ratios. */
  words: WordWeight[];
  /** Where those words stand in the ad (their first occurrence), for the evidence marks. */
  spans: TextSpan[];
  model: { id: string; trainedAt: string; configuredWeight: number };
}

/** An active model with the settings its signal is added with. */
export class TextModelScorer {
  constructor(
    readonly model: TextModel,
    readonly meta: { id: string; trainedAt: string },
    private readonly config: Pick<ModelConfig, 'weight' | 'minProbability' | 'explainWords'>,
  ) {}

  /**
   * The signal for an ad, or null when the model puts it below `minProbability` (then the ad carries
   * no `text_model` at all, and the code in a queue filter means "the model flags this ad").
   */
  signal(doc: ModelDoc): TextModelSignal | null {
    const tokens = modelTokens(doc);
    const stems = distinctStems(tokens);
    const probability = this.model.probability(stems);
    if (probability < this.config.minProbability || this.config.weight === 0) return null;
    const words = this.model.strongestWords(stems, this.config.explainWords);
    const spans = words.flatMap((w) => {
      const token = tokens.find((t) => t.stem === w.stem);
      return token ? [{ field: token.field, start: token.start, end: token.end, text: token.text }] : [];
    });
    return {
      probability: round(probability),
      weight: round(this.config.weight * probability),
      words,
      spans,
      model: { ...this.meta, configuredWeight: this.config.weight },
    };
  }
}

/** The assessment shape the signal is added to (`ads.risk`). */
export interface ScoredAssessment {
  score: number;
  indicators: Array<{ code: string; weight: number; contribution: number; evidence: unknown }>;
}

/**
 * Adds the `text_model` signal to an assessment as one more noisy-OR term of the risk score: the
 * exploitation contributions are split again so they still add up to the score; compliance
 * entries are left alone. Its evidence says it is learned (`learned: true`, the model and its
 * probability) and lists its words apart from the rule-based indicators' evidence.
 */
export function withTextModelSignal<A extends ScoredAssessment>(assessment: A, signal: TextModelSignal | null): A {
  if (signal === null) return assessment;
  const isRisk = (code: string) => !COMPLIANCE_CODES.has(code as IndicatorCode);
  const terms = [...assessment.indicators.filter((i) => isRisk(i.code)), { code: TEXT_MODEL_CODE, weight: signal.weight }];
  // scoreRisk reads a code only to label and order its contributions when given no weight table.
  const risk = scoreRisk(terms.map((t) => ({ code: t.code as IndicatorCode, weight: t.weight })));
  const share = new Map<string, number>(risk.contributions.map((c) => [c.code, c.contribution]));
  const entry = {
    code: TEXT_MODEL_CODE,
    weight: signal.weight,
    contribution: share.get(TEXT_MODEL_CODE) ?? 0,
    evidence: {
      learned: true,
      spans: signal.spans,
      fields: { probability: signal.probability, words: signal.words.map((w) => w.stem) },
      model: signal.model,
    },
  };
  const indicators = assessment.indicators.map((i) => (isRisk(i.code) ? { ...i, contribution: share.get(i.code) ?? 0 } : i));
  return { ...assessment, score: risk.score, indicators: [...indicators, entry] };
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;
