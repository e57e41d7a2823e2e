import { nameKey } from './fold.js';
import type { Gazetteer, MunicipalityInfo } from './gazetteer.js';
import { MERGED_MUNICIPALITIES } from './municipality-mergers.js';

const INDEX = new WeakMap<Gazetteer, Map<string, MunicipalityInfo[]>>();

/**
 * The municipalities an official name may mean: a CBS code (`GM0392`), today's name in any case
 * or spacing (`Bergen (NH.)`, `bergen nh`), or a merged municipality's former name (`Heerhugowaard`
 * → Dijk en Waard). Villages do not count: a register's `gemeente` column names a municipality.
 * Empty when unknown; more than one when ambiguous (`Bergen`: NH. or L.).
 *
 * @example municipalityByName('haarlem', gazetteer)[0]?.code // 'GM0392'
 */
export function municipalityByName(name: string, gazetteer: Gazetteer): MunicipalityInfo[] {
  const code = name.trim().toUpperCase();
  if (/^GM\d{4}$/.test(code)) {
    const info = gazetteer.municipalities.get(code);
    return info ? [info] : [];
  }
  return indexOf(gazetteer).get(nameKey(name)) ?? [];
}

function indexOf(gazetteer: Gazetteer): Map<string, MunicipalityInfo[]> {
  let index = INDEX.get(gazetteer);
  if (index) return index;
  const built = new Map<string, MunicipalityInfo[]>();
  const byName = new Map<string, MunicipalityInfo>();
  const add = (alias: string, info: MunicipalityInfo) => {
    const key = nameKey(alias);
    const list = built.get(key) ?? [];
    if (!list.includes(info)) list.push(info);
    built.set(key, list);
  };
  for (const info of gazetteer.municipalities.values()) {
    byName.set(info.name, info);
    add(info.name, info);
    add(info.name.replace(/\s*\(.*\)$/, ''), info);
  }
  for (const [former, today] of Object.entries(MERGED_MUNICIPALITIES)) {
    const info = byName.get(today);
    if (info && !built.has(nameKey(former))) add(former, info);
  }
  index = built;
  INDEX.set(gazetteer, index);
  return index;
}
