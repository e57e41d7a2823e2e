import type { AdText } from '../domain/analysis.js';

// `vergunning gemeente Haarlem nr. X`: up to three words may stand between the cue and `nr.`.
const CUE =
  String.raw`(?:vergunnings?(?:\s+[\p{L}-]+){0,3}?[\s-]?(?:nummer|nr\.?|no\.?)|vergunning|permit(?:\s?(?:number|no\.?|nr\.?|#))?` +
  String.raw`|licen[sc]e(?:\s?(?:number|no\.?|nr\.?|#))?|registratie[\s-]?(?:nummer|nr\.?)|reg\.?\s?nr\.?)`;
// A code holds a digit (so the cue word `Vergunningnummer` after `vergunning.` is not taken for the
// code and skipped past); `DEW 2023 044`: letters, a year and a serial separated by spaces.
const CODE = String.raw`(?=[A-Z0-9./ -]*\d)([A-Z]{2,5} (?:19|20)\d{2}(?: \d{1,5})?(?![\p{L}\d])|[A-Z0-9]+(?:[-/.][A-Z0-9]+)*)`;
// The cue must end at a word boundary, so `vergunning nrd/2024/82` cites `NRD/2024/82`, not `D/2024/82`.
const CITED = new RegExp(String.raw`(?<![\p{L}])` + CUE + String.raw`(?![\p{L}])\s*[:#.]?\s*` + CODE, 'giu');

interface CitedPermit {
  code: string;
  start: number;
  end: number;
}

/**
 * Permit numbers an ad cites after a cue (`vergunningnummer`, `vergunning nr.`, `vergunning:`,
 * `permit`, `registratienummer`), e.g. `HLM-2023-0142`, `ZST/2022/17`, `AKM.2024.031`: upper-cased,
 * without surrounding punctuation, each once, in order of appearance. Whether a number exists in
 * the register is decided elsewhere.
 */
export function extractPermitNumbers(ad: AdText): string[] {
  const codes: string[] = [];
  for (const text of [ad.title, ad.text, ad.location]) {
    if (!text) continue;
    for (const permit of citedPermits(text)) if (!codes.includes(permit.code)) codes.push(permit.code);
  }
  return codes;
}

/** Offsets of the permit numbers cited in a text, so the phone scanner can skip them. */
export function permitNumberSpans(text: string): [number, number][] {
  return citedPermits(text).map((p) => [p.start, p.end]);
}

function citedPermits(text: string): CitedPermit[] {
  // Cheap exit: most ads cite no permit, and the cue regex is the costly part.
  if (!/vergunning|permit|licen[sc]e|registratie|reg\.?\s?nr/i.test(text)) return [];
  const out: CitedPermit[] = [];
  CITED.lastIndex = 0;
  for (const m of text.matchAll(CITED)) {
    const raw = m[1] ?? '';
    // The spaced form only in capitals as written: `vergunning sinds 2019` cites nothing.
    if (raw.includes(' ') && raw !== raw.toUpperCase()) continue;
    if (!isPermitCode(raw) || /kvk[\s-]*$/i.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    const start = m.index + m[0].length - raw.length;
    out.push({ code: raw.toUpperCase().replace(/ /g, ''), start, end: start + raw.length });
  }
  return out;
}

/** Needs a digit; a digits-only code needs five or more (`vergunning 2023` is a year). */
function isPermitCode(code: string): boolean {
  if (!/\d/.test(code) || code.length < 3) return false;
  return /^\d+$/.test(code) ? code.length >= 5 : true;
}
