import { readFileSync } from 'node:fs';
import type { AdText } from '../../src/domain/analysis.js';
import type { District } from '../../src/domain/districts.js';
import { adsOnDay, generateUniverse, truthOf, type FixtureAd } from '../../src/fixtures/index.js';
import { fixtureAdAsAnalyzeInput } from '../helpers/fixture-input.js';
import { corpusAdText, loadCorpus, loadMunicipalities, type ExpectedPhone } from './corpus.js';

/** What an ad should yield. A field left `undefined` is not labelled for that source and not scored. */
export interface Expected {
  phones: ExpectedPhone[];
  municipalityCode?: string | null;
  municipalityName?: string | null;
  district?: District | null;
  age?: number | null;
  permitNumbers?: string[];
  pricePerHour?: number | null;
  availability?: boolean;
  workSettings?: string[];
  languages?: string[];
}

/** One ad to evaluate: the analysis input and its ground truth. */
export interface EvalCase {
  id: string;
  input: AdText;
  expected: Expected;
  /** Sub-group for a breakdown (the corpus file). */
  group?: string;
  /** Why the case is hard, shown beside its misses. */
  note?: string;
}

/** A named set of cases: `corpus`, `fixtures` or `ud`. */
export interface EvalSource {
  name: string;
  description: string;
  cases: EvalCase[];
}

/** The hand-labelled corpus of test/eval/corpus/*.jsonl. */
export function corpusSource(): EvalSource {
  const names = loadMunicipalities();
  const cases = loadCorpus().map((ad): EvalCase => {
    const code = ad.expected.municipalityCode;
    const expected: Expected = { ...ad.expected, municipalityName: code ? (names.get(code)?.name ?? null) : null };
    const evalCase: EvalCase = { id: ad.id, input: corpusAdText(ad), expected, group: ad.file.replace(/\.jsonl$/, '') };
    if (ad.note) evalCase.note = ad.note;
    return evalCase;
  });
  return { name: 'corpus', description: 'hand-labelled ads, test/eval/corpus/*.jsonl', cases };
}

export interface FixtureSourceOptions {
  ads: number;
  seed: number;
  day: number;
}

export const DEFAULT_FIXTURE_OPTIONS: FixtureSourceOptions = { ads: 3000, seed: 5, day: 0 };

/** The fixture universe's ads as the sites show them, against the generator's ground truth. */
export function fixtureSource(options: FixtureSourceOptions = DEFAULT_FIXTURE_OPTIONS): EvalSource {
  const universe = generateUniverse({ ads: options.ads, seed: options.seed });
  const cases = adsOnDay(universe, options.day).map(fixtureCase);
  return { name: 'fixtures', description: `fixture universe ads=${options.ads} seed=${options.seed} day=${options.day}`, cases };
}

function fixtureCase(ad: FixtureAd): EvalCase {
  const input = fixtureAdAsAnalyzeInput(ad);
  const truth = truthOf(ad);
  const phones = ad.phones.map((p): ExpectedPhone => (p.obfuscation ? { e164: p.e164, obfuscated: true, kind: p.obfuscation } : { e164: p.e164, obfuscated: false }));
  return {
    id: String(input.id),
    input: { text: input.text, title: input.title, name: input.name, location: input.location, age: input.age, phoneText: input.phone },
    expected: {
      phones,
      municipalityCode: truth.municipalityCode,
      municipalityName: truth.municipalityName,
      district: truth.district,
      age: truth.age,
      permitNumbers: truth.permitNumbers,
    },
    group: ad.site,
  };
}

const UD_FILES = ['ud_nl_alpino_dev_sentences.txt', 'ud_nl_lassysmall_dev_sentences.txt'];

/** Every sentence of the two UD Dutch dev sets as an ad text: real prose that must yield no phone number. */
export function udSource(): EvalSource {
  const cases = UD_FILES.flatMap((file) =>
    readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8')
      .split('\n')
      .map((text, i) => ({ text, i }))
      .filter(({ text }) => text.trim() !== '')
      .map(({ text, i }): EvalCase => ({ id: `${file.replace(/^ud_nl_|_dev_sentences\.txt$/g, '')}:${i + 1}`, input: { text }, expected: { phones: [] } })),
  );
  return { name: 'ud', description: 'UD Dutch Alpino + LassySmall dev sentences (phones only)', cases };
}

/** All three sources, in report order. */
export function allSources(fixtures: FixtureSourceOptions = DEFAULT_FIXTURE_OPTIONS): EvalSource[] {
  return [corpusSource(), fixtureSource(fixtures), udSource()];
}
