import { prf, rate, type Score } from './score.js';

/** The named figures of a score that floors and targets refer to. */
export const FIGURE_NAMES = [
  'phonePrecision',
  'phoneRecall',
  'phoneF1',
  'obfuscatedFlag',
  'obscuredRecall',
  'words',
  'mixed',
  'letters',
  'spaced',
  'separators',
  'municipality',
  'district',
  'age',
  'permitPrecision',
  'permitRecall',
  'pricePerHour',
  'availability',
  'workSettings',
  'languages',
] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

/** Every figure of a score; null when the source labels nothing for it. */
export function figures(score: Score): Record<FigureName, number | null> {
  const phones = prf(score.phones);
  const permits = prf(score.permits);
  const kind = (k: string): number | null => {
    const a = score.recallByKind[k];
    return a ? rate(a) : null;
  };
  return {
    phonePrecision: phones.precision,
    phoneRecall: phones.recall,
    phoneF1: phones.f1,
    obfuscatedFlag: rate(score.obfuscatedFlag),
    obscuredRecall: rate(score.obscuredRecall),
    words: kind('words'),
    mixed: kind('mixed'),
    letters: kind('letters'),
    spaced: kind('spaced'),
    separators: kind('separators'),
    municipality: rate(score.municipality),
    district: rate(score.district),
    age: rate(score.age),
    permitPrecision: permits.precision,
    permitRecall: permits.recall,
    pricePerHour: rate(score.pricePerHour),
    availability: rate(score.availability),
    workSettings: rate(score.workSettings),
    languages: rate(score.languages),
  };
}
