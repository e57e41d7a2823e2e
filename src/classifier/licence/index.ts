/**
 * Licence assessment (pure): is an ad's business in the municipal permit register? Build a
 * `Register` from permits with `createRegister`, then call `assessLicence` per ad.
 */
export { assessLicence, type LicenceInput } from './assess-licence.js';
export { calendarDate } from './calendar-date.js';
export { permitKey } from './permit-key.js';
export { createRegister, validityOn, type Register } from './register.js';
