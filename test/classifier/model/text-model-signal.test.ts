import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG, TextModelScorer, trainTextModel, withTextModelSignal, type TextModelSignal } from '../../../src/classifier/model/index.js';
import { labelledFixtureAds } from './labelled-ads.js';

const ADS = labelledFixtureAds({ ads: 200, seed: 3 });
const outcome = trainTextModel(
  ADS.map((a, i) => ({ adId: String(i), decision: a.decision, clusterId: null, doc: { title: a.title, text: a.text, name: a.name } })),
  DEFAULT_MODEL_CONFIG,
);
if (!outcome.trained) throw new Error(outcome.reason);
const scorer = new TextModelScorer(outcome.model, { id: '7', trainedAt: '2025-03-01T00:00:00.000Z' }, DEFAULT_MODEL_CONFIG);

const plain = ADS.find((a) => !a.thirdParty && !a.confirmed)!;
const thirdPartyText = `${plain.text}\n\nOnze dames ontvangen je graag. Boekingen via ons bureau.`;

describe('TextModelScorer.signal', () => {
  it('flags an ad with learned wording: probability, weight × probability, the words and where they stand', () => {
    const signal = scorer.signal({ title: plain.title, text: thirdPartyText, name: plain.name })!;
    expect(signal.probability).toBeGreaterThan(0.8);
    expect(signal.weight).toBeCloseTo(DEFAULT_MODEL_CONFIG.weight * signal.probability, 3);
    expect(signal.model).toEqual({ id: '7', trainedAt: '2025-03-01T00:00:00.000Z', configuredWeight: 0.25 });
    expect(signal.words.length).toBeGreaterThan(0);
    expect(signal.words.length).toBeLessThanOrEqual(DEFAULT_MODEL_CONFIG.explainWords);
    expect(signal.words.map((w) => w.stem)).toEqual(expect.arrayContaining(['bureau']));
    for (const span of signal.spans) expect(thirdPartyText.slice(span.start, span.end)).toBe(span.text);
    expect(signal.spans.map((s) => s.text)).toContain('bureau');
  });

  it('says nothing below minProbability: the ad gets no text_model at all', () => {
    expect(scorer.signal({ title: plain.title, text: plain.text, name: plain.name })).toBeNull();
  });
});

describe('withTextModelSignal', () => {
  const assessment = {
    score: 0.45,
    indicators: [
      { code: 'phone_shared', weight: 0.45, contribution: 0.45, evidence: { spans: [] } },
      { code: 'unlicensed', weight: 0.4, contribution: 0.4, evidence: { spans: [] } },
    ],
    compliance: { status: 'unlicensed', score: 0.4, contributions: [] },
  };
  const signal: TextModelSignal = {
    probability: 0.8,
    weight: 0.2,
    words: [{ stem: 'bureau', weight: 2.1 }],
    spans: [{ field: 'text', start: 10, end: 16, text: 'bureau' }],
    model: { id: '7', trainedAt: '2025-03-01T00:00:00.000Z', configuredWeight: 0.25 },
  };

  it('adds one noisy-OR term to the risk score, splits it again, and leaves compliance alone', () => {
    const out = withTextModelSignal(assessment, signal);
    expect(out.score).toBeCloseTo(1 - 0.55 * 0.8, 4);
    const risk = out.indicators.filter((i) => i.code !== 'unlicensed');
    expect(risk.reduce((s, i) => s + i.contribution, 0)).toBeCloseTo(out.score, 3);
    expect(out.indicators.find((i) => i.code === 'unlicensed')).toEqual(assessment.indicators[1]);
    expect(out.compliance).toBe(assessment.compliance);
    expect(out.indicators.at(-1)).toEqual({
      code: 'text_model',
      weight: 0.2,
      contribution: expect.any(Number),
      evidence: { learned: true, spans: signal.spans, fields: { probability: 0.8, words: ['bureau'] }, model: signal.model },
    });
    // A stronger rule signal keeps the larger share.
    expect(out.indicators[0]!.contribution).toBeGreaterThan(out.indicators.at(-1)!.contribution);
  });

  it('changes nothing without a signal', () => {
    expect(withTextModelSignal(assessment, null)).toBe(assessment);
  });
});
