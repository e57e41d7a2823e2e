/**
 * The pure analysis stage: what an ad's text says about phones, place, age, permits, prices,
 * services, languages, availability, work settings and names. `loadGazetteer()` is the only
 * function that reads files; everything else is pure.
 */
export { analyzeAd } from './analyze-ad.js';
export { extractAge } from './extract-age.js';
export { extractAvailability } from './extract-availability.js';
export { extractLanguages } from './extract-languages.js';
export { extractNames } from './extract-names.js';
export { extractPermitNumbers } from './extract-permit-numbers.js';
export { extractPhones } from './extract-phones.js';
export { extractPrices, typicalHourlyPrice, typicalHourlyRate } from './extract-prices.js';
export { extractServices } from './extract-services.js';
export { extractWorkSettings } from './extract-work-settings.js';
export type { Gazetteer, MunicipalityInfo } from './gazetteer.js';
export { loadGazetteer } from './load-gazetteer.js';
export { municipalityByName } from './municipality-by-name.js';
export { districtOf, resolveMunicipality } from './resolve-municipality.js';
