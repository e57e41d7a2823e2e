import { isValidPhoneNumber, parsePhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { corpusFiles, loadCorpus, loadMunicipalities, OBFUSCATION_KINDS } from './corpus.js';

// Mechanical checks of the hand-labelled corpus: it must be well-formed and its labels consistent with
// the reference data, or the evaluation measures the labels instead of the extractor.
const ads = loadCorpus();
const municipalities = loadMunicipalities();

describe('evaluation corpus (test/eval/corpus/*.jsonl)', () => {
  it('has several themed files and at least 500 ads', () => {
    expect(corpusFiles().length).toBeGreaterThanOrEqual(7);
    expect(ads.length).toBeGreaterThanOrEqual(500);
  });

  it('has unique ids', () => {
    const ids = ads.map((a) => a.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('labels only valid phone numbers (libphonenumber, full metadata)', () => {
    const invalid = ads.flatMap((a) => a.expected.phones.filter((p) => !isValidPhoneNumber(p.e164)).map((p) => `${a.id}: ${p.e164}`));
    expect(invalid).toEqual([]);
  });

  it('gives a kind to every obfuscated phone and to no plain one', () => {
    const wrong = ads.flatMap((a) => a.expected.phones.filter((p) => p.obfuscated !== (p.kind !== undefined)).map(() => a.id));
    expect(wrong).toEqual([]);
  });

  it('labels each phone of an ad once', () => {
    const dupes = ads.filter((a) => new Set(a.expected.phones.map((p) => p.e164)).size !== a.expected.phones.length).map((a) => a.id);
    expect(dupes).toEqual([]);
  });

  it('writes every plain (non-obfuscated) number digit for digit somewhere in the ad', () => {
    // Guards against typos in the labels: the national digits must occur in the ad's digits.
    const missing = ads.flatMap((a) => {
      const digits = [a.title, a.text, a.phone, a.location].join(' ').replace(/\D/g, '');
      return a.expected.phones.filter((p) => !p.obfuscated && !digits.includes(parsePhoneNumber(p.e164).nationalNumber)).map((p) => `${a.id}: ${p.e164}`);
    });
    expect(missing).toEqual([]);
  });

  it('uses existing 2023 municipality codes and their BTP district (null outside the region)', () => {
    const wrong = ads.flatMap((a) => {
      const { municipalityCode: code, district } = a.expected;
      if (code === null) return district === null ? [] : [`${a.id}: district without municipality`];
      const row = municipalities.get(code);
      if (!row) return [`${a.id}: unknown code ${code}`];
      return row.district === district ? [] : [`${a.id}: ${row.name} is in ${row.district ?? 'no district'}, labelled ${district ?? 'null'}`];
    });
    expect(wrong).toEqual([]);
  });

  it('labels plausible ages and normalised permit numbers', () => {
    expect(ads.filter((a) => a.expected.age !== null && (a.expected.age < 14 || a.expected.age > 99)).map((a) => a.id)).toEqual([]);
    const unnormalised = ads.flatMap((a) => a.expected.permitNumbers.filter((p) => p !== p.toUpperCase() || /\s/.test(p)));
    expect(unnormalised).toEqual([]);
  });

  it('has at least 80 obscured-phone ads covering every kind with at least 10 each', () => {
    const obscured = ads.filter((a) => a.expected.phones.some((p) => p.obfuscated));
    expect(obscured.length).toBeGreaterThanOrEqual(80);
    for (const kind of OBFUSCATION_KINDS) {
      expect(ads.filter((a) => a.expected.phones.some((p) => p.kind === kind)).length, kind).toBeGreaterThanOrEqual(10);
    }
  });

  it('has at least 60 false-positive traps without any phone', () => {
    const traps = ads.filter((a) => a.file === 'false-positive-traps.jsonl' && a.expected.phones.length === 0);
    expect(traps.length).toBeGreaterThanOrEqual(60);
  });

  it('covers foreign numbers, out-of-region places, ads without a place, ages and permits', () => {
    expect(ads.filter((a) => a.expected.phones.some((p) => !p.e164.startsWith('+31'))).length).toBeGreaterThanOrEqual(30);
    expect(ads.filter((a) => a.expected.municipalityCode !== null && a.expected.district === null).length).toBeGreaterThanOrEqual(40);
    expect(ads.filter((a) => a.expected.municipalityCode === null).length).toBeGreaterThanOrEqual(3);
    expect(ads.filter((a) => a.expected.age !== null).length).toBeGreaterThanOrEqual(100);
    expect(ads.filter((a) => a.expected.permitNumbers.length > 0).length).toBeGreaterThanOrEqual(20);
  });

  it('labels prices, availability, work settings and languages on at least 80 ads, with traps', () => {
    const labelled = ads.filter((a) => a.expected.pricePerHour !== undefined && a.expected.availability !== undefined && a.expected.workSettings !== undefined && a.expected.languages !== undefined);
    expect(labelled.length).toBeGreaterThanOrEqual(80);
    expect(labelled.filter((a) => a.expected.pricePerHour === null).length).toBeGreaterThanOrEqual(2);
    expect(labelled.filter((a) => a.expected.availability === true).length).toBeGreaterThanOrEqual(10);
    expect(labelled.filter((a) => a.expected.languages?.length === 0).length).toBeGreaterThanOrEqual(10);
    expect(labelled.filter((a) => a.expected.workSettings?.length === 0).length).toBeGreaterThanOrEqual(5);
  });
});
