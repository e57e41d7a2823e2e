import type { District } from '../../domain/districts.js';
import { loadGazetteer, type MunicipalityInfo } from '../../extract/index.js';

let municipalities: ReadonlyMap<string, MunicipalityInfo> | undefined;

/**
 * Every municipality by CBS code, read from the gazetteer shipped with the app on first use and
 * kept: reference data that only changes with a release (reading it per request costs ~100 ms).
 */
function allMunicipalities(): ReadonlyMap<string, MunicipalityInfo> {
  municipalities ??= loadGazetteer().municipalities;
  return municipalities;
}

/** The municipalities of one district (null: of all three), by name: the queue's municipality filter. */
export function municipalitiesOf(district: District | null): MunicipalityInfo[] {
  return [...allMunicipalities().values()]
    .filter((m) => (district === null ? m.district !== null : m.district === district))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** A CBS code's municipality name, or the code when it is not one. */
export function municipalityName(code: string): string {
  return allMunicipalities().get(code)?.name ?? code;
}
