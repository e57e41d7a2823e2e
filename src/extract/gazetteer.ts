import { isDistrict, type District } from '../domain/districts.js';
import { nameKey } from './fold.js';
import { buildFuzzyIndex, type FuzzyIndex } from './fuzzy-index.js';
import { currentMunicipalityName, MERGED_MUNICIPALITIES } from './municipality-mergers.js';
import { DICTIONARY_PLACES, HARD_PLACES, NOT_PLACES, PLACE_ALIASES } from './place-words.js';

export interface MunicipalityInfo {
  /** CBS code, e.g. `GM0392`. */
  code: string;
  name: string;
  province: string;
  district: District | null;
}

/** One municipality a place name may refer to. */
export interface PlaceCandidate {
  code: string;
  /** How much of the name's use points here (postcode areas plus a bonus for a municipality name). */
  weight: number;
  /** The name is this municipality's own name (not only a village in it). */
  isMunicipality: boolean;
}

export interface PlaceName {
  key: string;
  /** Heaviest first. */
  candidates: readonly PlaceCandidate[];
  /** Also an ordinary word: a capitalised bare mention at a sentence start does not count. */
  dictionaryWord: boolean;
  /** So common as a word or first name that only the location field or a cue phrase can name it. */
  hard: boolean;
}

/** What a landline area code (netnummer) covers. */
export interface AreaCode {
  /** The municipality of the largest place under this area code. */
  main: string;
  codes: ReadonlySet<string>;
}

/**
 * Everything the place resolver looks up, built once. Opaque to callers: create it with
 * `loadGazetteer()` and pass it in.
 */
export interface Gazetteer {
  readonly municipalities: ReadonlyMap<string, MunicipalityInfo>;
  /** Folded name key (see `nameKey`) → the municipalities it may mean. */
  readonly names: ReadonlyMap<string, PlaceName>;
  /** First words of all keys, so most words of a text are rejected with one set lookup. */
  readonly firstWords: ReadonlySet<string>;
  readonly maxNameWords: number;
  /** 4-digit postcode → CBS code. */
  readonly postcodes: ReadonlyMap<string, string>;
  /** Area code with its 0 (`023`, `0229`) → what it covers. */
  readonly areaCodes: ReadonlyMap<string, AreaCode>;
  readonly fuzzy: FuzzyIndex;
}

export type CsvRecord = Readonly<Record<string, string>>;

const MUNICIPALITY_BONUS = 5;
const ALIAS_WEIGHT = 3;

/**
 * Builds the gazetteer from the rows of data/gemeenten.csv and data/pc4-4pp.csv. Throws when a pc4
 * row's municipality cannot be mapped to a 2023 municipality (see municipality-mergers.ts).
 */
export function buildGazetteer(municipalityRows: readonly CsvRecord[], pc4Rows: readonly CsvRecord[]): Gazetteer {
  const municipalities = new Map<string, MunicipalityInfo>();
  const codeByName = new Map<string, string>();
  for (const row of municipalityRows) {
    const info = toMunicipality(row);
    municipalities.set(info.code, info);
    codeByName.set(info.name, info.code);
  }
  const names = new NameTable();
  for (const info of municipalities.values()) {
    names.add(info.name, info.code, MUNICIPALITY_BONUS, true);
    const base = info.name.replace(/\s*\(.*\)$/, '');
    if (base !== info.name) names.add(base, info.code, MUNICIPALITY_BONUS, true);
  }
  const postcodes = new Map<string, string>();
  const areaPlaces = new Map<string, Map<string, { code: string; rows: number }>>();
  for (const row of pc4Rows) {
    const code = pc4Code(row, codeByName);
    postcodes.set(field(row, 'postcode'), code);
    names.add(field(row, 'woonplaats'), code, 1, false);
    // Postal abbreviations (`LYNDEN`, `EGMOND AD HOEF`): exact matches only, never fuzzy targets.
    for (const alt of field(row, 'alternatieve_schrijfwijzen').split(';')) names.add(alt, code, 1, false, false);
    countAreaPlace(areaPlaces, row, code);
  }
  addHandMadeNames(names, codeByName);
  const table = names.finish();
  return {
    municipalities,
    names: table,
    firstWords: new Set([...table.keys()].map((k) => k.split(' ')[0] ?? '')),
    maxNameWords: Math.max(...[...table.keys()].map((k) => k.split(' ').length)),
    postcodes,
    areaCodes: toAreaCodes(areaPlaces),
    fuzzy: buildFuzzyIndex(
      [...table.values()]
        .filter((p) => !p.hard && names.fuzzyKeys.has(p.key))
        .map((p) => [p.key, p.candidates.reduce((w, c) => w + c.weight, 0)] as const),
    ),
  };
}

function toMunicipality(row: CsvRecord): MunicipalityInfo {
  const district = field(row, 'btp_district');
  return {
    code: field(row, 'cbs_code'),
    name: field(row, 'gemeente'),
    province: field(row, 'provincie'),
    district: isDistrict(district) ? district : null,
  };
}

function pc4Code(row: CsvRecord, codeByName: ReadonlyMap<string, string>): string {
  const pc4 = {
    postcode: field(row, 'postcode'),
    woonplaats: field(row, 'woonplaats'),
    gemeente: field(row, 'gemeente'),
    provincie: field(row, 'provincie'),
  };
  const name = currentMunicipalityName(pc4) ?? pc4.gemeente;
  const code = codeByName.get(name);
  if (!code) throw new Error(`pc4 ${pc4.postcode} (${pc4.woonplaats}): municipality "${pc4.gemeente}" is not mapped`);
  return code;
}

/** Former municipality names and common aliases (`Den Bosch`, `Schiphol`, `Bergen NH`). */
function addHandMadeNames(names: NameTable, codeByName: ReadonlyMap<string, string>): void {
  const entries = [...Object.entries(MERGED_MUNICIPALITIES), ...Object.entries(PLACE_ALIASES)];
  for (const [alias, target] of entries) {
    const code = codeByName.get(target);
    if (!code) throw new Error(`alias "${alias}" points to unknown municipality "${target}"`);
    names.add(alias, code, ALIAS_WEIGHT, false);
  }
}

function countAreaPlace(areas: Map<string, Map<string, { code: string; rows: number }>>, row: CsvRecord, code: string) {
  const area = field(row, 'netnummer');
  if (!/^0\d{1,3}$/.test(area)) return;
  const places = areas.get(area) ?? new Map<string, { code: string; rows: number }>();
  areas.set(area, places);
  const place = `${field(row, 'woonplaats')}|${code}`;
  const entry = places.get(place) ?? { code, rows: 0 };
  entry.rows++;
  places.set(place, entry);
}

function toAreaCodes(areas: Map<string, Map<string, { code: string; rows: number }>>): Map<string, AreaCode> {
  const out = new Map<string, AreaCode>();
  for (const [area, places] of areas) {
    const ranked = [...places.values()].sort((a, b) => b.rows - a.rows);
    const main = ranked[0]?.code;
    if (main) out.set(area, { main, codes: new Set(ranked.map((p) => p.code)) });
  }
  return out;
}

function field(row: CsvRecord, name: string): string {
  return (row[name] ?? '').trim();
}

/** Accumulates candidates per name key, merging repeated (key, code) pairs. */
class NameTable {
  private readonly byKey = new Map<string, Map<string, PlaceCandidate>>();
  /** Keys a one-typo spelling may be corrected to. */
  readonly fuzzyKeys = new Set<string>();

  add(name: string, code: string, weight: number, isMunicipality: boolean, fuzzy = true): void {
    const key = nameKey(name);
    if (key === '' || NOT_PLACES.has(key)) return;
    if (fuzzy) this.fuzzyKeys.add(key);
    const candidates = this.byKey.get(key) ?? new Map<string, PlaceCandidate>();
    this.byKey.set(key, candidates);
    const seen = candidates.get(code);
    if (seen) {
      seen.weight += weight;
      seen.isMunicipality ||= isMunicipality;
    } else candidates.set(code, { code, weight, isMunicipality });
  }

  finish(): Map<string, PlaceName> {
    const out = new Map<string, PlaceName>();
    for (const [key, candidates] of this.byKey) {
      const sorted = [...candidates.values()].sort(
        (a, b) => Number(b.isMunicipality) - Number(a.isMunicipality) || b.weight - a.weight,
      );
      out.set(key, { key, candidates: sorted, dictionaryWord: DICTIONARY_PLACES.has(key), hard: HARD_PLACES.has(key) });
    }
    return out;
  }
}
