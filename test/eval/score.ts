import type { AdAnalysis, AdText, PhoneMatch } from '../../src/domain/analysis.js';
import { OBFUSCATION_KINDS } from './corpus.js';
import type { EvalCase, EvalSource, Expected } from './sources.js';

/** The analysis under test, e.g. `(ad) => analyzeAd(ad, gazetteer)`. */
export type Analyzer = (ad: AdText) => AdAnalysis;

/** True/false positives and false negatives of a set-valued field, summed over ads (micro-average). */
export interface SetCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** `correct` of `total` labelled ads. */
export interface Accuracy {
  correct: number;
  total: number;
}

/** Which labelled field a miss is about. */
export type MissField = 'phone' | 'obfuscated' | 'municipality' | 'district' | 'age' | 'permit' | 'price' | 'availability' | 'settings' | 'languages';

/** One disagreement between the analysis and the ground truth. */
export interface Miss {
  source: string;
  id: string;
  field: MissField;
  expected: string;
  got: string;
  hint: string;
}

/** The figures of one source (or one group of it). */
export interface Score {
  name: string;
  ads: number;
  phones: SetCounts;
  /** Among phones found and expected: is the `obfuscated` flag right? */
  obfuscatedFlag: Accuracy;
  /** Recall of expected phones by disguise: `plain` and each obfuscation kind. */
  recallByKind: Record<string, Accuracy>;
  /** Recall over all obfuscated expected phones. */
  obscuredRecall: Accuracy;
  municipality: Accuracy;
  district: Accuracy;
  age: Accuracy;
  permits: SetCounts;
  /** Exact hourly rate (both null counts as right), over ads labelled with `pricePerHour`. */
  pricePerHour: Accuracy;
  availability: Accuracy;
  /** The whole set of work settings right, per labelled ad; and the settings micro-averaged. */
  workSettings: Accuracy;
  workSettingCounts: SetCounts;
  languages: Accuracy;
  languageCounts: SetCounts;
}

export interface SourceScore extends Score {
  description: string;
  /** Per group (corpus file, fixture site), same figures. */
  groups: Score[];
  misses: Miss[];
}

/** Precision, recall and F1 of set counts; null when undefined (nothing found / nothing expected). */
export function prf(c: SetCounts): { precision: number | null; recall: number | null; f1: number | null } {
  const precision = c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn);
  const f1 = precision === null || recall === null || precision + recall === 0 ? null : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** correct / total, or null when nothing was labelled. */
export function rate(a: Accuracy): number | null {
  return a.total === 0 ? null : a.correct / a.total;
}

function emptyScore(name: string): Score {
  const recallByKind: Record<string, Accuracy> = { plain: { correct: 0, total: 0 } };
  for (const kind of OBFUSCATION_KINDS) recallByKind[kind] = { correct: 0, total: 0 };
  const acc = (): Accuracy => ({ correct: 0, total: 0 });
  const counts = (): SetCounts => ({ tp: 0, fp: 0, fn: 0 });
  return {
    name, ads: 0, phones: counts(), obfuscatedFlag: acc(), recallByKind, obscuredRecall: acc(), municipality: acc(), district: acc(), age: acc(), permits: counts(),
    pricePerHour: acc(), availability: acc(), workSettings: acc(), workSettingCounts: counts(), languages: acc(), languageCounts: counts(),
  };
}

/**
 * Runs the analyzer over every case of a source and scores it against the ground truth. A phone is a
 * true positive when its E.164 matches; fields a case does not label are skipped.
 */
export function scoreSource(source: EvalSource, analyze: Analyzer): SourceScore {
  const total = emptyScore(source.name);
  const groups = new Map<string, Score>();
  const misses: Miss[] = [];
  for (const c of source.cases) {
    const got = analyze(c.input);
    const caseMisses = compare(source.name, c, got);
    const targets = [total];
    if (c.group) {
      if (!groups.has(c.group)) groups.set(c.group, emptyScore(c.group));
      targets.push(groups.get(c.group) as Score);
    }
    for (const score of targets) tally(score, c.expected, got);
    misses.push(...caseMisses);
  }
  return { ...total, description: source.description, groups: [...groups.values()], misses };
}

function tally(score: Score, expected: Expected, got: AdAnalysis): void {
  score.ads += 1;
  const found = new Map(got.phones.map((p) => [p.e164, p]));
  const wanted = new Set(expected.phones.map((p) => p.e164));
  for (const phone of expected.phones) {
    const match = found.get(phone.e164);
    const kind = phone.obfuscated ? (phone.kind ?? 'plain') : 'plain';
    const bucket = score.recallByKind[kind] ?? (score.recallByKind[kind] = { correct: 0, total: 0 });
    count(bucket, match !== undefined);
    if (phone.obfuscated) count(score.obscuredRecall, match !== undefined);
    if (match) count(score.obfuscatedFlag, match.obfuscated === phone.obfuscated);
  }
  addSet(score.phones, wanted, new Set(found.keys()));
  if (expected.municipalityCode !== undefined) count(score.municipality, (got.municipality?.code ?? null) === expected.municipalityCode);
  if (expected.district !== undefined) count(score.district, got.district === expected.district);
  if (expected.age !== undefined) count(score.age, got.age === expected.age);
  if (expected.permitNumbers !== undefined) addSet(score.permits, new Set(expected.permitNumbers), new Set(got.permitNumbers));
  if (expected.pricePerHour !== undefined) count(score.pricePerHour, (got.pricePerHour ?? null) === expected.pricePerHour);
  if (expected.availability !== undefined) count(score.availability, (got.availability?.always ?? false) === expected.availability);
  if (expected.workSettings !== undefined) {
    count(score.workSettings, sameSet(expected.workSettings, got.workSettings ?? []));
    addSet(score.workSettingCounts, new Set(expected.workSettings), new Set(got.workSettings ?? []));
  }
  if (expected.languages !== undefined) {
    count(score.languages, sameSet(expected.languages, got.languages ?? []));
    addSet(score.languageCounts, new Set(expected.languages), new Set(got.languages ?? []));
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function count(a: Accuracy, ok: boolean): void {
  a.total += 1;
  if (ok) a.correct += 1;
}

function addSet(counts: SetCounts, wanted: Set<string>, found: Set<string>): void {
  for (const x of found) {
    if (wanted.has(x)) counts.tp += 1;
    else counts.fp += 1;
  }
  for (const x of wanted) if (!found.has(x)) counts.fn += 1;
}

const NONE = '—';

function compare(source: string, c: EvalCase, got: AdAnalysis): Miss[] {
  const hint = c.note ?? excerpt([c.input.title, c.input.location, c.input.phoneText, c.input.text].filter(Boolean).join(' | '));
  const miss = (field: MissField, expected: string, gotText: string): Miss => ({ source, id: c.id, field, expected, got: gotText, hint });
  const out: Miss[] = [];
  const found = new Map(got.phones.map((p) => [p.e164, p]));
  for (const phone of c.expected.phones) {
    const match = found.get(phone.e164);
    const label = phone.obfuscated ? `${phone.e164} (${phone.kind ?? 'obfuscated'})` : phone.e164;
    if (!match) out.push(miss('phone', label, NONE));
    else if (match.obfuscated !== phone.obfuscated) out.push(miss('obfuscated', `${phone.obfuscated}`, `${match.obfuscated} ${quoted(match)}`));
  }
  const wanted = new Set(c.expected.phones.map((p) => p.e164));
  for (const p of got.phones) if (!wanted.has(p.e164)) out.push(miss('phone', NONE, `${p.e164} ${quoted(p)}`));
  const e = c.expected;
  const gotCode = got.municipality?.code ?? null;
  if (e.municipalityCode !== undefined && gotCode !== e.municipalityCode) {
    const m = got.municipality;
    out.push(miss('municipality', place(e.municipalityCode, e.municipalityName), m ? `${place(m.code, m.name)} via ${m.source}${m.span ? ` '${m.span.text}'` : ''}` : NONE));
  }
  if (e.district !== undefined && got.district !== e.district) out.push(miss('district', e.district ?? NONE, got.district ?? NONE));
  if (e.age !== undefined && got.age !== e.age) out.push(miss('age', String(e.age ?? NONE), String(got.age ?? NONE)));
  if (e.permitNumbers !== undefined) {
    const lost = e.permitNumbers.filter((p) => !got.permitNumbers.includes(p));
    const extra = got.permitNumbers.filter((p) => !e.permitNumbers?.includes(p));
    if (lost.length + extra.length > 0) out.push(miss('permit', e.permitNumbers.join(', ') || NONE, got.permitNumbers.join(', ') || NONE));
  }
  if (e.pricePerHour !== undefined && (got.pricePerHour ?? null) !== e.pricePerHour) {
    const spans = (got.prices ?? []).map((p) => `'${p.span.text}'`).join(' ');
    out.push(miss('price', String(e.pricePerHour ?? NONE), `${got.pricePerHour ?? NONE} ${spans}`.trim()));
  }
  const always = got.availability?.always ?? false;
  if (e.availability !== undefined && always !== e.availability) out.push(miss('availability', String(e.availability), `${always}${got.availability?.span ? ` '${got.availability.span.text}'` : ''}`));
  if (e.workSettings !== undefined && !sameSet(e.workSettings, got.workSettings ?? [])) out.push(miss('settings', e.workSettings.join(', ') || NONE, (got.workSettings ?? []).join(', ') || NONE));
  if (e.languages !== undefined && !sameSet(e.languages, got.languages ?? [])) out.push(miss('languages', e.languages.join(', ') || NONE, (got.languages ?? []).join(', ') || NONE));
  return out;
}

function quoted(p: PhoneMatch): string {
  return `'${p.span.text}'`;
}

function place(code: string | null, name: string | null | undefined): string {
  return code === null ? NONE : `${code} ${name ?? ''}`.trim();
}

function excerpt(text: string, max = 70): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
