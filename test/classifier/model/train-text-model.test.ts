import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL_CONFIG, distinctStems, modelTokens, parseModelConfig, stemWord, storedTextModelOf, TextModel, trainTextModel, type ReviewedAd, type TrainedTextModel,
} from '../../../src/classifier/model/index.js';
import { nationality } from '../../../src/classifier/risk/index.js';
import { labelledFixtureAds, shuffledLabels, THIRD_PARTY_SENTENCES, type LabelledFixtureAd } from './labelled-ads.js';

function reviewed(ads: readonly LabelledFixtureAd[]): ReviewedAd[] {
  return ads.map((a, i) => ({ adId: String(i + 1), decision: a.decision, clusterId: null, doc: { title: a.title, text: a.text, name: a.name } }));
}

function trained(ads: readonly LabelledFixtureAd[], config = DEFAULT_MODEL_CONFIG): TrainedTextModel {
  const outcome = trainTextModel(reviewed(ads), config, { now: new Date('2025-03-01T00:00:00Z') });
  if (!outcome.trained) throw new Error(`expected a model: ${outcome.reason}`);
  return outcome;
}

// 200 fixture ads, 40% confirmed; 85% of the confirmed carry third-party wording, 10% of the others.
const ADS = labelledFixtureAds({ ads: 200, seed: 3 });

describe('trainTextModel: only with enough labels', () => {
  it('refuses below the minimum number of labelled ads, naming the counts', () => {
    const outcome = trainTextModel(reviewed(ADS.slice(0, 40)), DEFAULT_MODEL_CONFIG);
    expect(outcome.trained).toBe(false);
    expect(!outcome.trained && outcome.reason).toMatch(/^40 labelled reviewed ads, need at least 50/);
  });

  it('refuses when one class has too few ads, whatever the total', () => {
    const fewConfirmed = [...ADS.filter((a) => !a.confirmed), ...ADS.filter((a) => a.confirmed).slice(0, 14)];
    const outcome = trainTextModel(reviewed(fewConfirmed), DEFAULT_MODEL_CONFIG, { minLabels: 20 });
    expect(!outcome.trained && outcome.reason).toBe('14 confirmed, need at least 15');
  });

  it('leaves planned inspections out of the labels (they confirm nothing yet)', () => {
    const planned = ADS.slice(0, 60).map((a, i) => (i < 20 ? { ...a, decision: 'inspection_planned' as const } : a));
    const outcome = trainTextModel(reviewed(planned), DEFAULT_MODEL_CONFIG);
    expect(outcome.counts).toMatchObject({ skipped: 20 });
    expect(outcome.counts.confirmed + outcome.counts.refuted).toBe(40);
    expect(outcome.trained).toBe(false);
  });

  it('validates the model settings of config/indicators.json', () => {
    expect(() => parseModelConfig({ folds: 10, minPerClass: 5 })).toThrow(/model.minPerClass: minPerClass must be at least folds/);
    expect(() => parseModelConfig({ weight: 2 })).toThrow(/model.weight/);
    expect(parseModelConfig({})).toEqual(DEFAULT_MODEL_CONFIG);
  });
});

describe('trainTextModel on a learnable signal', () => {
  const model = trained(ADS);

  it('cross-validates clearly above the baselines, and qualifies to be activated', () => {
    const { cv } = model;
    console.log(JSON.stringify({ model: cv.model, baseline: cv.baseline, shuffled: cv.shuffledLabels }));
    expect(cv.counts).toEqual({ confirmed: ADS.filter((a) => a.confirmed).length, refuted: ADS.filter((a) => !a.confirmed).length });
    expect(cv.model.f1!).toBeGreaterThan(cv.baseline.f1AllConfirmed + 0.1);
    expect(cv.model.accuracy!).toBeGreaterThan(cv.baseline.accuracy + 0.05);
    expect(cv.model.auc!).toBeGreaterThan(0.75);
    expect(cv.perFold).toHaveLength(5);
    expect(cv.perFold.reduce((n, f) => n + f.n, 0)).toBe(200);
    expect(model.qualifies).toBe(true);
  });

  it('has learned the third-party stems, and its built-in shuffled-labels control sits near chance', () => {
    const thirdPartyStems = new Set(THIRD_PARTY_SENTENCES.flatMap((s) => distinctStems(modelTokens({ text: s }))));
    const top = model.topWords.confirmed.slice(0, 5).map((w) => w.stem);
    expect(top.filter((s) => thirdPartyStems.has(s)).length).toBeGreaterThanOrEqual(4);
    expect(model.cv.shuffledLabels.auc!).toBeLessThan(0.62);
  });

  it('with the labels shuffled, scores near the baselines and does not qualify', () => {
    const control = trained(shuffledLabels(ADS, 5));
    console.log(JSON.stringify({ shuffled: control.cv.model }));
    expect(control.cv.model.auc!).toBeLessThan(0.62);
    expect(control.cv.model.f1!).toBeLessThan(control.cv.baseline.f1AllConfirmed + 0.05);
    expect(control.qualifies).toBe(false);
  });

  it('is deterministic: the same labels give the same report', () => {
    expect(trained(ADS).cv).toEqual(model.cv);
  });

  it('ranks a new ad with third-party wording above the same ad without it', () => {
    const base = ADS.find((a) => !a.thirdParty)!;
    const p = (text: string) => model.model.probability(distinctStems(modelTokens({ title: base.title, text, name: base.name })));
    expect(p(`${base.text} Onze meiden ontvangen je, boekingen via ons bureau.`)).toBeGreaterThan(p(base.text) + 0.3);
  });
});

describe('the stored model', () => {
  const model = trained(ADS);
  const stored = storedTextModelOf(model);

  it('round-trips through JSON with natural\'s restore: the same probability for every ad', () => {
    const restored = TextModel.restore(JSON.parse(JSON.stringify(stored)));
    expect(restored.vocabularySize).toBe(model.model.vocabularySize);
    for (const ad of ADS) {
      const stems = distinctStems(modelTokens({ title: ad.title, text: ad.text, name: ad.name }));
      expect(restored.probability(stems)).toBe(model.model.probability(stems));
    }
  });

  it('does not depend on the key order of the stored JSON (Postgres jsonb reorders keys)', () => {
    const copy = JSON.parse(JSON.stringify(stored)) as typeof stored;
    copy.classifier.features = Object.fromEntries(Object.entries(copy.classifier.features).reverse());
    const restored = TextModel.restore(copy);
    for (const ad of ADS.slice(0, 40)) {
      const stems = distinctStems(modelTokens({ title: ad.title, text: ad.text, name: ad.name }));
      expect(restored.probability(stems)).toBe(model.model.probability(stems));
    }
    expect(() => TextModel.restore({ ...copy, vocabulary: copy.vocabulary.slice(1) })).toThrow(/vocabulary and classifier features differ/);
  });

  it('carries its metadata and keeps no ad text: no training documents, no advertiser names', () => {
    expect(stored).toMatchObject({
      format: 'zicht-text-model/1',
      naturalVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      settings: { stemmer: 'natural PorterStemmerNl', minDocumentFrequency: 3, smoothing: 1 },
      meta: { trainedAt: '2025-03-01T00:00:00.000Z', counts: model.counts, cv: model.cv, vocabularySize: model.model.vocabularySize },
    });
    expect(stored.classifier.docs).toEqual([]);
    const features = Object.keys(stored.classifier.features);
    const names = new Set(ADS.flatMap((a) => distinctStems(modelTokens({ text: a.name }))));
    expect(features.filter((f) => names.has(f))).toEqual([]);
    // The fixture texts name origins ("Poolse", "Asian", …): none of it is a feature.
    const originWords = ADS.flatMap((a) => (nationality({ text: a.text, title: a.title })?.evidence.spans ?? []).flatMap((s) => s.text.split(/[\s-]+/)));
    const origins = new Set(originWords.map((w) => stemWord(w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''))));
    expect(origins.size).toBeGreaterThan(5);
    expect(features.filter((f) => origins.has(f))).toEqual([]);
    // Every feature is a stem at least minDocumentFrequency training ads share.
    for (const feature of features) expect(stored.classifier.features[feature]).toBeGreaterThanOrEqual(3);
  });

  it('refuses to restore what is not a stored text model', () => {
    expect(() => TextModel.restore({ format: 'zicht-text-model/1', classifier: {} })).toThrow(/naturalVersion|settings|vocabulary|features/);
  });
});
