import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_RISK_CONFIG_PATH } from '../risk/load-risk-config.js';

/**
 * The `model` key of config/indicators.json: when the text model may be trained, how it is
 * cross-validated, and how much its signal weighs. Documented in docs/indicators.md ("Learning
 * from reviews"). Kept in its own schema, so the risk config (and every test that builds one)
 * stays as it is; an absent key means these defaults.
 */
export const ModelConfigSchema = z
  .object({
    /** Off: the worker adds no `text_model` signal even when an active model is stored. */
    enabled: z.boolean().default(true),
    /** Noisy-OR weight of a certain model verdict; the signal weighs `weight × probability`. */
    weight: z.number().min(0).max(0.99).default(0.25),
    /** The signal is added only from this probability of "confirmed" on. */
    minProbability: z.number().min(0).max(1).default(0.5),
    /** Fewest labelled reviewed ads (confirmed + refuted) before `zicht model train` trains. */
    minLabels: z.number().int().min(10).default(50),
    /** Fewest of each class: a class seen a handful of times teaches the model nothing. */
    minPerClass: z.number().int().min(5).default(15),
    /** A trained model becomes active only with a cross-validated ROC AUC of at least this. */
    minAuc: z.number().min(0.5).max(1).default(0.65),
    folds: z.number().int().min(2).max(20).default(5),
    /** Seeds the fold assignment and the shuffled-labels control: the same labels give the same report. */
    seed: z.number().int().default(20250105),
    /** A stem becomes a feature only when this many training ads use it (noise, and no rare names in the model). */
    minDocumentFrequency: z.number().int().min(1).default(3),
    /** Additive smoothing of natural's naive Bayes. */
    smoothing: z.number().gt(0).default(1),
    /** Stems shown as the evidence of a `text_model` signal. */
    explainWords: z.number().int().min(0).max(20).default(5),
  })
  .refine((m) => m.minPerClass >= m.folds, { message: 'minPerClass must be at least folds (every fold needs each class)', path: ['minPerClass'] });

export type ModelConfig = z.infer<typeof ModelConfigSchema>;

/** The defaults, as an absent `model` key gives them. */
export const DEFAULT_MODEL_CONFIG: ModelConfig = Object.freeze(ModelConfigSchema.parse({}));

/**
 * Reads and validates the `model` key of the indicator configuration. Every problem is listed in
 * the thrown error; the result is frozen.
 *
 * @example loadModelConfig().minLabels // 50
 */
export function loadModelConfig(path = DEFAULT_RISK_CONFIG_PATH): ModelConfig {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { model?: unknown };
  return parseModelConfig(raw.model ?? {}, path);
}

/** Validates a `model` object; `source` names it in the error. */
export function parseModelConfig(value: unknown, source = 'model config'): ModelConfig {
  const parsed = ModelConfigSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `model.${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid indicator config ${source}:\n  ${problems.join('\n  ')}`);
  }
  return Object.freeze(parsed.data);
}
