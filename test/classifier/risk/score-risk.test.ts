import { describe, expect, it } from 'vitest';
import { assessScores, scoreRisk, weigh } from '../../../src/classifier/risk/score-risk.js';
import { loadRiskConfig } from '../../../src/classifier/risk/load-risk-config.js';

const config = loadRiskConfig();

describe('scoreRisk', () => {
  it('is the noisy-OR of the weights, and the contributions add up to the score', () => {
    const { score, contributions } = scoreRisk([
      { code: 'new_in_town', weight: 0.03 },
      { code: 'phone_shared', weight: 0.45 },
      { code: 'always_available', weight: 0.1 },
    ]);
    expect(score).toBeCloseTo(1 - 0.97 * 0.55 * 0.9, 4);
    expect(contributions.map((c) => c.code)).toEqual(['phone_shared', 'always_available', 'new_in_town']);
    expect(contributions.reduce((sum, c) => sum + c.contribution, 0)).toBeCloseTo(score, 3);
    // Each share is proportional to −ln(1 − w): phone_shared carries far more than new_in_town.
    expect(contributions[0]!.contribution / contributions[2]!.contribution).toBeCloseTo(Math.log(0.55) / Math.log(0.97), 1);
  });

  it('stays in [0, 1], is 0 without indicators and grows with every indicator added', () => {
    expect(scoreRisk([])).toEqual({ score: 0, contributions: [] });
    const many = scoreRisk(Array.from({ length: 30 }, () => ({ code: 'minor_suspected' as const, weight: 0.7 })));
    expect(many.score).toBeLessThanOrEqual(1);
    const one = scoreRisk([{ code: 'phone_shared', weight: 0.45 }]).score;
    const two = scoreRisk([{ code: 'phone_shared', weight: 0.45 }, { code: 'new_in_town', weight: 0.03 }]).score;
    expect(two).toBeGreaterThan(one);
  });

  it('one strong link outranks a pile of weak keywords', () => {
    const weak = scoreRisk(['new_in_town', 'always_available', 'hotel_location', 'foreign_phone'].map((code) => ({ code: code as 'new_in_town' })), config.indicators);
    const strong = scoreRisk([{ code: 'phone_shared' }], config.indicators);
    expect(strong.score).toBeGreaterThan(weak.score);
  });

  it('takes weights from the config and leaves disabled codes (nationality) out', () => {
    const { score, contributions } = scoreRisk([{ code: 'nationality' }, { code: 'under_21' }], config.indicators);
    expect(contributions).toEqual([{ code: 'under_21', weight: 0.35, contribution: 0.35 }]);
    expect(score).toBe(0.35);
    expect(weigh([{ code: 'nationality', evidence: { spans: [] } }], config.indicators)).toEqual([]);
  });
});

describe('assessScores', () => {
  it('keeps licence compliance apart from exploitation risk', () => {
    const indicators = weigh(
      [
        { code: 'unlicensed', evidence: { spans: [] } },
        { code: 'phone_shared', evidence: { spans: [] } },
      ],
      config.indicators,
    );
    const { risk, compliance } = assessScores(indicators, 'unlicensed');
    expect(risk.contributions.map((c) => c.code)).toEqual(['phone_shared']);
    expect(risk.score).toBe(0.45);
    expect(compliance).toEqual({ status: 'unlicensed', score: 0.4, contributions: [{ code: 'unlicensed', weight: 0.4, contribution: 0.4 }] });
  });
});
