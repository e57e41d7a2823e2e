import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assessRiskBatch } from '../../../src/classifier/risk/assess-risk-batch.js';
import { INDICATOR_CODES } from '../../../src/classifier/risk/indicator.js';
import { loadRiskConfig } from '../../../src/classifier/risk/load-risk-config.js';
import { extractPrices, typicalHourlyRate } from '../../../src/extract/index.js';
import { buildRiskItem } from './build-risk-item.js';
import { evaluateRiskOnFixtures } from './fixture-eval.js';
import { evaluateTextDuplicates } from './text-duplicate-eval.js';

const config = loadRiskConfig();
const dir = mkdtempSync(join(tmpdir(), 'zicht-risk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadRiskConfig', () => {
  it('loads config/indicators.json with every code, nationality off and new_in_town weighted low', () => {
    expect(Object.keys(config.indicators).sort()).toEqual([...INDICATOR_CODES].sort());
    expect(config.indicators.nationality.enabled).toBe(false);
    expect(config.indicators.new_in_town.weight).toBeLessThan(0.1);
    expect(Object.isFrozen(config.indicators)).toBe(true);
  });

  it('lists every problem of an invalid file', () => {
    const path = join(dir, 'bad.json');
    const bad = structuredClone(config) as unknown as Record<string, Record<string, unknown>>;
    bad.indicators!.under_21 = { weight: 2, enabled: true };
    bad.minhash!.bands = 7;
    writeFileSync(path, JSON.stringify(bad));
    expect(() => loadRiskConfig(path)).toThrow(/indicators\.under_21\.weight[\s\S]*multiple of bands/);
  });
});

describe('assessRiskBatch', () => {
  it('assesses each ad with weighted indicators, both scores and its cluster, in input order', () => {
    const a = buildRiskItem({ id: 'a', phone: '+31611112222', name: 'Lisa', text: 'Nieuw in de stad, 24/7.', municipality: 'GM0392', licenceStatus: 'unlicensed' });
    const b = buildRiskItem({ id: 'b', phone: '+31611112222', name: 'Kasia', municipality: 'GM0479', seenAt: '2025-01-08T02:00:00.000Z' });
    const c = buildRiskItem({ id: 'c' });
    const [ra, rb, rc] = assessRiskBatch([a, b, c], config);
    expect(ra!.indicators.map((i) => [i.code, i.weight])).toEqual([
      ['always_available', 0.1], ['new_in_town', 0.03], ['unlicensed', 0.4], ['phone_shared', 0.45], ['multi_city', 0.35],
    ]);
    expect(ra!.indicators.find((i) => i.code === 'phone_shared')?.evidence.linkedAdIds).toEqual(['b']);
    expect(ra!.risk.contributions.map((x) => x.code)).not.toContain('unlicensed');
    expect(ra!.compliance).toMatchObject({ status: 'unlicensed', score: 0.4 });
    expect(ra!.cluster).toEqual({ id: 'a', size: 2, oversized: false });
    expect(rb!.cluster).toEqual(ra!.cluster);
    expect(rc).toEqual({ id: 'c', indicators: [], risk: { score: 0, contributions: [] }, compliance: { status: null, score: 0, contributions: [] }, cluster: null });
  });

  it('flags low_price against the batch median of the same region', () => {
    const items = [40, 140, 150, 160, 150, 170].map((euros, i) => {
      const item = buildRiskItem({ id: `p${i}`, text: `Tarief: € ${euros} per uur.` });
      const prices = extractPrices(item);
      return { ...item, analysis: { ...item.analysis, prices, pricePerHour: typicalHourlyRate(prices) } };
    });
    const flagged = assessRiskBatch(items, config).filter((r) => r.indicators.some((i) => i.code === 'low_price'));
    expect(flagged.map((r) => r.id)).toEqual(['p0']);
    expect(flagged[0]!.indicators[0]!.evidence).toEqual({
      spans: [{ field: 'text', start: 8, end: 20, text: '€ 40 per uur' }],
      fields: { eurosPerHour: 40, regionalMedian: 150 },
    });
  });
});

describe('on the fixture universe', () => {
  it('finds the shared phones, reused photos, rotation, ages, foreign and disguised numbers, and cheap ads', () => {
    const figures = new Map(evaluateRiskOnFixtures({ ads: 2000, seed: 1 }).map((f) => [f.code, f]));
    for (const code of ['under_21', 'foreign_phone', 'obfuscated_phone', 'phone_shared', 'low_price'] as const) {
      expect(figures.get(code)!.recall, code).toBeGreaterThanOrEqual(0.95);
      expect(figures.get(code)!.precision, code).toBeGreaterThanOrEqual(0.95);
    }
    expect(figures.get('phone_shared')!.truth).toBeGreaterThan(100);
    // Stock photos used by fewer ads than the guard allows still link: precision is lower.
    expect(figures.get('photo_reuse')!.recall).toBeGreaterThanOrEqual(0.95);
    expect(figures.get('photo_reuse')!.precision).toBeGreaterThanOrEqual(0.8);
    expect(figures.get('multi_city')!.precision).toBeGreaterThanOrEqual(0.9);
    expect(figures.get('minor_suspected')!.fp).toBe(0);
    expect(figures.get('text_duplicate')!.fp).toBeLessThanOrEqual(5);
  });

  it('text_duplicate finds reposted texts among fixture boilerplate without false links', () => {
    const [exact, tenth] = evaluateTextDuplicates(config, { ads: 2000, copies: 200, shares: [0, 0.1], seed: 5, mode: 'sentence' });
    expect(exact!.recall).toBeGreaterThanOrEqual(0.95);
    expect(tenth!.recall).toBeGreaterThanOrEqual(0.5);
    expect(exact!.precision).toBeGreaterThanOrEqual(0.98);
    expect(tenth!.precision).toBeGreaterThanOrEqual(0.98);
  });
});
