/**
 * The pure analysis stage: what an ad's text says about phones, place, age and permits.
 * `loadGazetteer()` is the only function that reads files; everything else is pure.
 */
export { analyzeAd } from './analyze-ad.js';
export { extractAge } from './extract-age.js';
export { extractPermitNumbers } from './extract-permit-numbers.js';
export { extractPhones } from './extract-phones.js';
export type { Gazetteer } from './gazetteer.js';
export { loadGazetteer } from './load-gazetteer.js';
export { districtOf, resolveMunicipality } from './resolve-municipality.js';
