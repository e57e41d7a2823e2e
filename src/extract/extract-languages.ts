import type { AdText } from '../domain/analysis.js';
import { foldWord } from './fold.js';

/**
 * Language names (Dutch, English and own name, folded) → ISO 639-1. Nationality adjectives
 * (`Poolse`, `Polish girl`) are not languages: a name counts only after a cue or in a list.
 */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  nederlands: 'nl', dutch: 'nl', hollands: 'nl', vlaams: 'nl', flemish: 'nl',
  engels: 'en', english: 'en', duits: 'de', german: 'de', deutsch: 'de', frans: 'fr', french: 'fr', francais: 'fr',
  spaans: 'es', spanish: 'es', espanol: 'es', italiaans: 'it', italian: 'it', italiano: 'it',
  portugees: 'pt', portuguese: 'pt', portugues: 'pt', braziliaans: 'pt', pools: 'pl', polish: 'pl', polski: 'pl',
  roemeens: 'ro', romanian: 'ro', romana: 'ro', bulgaars: 'bg', bulgarian: 'bg', hongaars: 'hu', hungarian: 'hu', magyar: 'hu',
  russisch: 'ru', russian: 'ru', oekraiens: 'uk', ukrainian: 'uk', tsjechisch: 'cs', czech: 'cs', slowaaks: 'sk', slovak: 'sk',
  turks: 'tr', turkish: 'tr', arabisch: 'ar', arabic: 'ar', thais: 'th', thai: 'th', chinees: 'zh', chinese: 'zh', mandarijn: 'zh',
  mandarin: 'zh', japans: 'ja', japanese: 'ja', litouws: 'lt', lithuanian: 'lt', lets: 'lv', latvian: 'lv', grieks: 'el', greek: 'el',
  albanees: 'sq', albanian: 'sq', servisch: 'sr', serbian: 'sr', kroatisch: 'hr', croatian: 'hr', zweeds: 'sv', swedish: 'sv',
  vietnamees: 'vi', vietnamese: 'vi', tagalog: 'tl', filipino: 'tl', indonesisch: 'id', indonesian: 'id',
  niederlandisch: 'nl', englisch: 'en', franzosisch: 'fr', spanisch: 'es', polnisch: 'pl', rumanisch: 'ro', ungarisch: 'hu',
};
/** Two-letter codes, only after an explicit cue (`Talen: NL, EN, DE`). */
const CODES = new Set(Object.values(LANGUAGE_NAMES));

const NAMES = Object.keys(LANGUAGE_NAMES).sort((a, b) => b.length - a.length).join('|');
/** Words that may stand inside a spoken-languages list: `Engels en een beetje Duits`, `fluent English`. */
const FILLERS: ReadonlySet<string> = new Set(
  'en and of or als ook also alleen only vooral mainly een beetje a bit little some wat vloeiend fluent goed good well perfect perfectly basic native moedertaal mother tongue redelijk ok okay very zeer heel und papiaments papiamento papiamentu surinaams'.split(' '),
);
const NEGATORS: ReadonlySet<string> = new Set(['geen', 'niet', 'no', 'not']);
/** A cue that a list of languages follows: `ik spreek`, `spreekt`, `languages:`, `talen:`, `I speak`. */
const CUE = /(?<![\p{L}])(?:spreek|spreekt|spreken|speak|speaks|speaking|spoken|languages?|talen|taal|sprachen|spreche|idiomas?|hablo)(?![\p{L}])/gu;
const CUE_STEMS = /spre|speak|spoken|languag|tal|sprach|idioma|hablo/;
/** Any language name (lower case): LISTED and SPEAKING run only where one occurs. */
const ANY_NAME = new RegExp(NAMES, 'g');
/** Where a cued list ends: the end of its sentence. */
const LIST_END = /[.!?;\n]/;
const LIST_WORD = /[\p{L}]+/gu;
/** In ad slang `Frans` and `Grieks` are services (oral, anal): in a bare list they do not count. */
const LIST_NAMES = Object.keys(LANGUAGE_NAMES)
  .filter((n) => !['frans', 'french', 'grieks', 'greek'].includes(n))
  .sort((a, b) => b.length - a.length)
  .join('|');
/** Two or more language names joined, not naming people or services: `Nederlands, English`, `Dutch/English`. */
const LISTED = new RegExp(
  String.raw`(?<![\p{L}])((?:${LIST_NAMES})(?:\s*(?:,|/|&|\+|\ben\b|\band\b)\s*(?:${LIST_NAMES}))+)(?![\p{L}])` +
    String.raw`(?!\s*(?:girls?|lad(?:y|ies)|wom[ae]n|dames?|meiden|meisjes|vrouwen|massages?|escorts?|beaut(?:y|ies)|models?|food|eten))`,
  'gu',
);
/** `Engelstalig`, `English speaking`, `English-speaking`, `Nederlandssprekend`. */
const SPEAKING = new RegExp(String.raw`(?<![\p{L}])(${NAMES})(?:s?talige?|[\s-]?speaking|[\s-]?spoken|[\s-]?sprekend|s?sprekende)(?![\p{L}])`, 'gu');

/**
 * The languages the advertiser says they speak, as ISO 639-1 codes in order of mention: after a
 * cue (`ik spreek Engels en Duits`, `languages: English, Spanish`, `Talen: NL/EN`), in a list of
 * two or more (`Nederlands, English`) or as `Engelstalig` / `English speaking`. A nationality alone
 * (`Polish girl`, `Poolse dame`) is not a language; flags are out of scope.
 */
export function extractLanguages(ad: AdText): string[] {
  const found: { code: string; at: number }[] = [];
  for (const [offset, text] of [[0, ad.title], [1e6, ad.text]] as const) {
    if (!text) continue;
    // Lower case for speed; the few texts whose lower case changes length are read as written.
    // Folded (lower case, no diacritics: `Español` → `espanol`) for speed and spelling; a text whose
    // folded form has another length is read as written.
    const folded = foldWord(text);
    const source = folded.length === text.length ? folded : text;
    if (CUE_STEMS.test(source)) for (const m of source.matchAll(CUE)) cuedList(found, text, m.index + m[0].length, offset);
    const names = source.match(ANY_NAME)?.length ?? 0;
    if (names >= 2) for (const m of source.matchAll(LISTED)) add(found, m[1] ?? '', offset + m.index);
    if (names >= 1) for (const m of source.matchAll(SPEAKING)) add(found, m[1] ?? '', offset + m.index);
  }
  const codes: string[] = [];
  for (const f of found.sort((a, b) => a.at - b.at)) if (!codes.includes(f.code)) codes.push(f.code);
  return codes;
}

/** Reads language names after a cue until a word that is neither a language nor a filler. */
function cuedList(found: { code: string; at: number }[], text: string, from: number, offset: number): void {
  const rest = text.slice(from, from + 80);
  const stop = LIST_END.exec(rest)?.index ?? rest.length;
  let negated = false;
  for (const word of rest.slice(0, stop).matchAll(LIST_WORD)) {
    const folded = foldWord(word[0]);
    const code = LANGUAGE_NAMES[folded] ?? (word[0].length === 2 && word[0] === word[0].toUpperCase() && CODES.has(folded) ? folded : undefined);
    if (code && !negated) found.push({ code, at: offset + from + word.index });
    if (code) negated = false;
    else if (NEGATORS.has(folded)) negated = true;
    else if (!FILLERS.has(folded)) return;
  }
}

function add(found: { code: string; at: number }[], list: string, at: number): void {
  for (const word of list.matchAll(LIST_WORD)) {
    const code = LANGUAGE_NAMES[foldWord(word[0])];
    if (code) found.push({ code, at: at + word.index });
  }
}
