import { z } from 'zod';
import { PERMIT_KINDS, type Permit } from '../domain/licence.js';
import { municipalityByName, type Gazetteer, type MunicipalityInfo } from '../extract/index.js';
import { parsePostcode, parseRegisterDate, parseRegisterPhones, type Parsed } from './cell-parsers.js';

export interface RowContext {
  gazetteer: Gazetteer;
  /** Set with `--municipality`: every row belongs to it, an empty `gemeente` means it. */
  scope: MunicipalityInfo | null;
}

const text = z.string().transform((s) => s.trim());
const optionalText = text.transform((s) => (s === '' ? null : s));

/** A transform that reads a cell with `parse`, adding its reason as the issue. */
function cell<T>(parse: (value: string) => Parsed<T>) {
  return (value: string, ctx: z.RefinementCtx): T => {
    const parsed = parse(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  };
}

function required(value: string): Parsed<string> {
  return value === '' ? { ok: false, reason: 'required' } : { ok: true, value };
}

function municipality(ctx: RowContext) {
  return (value: string): Parsed<MunicipalityInfo> => {
    if (value === '' && ctx.scope) return { ok: true, value: ctx.scope };
    if (value === '') return { ok: false, reason: 'required' };
    const found = municipalityByName(value, ctx.gazetteer);
    if (found.length === 0) return { ok: false, reason: 'not a Dutch municipality (use the name as CBS writes it, or the GM code)' };
    if (found.length > 1) return { ok: false, reason: `ambiguous: ${found.map((m) => m.name).join(' or ')}` };
    const info = found[0]!;
    if (ctx.scope && info.code !== ctx.scope.code) return { ok: false, reason: `not ${ctx.scope.name}, the municipality this import is for` };
    return { ok: true, value: info };
  };
}

/**
 * The zod schema of one register row (cells as text, keyed by canonical column) → a `Permit`.
 * Every column is checked, so a row reports all its problems at once.
 */
export function permitRowSchema(ctx: RowContext) {
  return z
    .object({
      vergunningnummer: text.transform(cell(required)).pipe(z.string().max(60, 'longer than 60 characters').regex(/[\p{L}\p{N}]/u, 'needs a letter or digit')),
      naam: text.transform(cell(required)),
      soort: text
        .transform((s) => s.toLowerCase())
        .pipe(z.enum(PERMIT_KINDS, { error: `must be one of: ${PERMIT_KINDS.join(', ')}` })),
      adres: optionalText,
      postcode: text.transform((s, c) => (s === '' ? null : cell(parsePostcode)(s, c))),
      plaats: optionalText,
      gemeente: text.transform(cell(municipality(ctx))),
      telefoonnummers: text.transform(cell(parseRegisterPhones)),
      website: optionalText,
      geldig_van: text.transform(cell((s) => (s === '' ? { ok: false, reason: 'required' } : parseRegisterDate(s)))),
      geldig_tot: text.transform((s, c) => (s === '' ? null : cell(parseRegisterDate)(s, c))),
    })
    .transform(
      (row): Permit => ({
        number: row.vergunningnummer,
        name: row.naam,
        kind: row.soort,
        address: row.adres,
        postcode: row.postcode,
        place: row.plaats,
        municipalityCode: row.gemeente.code,
        municipalityName: row.gemeente.name,
        phones: row.telefoonnummers,
        website: row.website,
        validFrom: row.geldig_van,
        validTo: row.geldig_tot,
      }),
    );
}
