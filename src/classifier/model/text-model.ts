import { z } from 'zod';
import { MIN_WORD_LENGTH } from './model-tokens.js';
import { BayesClassifier, dutchStemmer, NATURAL_VERSION } from './natural-bayes.js';

/** How the words became features: stored with each model, so a report says what the figures are of. */
export interface FeatureSettings {
  tokens: 'words, folded, no digits, own name and phone spans dropped, stop words kept';
  stemmer: 'natural PorterStemmerNl';
  minWordLength: number;
  /** Training ads a stem must occur in to become a feature. */
  minDocumentFrequency: number;
  smoothing: number;
}

export function featureSettings(options: { minDocumentFrequency: number; smoothing: number }): FeatureSettings {
  return {
    tokens: 'words, folded, no digits, own name and phone spans dropped, stop words kept',
    stemmer: 'natural PorterStemmerNl',
    minWordLength: MIN_WORD_LENGTH,
    minDocumentFrequency: options.minDocumentFrequency,
    smoothing: options.smoothing,
  };
}

/** A training example after tokenising: its distinct stems. */
export interface StemmedExample {
  stems: readonly string[];
  confirmed: boolean;
}

/** A stem and how strongly its presence points to "confirmed" (> 0) or "refuted" (< 0), in log-odds. */
export interface WordWeight {
  stem: string;
  weight: number;
}

const CONFIRMED = 'confirmed';
const REFUTED = 'refuted';

/** The stored form: natural's own `toJSON` of the classifier, without its training documents. */
const TextModelJsonSchema = z.object({
  format: z.literal('zicht-text-model/1'),
  naturalVersion: z.string(),
  settings: z.object({ minDocumentFrequency: z.number(), smoothing: z.number() }).passthrough(),
  /** natural numbers its features by the key order of `classifier.features`; jsonb does not keep key order. */
  vocabulary: z.array(z.string()),
  classifier: z
    .object({
      features: z.record(z.string(), z.number()),
      classifier: z.object({
        classFeatures: z.record(z.string(), z.record(z.string(), z.number())),
        classTotals: z.record(z.string(), z.number()),
        totalExamples: z.number(),
        smoothing: z.number(),
      }).passthrough(),
    })
    .passthrough(),
});
export type TextModelJson = Omit<z.infer<typeof TextModelJsonSchema>, 'settings'> & { settings: FeatureSettings };

/**
 * A naive Bayes text classifier over the presence of stems, trained with natural's
 * `BayesClassifier` (its counts, `toJSON` and `restore`). Naive Bayes rather than natural's
 * logistic regression: it trains in one pass (the regression's dense gradient descent takes
 * minutes on a few thousand ads and can fail to converge), and each stem's weight is a readable
 * log-odds ratio, which is what the evidence shows.
 *
 * Scoring reads natural's counts as a Bernoulli model: P(stem | class) = (ads of the class with
 * the stem + s) / (ads of the class + 2s), and an ad's log-odds sum a term for every vocabulary
 * stem, present or absent. natural's own `getClassifications` multiplies the present stems only,
 * which pushes every long text towards the smaller class: on the fixture test set (200 ads) its
 * out-of-fold precision/recall of "confirmed" were 0.41/0.92 against 0.69/0.63 here, at the same
 * AUC. Absent stems fold into one constant, so scoring costs one lookup per word of the ad, and
 * log space never underflows.
 */
export class TextModel {
  /** Per stem: log-odds of "confirmed" added when the ad has it (relative to not having it). */
  private readonly weights = new Map<string, number>();
  /** Log-odds of an ad with none of the vocabulary stems: prior plus every stem's absence. */
  private readonly baseLogOdds: number;

  private constructor(private readonly classifier: BayesClassifier, readonly settings: FeatureSettings, readonly naturalVersion: string) {
    const bayes = classifier.classifier;
    const s = bayes.smoothing;
    // natural starts each class total at 1 and a stem's count at 1 + s on its first document.
    const adsOf = (label: string) => (bayes.classTotals[label] ?? 1) - 1;
    const presence = (label: string, i: number) => {
      const stored = bayes.classFeatures[label]?.[i];
      return ((stored === undefined ? 0 : stored - s) + s) / (adsOf(label) + 2 * s);
    };
    let absentLogOdds = 0;
    Object.keys(classifier.features).forEach((stem, i) => {
      const [pc, pr] = [presence(CONFIRMED, i), presence(REFUTED, i)];
      absentLogOdds += Math.log1p(-pc) - Math.log1p(-pr);
      this.weights.set(stem, Math.log(pc / (1 - pc)) - Math.log(pr / (1 - pr)));
    });
    const prior = (label: string) => Math.log((bayes.classTotals[label] ?? 1) / bayes.totalExamples);
    this.baseLogOdds = prior(CONFIRMED) - prior(REFUTED) + absentLogOdds;
  }

  /** Trains on stemmed examples; stems in fewer than `settings.minDocumentFrequency` examples are left out. */
  static train(examples: readonly StemmedExample[], settings: FeatureSettings): TextModel {
    const vocabulary = frequentStems(examples, settings.minDocumentFrequency);
    const classifier = new BayesClassifier(dutchStemmer, settings.smoothing);
    for (const example of examples) {
      const stems = [...new Set(example.stems)].filter((s) => vocabulary.has(s));
      // natural skips an empty document; so do we, explicitly.
      if (stems.length > 0) classifier.addDocument(stems, example.confirmed ? CONFIRMED : REFUTED);
    }
    classifier.train();
    return new TextModel(classifier, settings, NATURAL_VERSION);
  }

  /** A stored model (validated), with natural's own `restore`. */
  static restore(json: unknown): TextModel {
    const parsed = TextModelJsonSchema.parse(json);
    const { features } = parsed.classifier;
    if (parsed.vocabulary.length !== Object.keys(features).length || parsed.vocabulary.some((stem) => features[stem] === undefined)) {
      throw new Error('stored text model: vocabulary and classifier features differ');
    }
    // Back in natural's feature order, whatever order the database gave the keys.
    const ordered = { ...structuredClone(parsed.classifier), features: Object.fromEntries(parsed.vocabulary.map((stem) => [stem, features[stem]!])) };
    const classifier = BayesClassifier.restore(ordered, dutchStemmer);
    return new TextModel(classifier, parsed.settings as unknown as FeatureSettings, parsed.naturalVersion);
  }

  toJSON(): TextModelJson {
    const classifier = JSON.parse(JSON.stringify(this.classifier)) as TextModelJson['classifier'];
    // The training documents would keep every reviewed ad's words; the counts are all a model needs.
    return {
      format: 'zicht-text-model/1',
      naturalVersion: this.naturalVersion,
      settings: this.settings,
      vocabulary: Object.keys(this.classifier.features),
      classifier: { ...classifier, docs: [] },
    };
  }

  get vocabularySize(): number {
    return this.weights.size;
  }

  /** The probability that a review confirms an ad with these stems (unknown stems are ignored). */
  probability(stems: readonly string[]): number {
    let logOdds = this.baseLogOdds;
    for (const stem of new Set(stems)) logOdds += this.weights.get(stem) ?? 0;
    return 1 / (1 + Math.exp(-logOdds));
  }

  /** The known stems among `stems` that point most to "confirmed", strongest first. */
  strongestWords(stems: readonly string[], count: number): WordWeight[] {
    return [...new Set(stems)]
      .map((stem) => ({ stem, weight: this.weights.get(stem) ?? 0 }))
      .filter((w) => w.weight > 0)
      .sort((a, b) => b.weight - a.weight || a.stem.localeCompare(b.stem))
      .slice(0, count)
      .map((w) => ({ stem: w.stem, weight: round(w.weight) }));
  }

  /** The model's strongest stems either way: what it has learned, for the report. */
  topWords(count: number): { confirmed: WordWeight[]; refuted: WordWeight[] } {
    const all = [...this.weights].map(([stem, weight]) => ({ stem, weight: round(weight) }));
    const by = (sign: 1 | -1) => all.filter((w) => sign * w.weight > 0).sort((a, b) => sign * (b.weight - a.weight) || a.stem.localeCompare(b.stem)).slice(0, count);
    return { confirmed: by(1), refuted: by(-1) };
  }

}

/** Stems that occur in at least `min` examples. */
function frequentStems(examples: readonly StemmedExample[], min: number): Set<string> {
  const df = new Map<string, number>();
  for (const example of examples) for (const stem of new Set(example.stems)) df.set(stem, (df.get(stem) ?? 0) + 1);
  return new Set([...df].filter(([, n]) => n >= min).map(([stem]) => stem));
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;
