import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAd, loadGazetteer } from '../../src/extract/index.js';
import { figures, type FigureName } from './figures.js';
import { scoreSource, type SourceScore } from './score.js';
import { allSources } from './sources.js';

/**
 * Regression floors: the figures `npm run eval` printed for the extractor as it stands, rounded down by
 * about 0.01. A figure below its floor fails the suite. When the extractor improves, raise the floor to
 * the new figure; never lower a floor to make a regression pass.
 */
const FLOORS: Record<'corpus' | 'fixtures', Partial<Record<FigureName, number>>> = {
  corpus: {
    phonePrecision: 0.99,
    phoneRecall: 0.98,
    phoneF1: 0.98,
    obfuscatedFlag: 0.99,
    obscuredRecall: 0.96,
    words: 0.9,
    mixed: 0.99,
    letters: 0.99,
    spaced: 0.94,
    separators: 0.99,
    municipality: 0.99,
    district: 0.99,
    age: 0.99,
    permitPrecision: 0.99,
    permitRecall: 0.99,
    // Over the 86 ads of corpus/fields.jsonl: one miss is ~0.012, so these floors allow one.
    pricePerHour: 0.98,
    availability: 0.98,
    workSettings: 0.98,
    languages: 0.98,
  },
  fixtures: {
    phonePrecision: 0.99,
    phoneRecall: 0.99,
    phoneF1: 0.99,
    obfuscatedFlag: 0.99,
    obscuredRecall: 0.99,
    words: 0.99,
    mixed: 0.99,
    letters: 0.99,
    spaced: 0.99,
    separators: 0.99,
    municipality: 0.99,
    district: 0.99,
    age: 0.99,
    permitPrecision: 0.99,
    permitRecall: 0.99,
  },
};

/** Phones the extractor may find in the UD sentences (issue 3: none). */
const UD_MAX_PHONES = 0;

/** Issue 3's "done when" targets, for the corpus and the fixtures alike. */
const TARGETS: Partial<Record<FigureName, number>> = { phoneF1: 0.98, obscuredRecall: 0.9, municipality: 0.97, district: 0.97 };

/**
 * Targets NOT met yet, as `source.figure`. They are not lowered: each is asserted as failing
 * (`it.fails`), so the day the extractor reaches it this test fails too — then move it out of here.
 */
const UNMET_TARGETS = new Set<string>([]);

let scores: Map<string, SourceScore>;

beforeAll(() => {
  const gazetteer = loadGazetteer();
  scores = new Map(allSources().map((source) => [source.name, scoreSource(source, (ad) => analyzeAd(ad, gazetteer))]));
});

function figure(source: string, name: FigureName): number | null {
  const score = scores.get(source);
  if (!score) throw new Error(`no source ${source}`);
  return figures(score)[name];
}

describe('extraction evaluation (npm run eval)', () => {
  it('scores every source on a sizeable set of ads', () => {
    expect(scores.get('corpus')?.ads).toBeGreaterThanOrEqual(500);
    expect(scores.get('fixtures')?.ads).toBeGreaterThanOrEqual(2500);
    expect(scores.get('ud')?.ads).toBeGreaterThan(2000);
  });

  for (const [source, floors] of Object.entries(FLOORS)) {
    for (const [name, floor] of Object.entries(floors) as [FigureName, number][]) {
      it(`${source}: ${name} stays at or above its floor ${floor}`, () => {
        expect(figure(source, name)).toBeGreaterThanOrEqual(floor);
      });
    }
  }

  it(`ud: finds at most ${UD_MAX_PHONES} phone numbers in ordinary Dutch prose`, () => {
    const found = scores.get('ud')?.misses.filter((m) => m.field === 'phone').map((m) => `${m.id}: ${m.got}`);
    expect(found?.length ?? Infinity, found?.join('\n')).toBeLessThanOrEqual(UD_MAX_PHONES);
  });

  for (const source of ['corpus', 'fixtures']) {
    for (const [name, target] of Object.entries(TARGETS) as [FigureName, number][]) {
      const title = `${source}: meets issue 3's target ${name} ≥ ${target}`;
      const check = () => expect(figure(source, name)).toBeGreaterThanOrEqual(target);
      if (UNMET_TARGETS.has(`${source}.${name}`)) it.fails(`${title} (NOT met yet)`, check);
      else it(title, check);
    }
  }
});
