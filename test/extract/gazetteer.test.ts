import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/extract/csv.js';
import { analyzeAd, districtOf, loadGazetteer, type Gazetteer } from '../../src/extract/index.js';
import { currentMunicipalityName } from '../../src/extract/municipality-mergers.js';
import { buildAd } from './build-ad.js';

const readData = (name: string) => parseCsv(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8'));
const municipalities = readData('gemeenten.csv');
const pc4Rows = readData('pc4-4pp.csv');
const codeByName = new Map(municipalities.map((m) => [m['gemeente'] ?? '', m['cbs_code'] ?? '']));
const regionRows = municipalities.filter((m) => m['btp_district']);

let gaz: Gazetteer;
beforeAll(() => {
  gaz = loadGazetteer();
});

describe('reference data', () => {
  it('has 342 municipalities, 32 of them in the three districts', () => {
    expect(municipalities).toHaveLength(342);
    expect(regionRows).toHaveLength(32);
  });

  it('maps every pc4 row to a 2023 municipality in gemeenten.csv', () => {
    const unmapped = pc4Rows.filter((row) => {
      const name = currentMunicipalityName({
        postcode: row['postcode'] ?? '',
        woonplaats: row['woonplaats'] ?? '',
        gemeente: row['gemeente'] ?? '',
        provincie: row['provincie'] ?? '',
      });
      return !codeByName.has(name ?? row['gemeente'] ?? '');
    });
    expect(unmapped.map((r) => `${r['postcode']} ${r['woonplaats']} (${r['gemeente']})`)).toEqual([]);
    expect(gaz.postcodes.size).toBe(pc4Rows.length);
  });

  it.each([
    ['1474', 'Zeevang: Oosthuizen', 'Edam-Volendam'],
    ['1636', 'Schermer: Schermerhorn', 'Alkmaar'],
    ['1483', 'Graft-De Rijp', 'Alkmaar'],
    ['2064', 'Haarlemmerliede en Spaarnwoude', 'Haarlemmermeer'],
    ['1701', 'Heerhugowaard', 'Dijk en Waard'],
    ['1721', 'Langedijk', 'Dijk en Waard'],
    ['1462', 'Beemster: Middenbeemster', 'Purmerend'],
    ['1381', 'Weesp', 'Amsterdam'],
    ['1398', 'Muiden', 'Gooise Meren'],
    ['1402', 'Bussum', 'Gooise Meren'],
    ['1861', 'Bergen (NH)', 'Bergen (NH.)'],
    ['5854', 'Bergen (L)', 'Bergen (L.)'],
    ['9001', 'Boarnsterhim: Grou', 'Leeuwarden'],
    ['5268', 'Haaren: Helvoirt', 'Vught'],
    ['4264', 'empty municipality column', 'Altena'],
  ])('postcode %s (%s) lies in %s today', (pc4, _old, today) => {
    expect(gaz.municipalities.get(gaz.postcodes.get(pc4) ?? '')?.name).toBe(today);
  });
});

describe('the 32 municipalities of the region', () => {
  it.each(regionRows.map((m) => [m['gemeente'], m['cbs_code'], m['btp_district']]))(
    '%s resolves to %s in %s',
    (name, code, district) => {
      for (const ad of [buildAd({ location: name }), buildAd({ text: `Ontvangst in ${name}, bel gerust.` })]) {
        const result = analyzeAd(ad, gaz);
        expect(result.municipality?.code).toBe(code);
        expect(result.district).toBe(district);
      }
      expect(districtOf(code ?? '', gaz)).toBe(district);
    },
  );
});

describe('places in and out of the region', () => {
  it.each([
    ['Zaandam', 'Zaanstad', 'Zaanstreek-Waterland'],
    ['Hoofddorp', 'Haarlemmermeer', 'Kennemerland'],
    ['Nieuw-Vennep', 'Haarlemmermeer', 'Kennemerland'],
    ['IJmuiden', 'Velsen', 'Kennemerland'],
    ['Volendam', 'Edam-Volendam', 'Zaanstreek-Waterland'],
    ['Heerhugowaard', 'Dijk en Waard', 'Noord-Holland Noord'],
    ['Middenbeemster', 'Purmerend', 'Zaanstreek-Waterland'],
    ['De Rijp', 'Alkmaar', 'Noord-Holland Noord'],
    ['Julianadorp', 'Den Helder', 'Noord-Holland Noord'],
    ['Schoorl', 'Bergen (NH.)', 'Noord-Holland Noord'],
    ['Egmond aan Zee', 'Bergen (NH.)', 'Noord-Holland Noord'],
    ['Den Burg', 'Texel', 'Noord-Holland Noord'],
    ['Santpoort-Noord', 'Velsen', 'Kennemerland'],
    ['Badhoevedorp', 'Haarlemmermeer', 'Kennemerland'],
    ['Schiphol', 'Haarlemmermeer', 'Kennemerland'],
    ['Amsterdam', 'Amsterdam', null],
    ['Weesp', 'Amsterdam', null],
    ['Bussum', 'Gooise Meren', null],
    ['Hilversum', 'Hilversum', null],
    ['Amstelveen', 'Amstelveen', null],
    ['Utrecht', 'Utrecht', null],
    ['Den Haag', "'s-Gravenhage", null],
    ['Den Bosch', "'s-Hertogenbosch", null],
    ['Leeuwarden', 'Leeuwarden', null],
    ['Sneek', 'Súdwest-Fryslân', null],
    ['Maastricht', 'Maastricht', null],
  ])('%s → %s (district %s)', (place, municipality, district) => {
    const result = analyzeAd(buildAd({ location: place }), gaz);
    expect(result.municipality?.name).toBe(municipality);
    expect(result.district).toBe(district);
  });

  it('knows nothing of unknown codes', () => {
    expect(districtOf('GM9999', gaz)).toBeNull();
  });
});
