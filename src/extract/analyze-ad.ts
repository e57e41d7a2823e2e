import type { AdAnalysis, AdText } from '../domain/analysis.js';
import { extractAge } from './extract-age.js';
import { extractPermitNumbers } from './extract-permit-numbers.js';
import { extractPhones } from './extract-phones.js';
import type { Gazetteer } from './gazetteer.js';
import { districtOf, resolveMunicipality } from './resolve-municipality.js';

/**
 * The pure analysis of one ad: phone numbers, municipality and BTP district, stated age and cited
 * permit numbers. No I/O; fast enough to run inline in the `ads` worker and `zicht analyze`.
 *
 * @example
 * const gazetteer = loadGazetteer();
 * analyzeAd({ text: 'Nieuw in Zaandam! Bel 06-12345678', age: '23' }, gazetteer);
 * // → { phones: [{ e164: '+31612345678', … }], municipality: { code: 'GM0479', name: 'Zaanstad', … },
 * //     district: 'Zaanstreek-Waterland', age: 23, permitNumbers: [] }
 */
export function analyzeAd(ad: AdText, gazetteer: Gazetteer): AdAnalysis {
  const phones = extractPhones(ad);
  const municipality = resolveMunicipality(ad, gazetteer, phones);
  return {
    phones,
    municipality,
    district: municipality ? districtOf(municipality.code, gazetteer) : null,
    age: extractAge(ad),
    permitNumbers: extractPermitNumbers(ad),
  };
}
