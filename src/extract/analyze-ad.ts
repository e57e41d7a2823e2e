import type { AdText, CompleteAdAnalysis } from '../domain/analysis.js';
import { extractAge } from './extract-age.js';
import { extractAvailability } from './extract-availability.js';
import { extractLanguages } from './extract-languages.js';
import { extractNames } from './extract-names.js';
import { extractPermitNumbers } from './extract-permit-numbers.js';
import { extractPhones } from './extract-phones.js';
import { extractPrices, typicalHourlyRate } from './extract-prices.js';
import { extractServices } from './extract-services.js';
import { extractWorkSettings } from './extract-work-settings.js';
import { nameKey } from './fold.js';
import type { Gazetteer } from './gazetteer.js';
import { districtOf, resolveMunicipality } from './resolve-municipality.js';

/**
 * The pure analysis of one ad: phone numbers, municipality and BTP district, stated age, cited
 * permit numbers, prices, services, languages, availability, work settings and names. No I/O;
 * fast enough to run inline in the `ads` worker and `zicht analyze`. Fields: docs/analysis-fields.md.
 *
 * @example
 * const gazetteer = loadGazetteer();
 * analyzeAd({ text: 'Nieuw in Zaandam! Bel 06-12345678, 1 uur €150', age: '23' }, gazetteer);
 * // → { phones: [{ e164: '+31612345678', … }], municipality: { code: 'GM0479', name: 'Zaanstad', … },
 * //     district: 'Zaanstreek-Waterland', age: 23, permitNumbers: [], pricePerHour: 150, … }
 */
export function analyzeAd(ad: AdText, gazetteer: Gazetteer): CompleteAdAnalysis {
  const phones = extractPhones(ad);
  const municipality = resolveMunicipality(ad, gazetteer, phones);
  const prices = extractPrices(ad);
  const services = extractServices(ad);
  const settings = extractWorkSettings(ad);
  return {
    phones,
    municipality,
    district: municipality ? districtOf(municipality.code, gazetteer) : null,
    age: extractAge(ad),
    permitNumbers: extractPermitNumbers(ad),
    prices,
    pricePerHour: typicalHourlyRate(prices),
    services: services.services,
    serviceSpans: services.spans,
    languages: extractLanguages(ad),
    availability: extractAvailability(ad),
    workSettings: settings.workSettings,
    workSettingSpans: settings.spans,
    names: extractNames(ad, (word) => gazetteer.names.has(nameKey(word))),
  };
}
