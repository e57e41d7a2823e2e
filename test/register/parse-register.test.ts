import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/extract/index.js';
import { formatRegisterError, parseRegister, RegisterFileError, type ParsedRegister } from '../../src/register/index.js';

const gazetteer = loadGazetteer();
const HEADER = 'vergunningnummer,naam,soort,adres,postcode,plaats,gemeente,telefoonnummers,website,geldig_van,geldig_tot';

function parse(text: string | Uint8Array, options: { municipality?: string; mapping?: Record<string, string>; name?: string } = {}): Promise<ParsedRegister> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return parseRegister(bytes, options.name ?? 'register.csv', {
    gazetteer,
    municipality: options.municipality,
    mapping: options.mapping as never,
  });
}

describe('parseRegister: CSV', () => {
  it('reads a comma-separated UTF-8 register with the canonical columns', async () => {
    const csv = `${HEADER}\nHLM-2023-0142,Club Zilvermeeuw,seksinrichting,Voorbeeldstraat 12,2011ab,Haarlem,Haarlem,"06-12345678; 023 555 0142",https://x.example,01-03-2023,2026-02-28\n`;
    const result = await parse(csv);
    expect(result.errors).toEqual([]);
    expect(result.table).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
    expect(result.permits).toEqual([
      {
        rowNumber: 2,
        number: 'HLM-2023-0142',
        name: 'Club Zilvermeeuw',
        kind: 'seksinrichting',
        address: 'Voorbeeldstraat 12',
        postcode: '2011 AB',
        place: 'Haarlem',
        municipalityCode: 'GM0392',
        municipalityName: 'Haarlem',
        phones: ['+31612345678', '+31235550142'],
        website: 'https://x.example',
        validFrom: '2023-03-01',
        validTo: '2026-02-28',
      },
    ]);
    expect(result.scope.map((m) => m.code)).toEqual(['GM0392']);
    expect(result.explicitScope).toBe(false);
  });

  it('reads a semicolon-separated Windows-1252 file with a BOM-less header in other case and spacing', async () => {
    const text = 'Vergunningnummer;Naam;Soort;Gemeente;Telefoonnummers;Geldig van;GELDIG_TOT;Opmerking\r\n' +
      'zst/2022/17;Privéhuis Café Zaandam;Seksinrichting;Zaanstad;075-5550017;1-9-2022;31-8-2025;geen\r\n';
    const result = await parse(iconv.encode(text, 'win1252'));
    expect(result.errors).toEqual([]);
    expect(result.table).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(result.permits[0]).toMatchObject({ number: 'zst/2022/17', name: 'Privéhuis Café Zaandam', kind: 'seksinrichting', validFrom: '2022-09-01', validTo: '2025-08-31', phones: ['+31755550017'] });
    expect(result.ignoredColumns).toEqual(['Opmerking']);
  });

  it('reads UTF-8 with a byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\nA-1,Één,thuiswerker,,,,Velsen,,,2024-01-01,\n`)]);
    const result = await parse(bytes);
    expect(result.errors).toEqual([]);
    expect(result.permits[0]).toMatchObject({ number: 'A-1', name: 'Één', validTo: null, phones: [], municipalityCode: 'GM0453' });
  });

  it('maps other headers through a column mapping', async () => {
    const csv = 'Vergunning nr.;Naam exploitant;Type vergunning;Gemeente;Tel.;Ingangsdatum;Einddatum\nAKM.2024.031;Club De Kaasmarkt;escortbedrijf;Alkmaar;06-33330012 / 06-33330013;2024-02-01;2027-01-31\n';
    const mapping = { 'vergunning nr.': 'vergunningnummer', 'NAAM EXPLOITANT': 'naam', 'Type vergunning': 'soort', 'Tel.': 'telefoonnummers', Ingangsdatum: 'geldig_van', Einddatum: 'geldig_tot' };
    const result = await parse(csv, { mapping });
    expect(result.errors).toEqual([]);
    expect(result.permits[0]).toMatchObject({ number: 'AKM.2024.031', kind: 'escortbedrijf', phones: ['+31633330012', '+31633330013'] });
  });

  it('reports every error of every row, with row number, column and reason, and keeps no row', async () => {
    const csv = [
      HEADER,
      'HLM-1,Goed,seksinrichting,,,,Haarlem,06-12345678,,2024-01-01,2026-01-01',
      ',Zonder nummer,club,,12345,,Atlantis,06-123,,2024-13-01,',
      '',
      'HLM-2,Data omgedraaid,escortbedrijf,,,,Haarlem,,,2025-01-01,2024-01-01',
      '"HLM 1",Dubbel,seksinrichting,,,,Haarlem,,,2024-01-01,',
      'HLM-3,Bergen?,thuiswerker,,,,Bergen,,,31-02-2024,',
    ].join('\n');
    const result = await parse(csv);
    const lines = result.errors.map(formatRegisterError);
    expect(lines).toEqual([
      'row 3, vergunningnummer: required',
      'row 3, soort: must be one of: seksinrichting, escortbedrijf, raamprostitutie, thuiswerker ("club")',
      'row 3, postcode: not a Dutch postcode (1234 AB) ("12345")',
      'row 3, gemeente: not a Dutch municipality (use the name as CBS writes it, or the GM code) ("Atlantis")',
      'row 3, telefoonnummers: "06-123" is not a valid phone number ("06-123")',
      'row 3, geldig_van: no such date ("2024-13-01")',
      'row 5, geldig_tot: before geldig_van (2025-01-01) ("2024-01-01")',
      'row 6, vergunningnummer: same permit number as row 2 ("HLM 1")',
      'row 7, gemeente: ambiguous: Bergen (NH.) or Bergen (L.) ("Bergen")',
      'row 7, geldig_van: no such date ("31-02-2024")',
    ]);
  });

  it('reports a missing required column as an error of the header row', async () => {
    const result = await parse('vergunningnummer,naam,gemeente,geldig_van\nX-1,Y,Haarlem,2024-01-01\n');
    expect(result.errors.map(formatRegisterError)).toEqual([
      'row 1, soort: required column missing from the header row',
      'row 1, geldig_tot: required column missing from the header row',
    ]);
    expect(result.permits).toEqual([]);
  });

  it('with --municipality: the file is that municipality\'s register; gemeente may be left out, another one is an error', async () => {
    const ok = await parse('vergunningnummer;naam;soort;geldig_van;geldig_tot\nX-1;Y;thuiswerker;2024-01-01;\n', { municipality: 'gm0392' });
    expect(ok.errors).toEqual([]);
    expect(ok).toMatchObject({ explicitScope: true, scope: [{ code: 'GM0392' }] });
    expect(ok.permits[0]?.municipalityCode).toBe('GM0392');
    const wrong = await parse(`${HEADER}\nX-1,Y,thuiswerker,,,,Zaanstad,,,2024-01-01,\n`, { municipality: 'Haarlem' });
    expect(wrong.errors.map(formatRegisterError)).toEqual(['row 2, gemeente: not Haarlem, the municipality this import is for ("Zaanstad")']);
    const empty = await parse(`${HEADER}\n`, { municipality: 'Haarlem' });
    expect(empty).toMatchObject({ errors: [], permits: [], scope: [{ code: 'GM0392' }] });
    await expect(parse(`${HEADER}\n`, { municipality: 'Atlantis' })).rejects.toThrow(RegisterFileError);
  });

  it('refuses an empty file without --municipality', async () => {
    expect((await parse(`${HEADER}\n`)).errors).toHaveLength(1);
    await expect(parse('')).rejects.toThrow(/empty/);
  });
});

describe('parseRegister: XLSX', () => {
  async function workbook(rows: unknown[][]): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Vergunningen');
    for (const row of rows) sheet.addRow(row);
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  it('reads the first worksheet: date cells, numeric phone cells, links and formulas', async () => {
    const bytes = await workbook([
      HEADER.split(','),
      ['HLM-2024-0007', 'Escort Kennemer', 'escortbedrijf', null, '2011 AB', 'Haarlem', 'Haarlem', 611110007, { text: 'kennemer.example', hyperlink: 'https://kennemer.example' }, new Date(Date.UTC(2024, 0, 15)), { formula: '"2027-01-14"', result: '2027-01-14' }],
      [],
      ['HLM-2024-0008', 'Kapot', 'escortbedrijf', null, null, null, 'Haarlem', 'onbekend', null, 'gisteren', null],
    ]);
    const result = await parse(bytes, { name: 'register.xlsx' });
    expect(result.table).toMatchObject({ format: 'xlsx', sheet: 'Vergunningen' });
    expect(result.errors.map(formatRegisterError)).toEqual([
      'row 4, telefoonnummers: "onbekend" is not a valid phone number ("onbekend")',
      'row 4, geldig_van: not a date: use YYYY-MM-DD or DD-MM-YYYY ("gisteren")',
    ]);
    // Recognised by its content, whatever the name.
    const good = await parse(bytes.slice(), { name: 'upload.bin' });
    expect(good.permits).toHaveLength(1);
    expect(good.permits[0]).toMatchObject({ phones: ['+31611110007'], website: 'kennemer.example', validFrom: '2024-01-15', validTo: '2027-01-14', rowNumber: 2 });
  });

  it('refuses a broken workbook as a file error', async () => {
    await expect(parse(Buffer.from('PK\u0003\u0004garbage'), { name: 'x.xlsx' })).rejects.toThrow(RegisterFileError);
  });
});
