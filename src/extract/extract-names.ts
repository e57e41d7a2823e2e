import type { AdText } from '../domain/analysis.js';
import { foldWord } from './fold.js';

/** A first name as advertisers write it: `Lisa`, `Anna-Maria`, `Zoë`, `D'Angela`. */
const NAME = String.raw`\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?`;
/**
 * A cue that a name follows: `ik ben Lisa`, `my name is Chloe`, `I'm Eva`, `wij zijn Eva en Mila`,
 * `groetjes, Nina`. Matched on the lower-cased text (fast); the name itself is then read, capitalised,
 * from the text as written at the same offset.
 */
const CUE =
  /(?<![\p{L}])(?:ik\s+ben|ik\s+heet|mijn\s+naam\s+is|my\s+name\s+is|i\s+am|i'?m|call\s+me|noem\s+me|dit\s+is|this\s+is|hier\s+is|wij\s+zijn|we\s+are|we're|groetjes,?|kusjes,?|liefs,?|xoxo,?|kisses,?)\s+/gu;
const CUE_STEMS = /ik |naam|name|i'm|im |i am|call me|noem|dit is|this is|hier is|wij zijn|we are|we're|groetjes|kusjes|liefs|xoxo|kisses/;
/** Right after a cue: the name, and more names joined by `en`, `and`, `&`, `,` (`Eva (23) en Mila (25)`). */
const NAMES_AT = new RegExp(
  String.raw`(${NAME})((?:\s*\(\d{2}\))?(?:\s*(?:,|&|\+|en|and)\s*${NAME}(?:\s*\(\d{2}\))?)*)`,
  'uy',
);
/** `Lisa (24)`, `Petra, 45,`, `Chloe, British, 24`: an age right after a word; the word may be a name. */
const AGE_AFTER_WORD = /\s*\(\s*\d{2}\s*\)|,\s*\d{2}\s*(?:[,.;!]|jaar|years|$)/gmu;
const NAME_BEFORE = new RegExp(String.raw`(?<![\p{L}])(${NAME})$`, 'u');
const MORE_NAMES = new RegExp(NAME, 'gu');
const FIELD_SEPARATORS = /\s*(?:[,&/+|]|\ben\b|\band\b)\s*/u;

/**
 * Words that follow `ik ben` or stand before an age but are no names: adjectives, nationalities,
 * service and ad words (folded). Place names are checked against the gazetteer by the caller.
 */
const NOT_NAMES: ReadonlySet<string> = new Set(
  `nieuw new terug back hier here er there beschikbaar available alleen alone weer again echt real een a de het the
  lieve lief sexy hot mooie jonge young heet geil horny nederlandse dutch hollandse poolse polish roemeense romanian
  bulgaarse bulgarian hongaarse hungarian russische russian spaanse spanish latina latin braziliaanse brazilian
  colombiaanse colombian thaise thai aziatische asian afrikaanse african duitse german engelse english british franse
  french italiaanse italian europese european oost east student studente massage escort thuisontvangst incall outcall
  gfe pse bbw milf tantra nuru prive privé vip dames heren ladies girls meiden duo trio jong tiener teen sorry bel call
  app whatsapp sms tel prijs prijzen prices price leeftijd age maat size cup lengte gewicht weight jaar years ontvangst
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday friday saturday sunday
  welkom welcome hallo hoi hello hi hey goedemiddag goedenavond ja yes nee no ok oke okay met zonder with bij in uit
  boy girl lady vrouw man jongen meid dame vriendin vriendinnen friends friend couple stel
  pools polen poland polska roemenie romania bulgarije bulgaria hongarije hungary rusland russia oekraine ukraine
  moldavie moldova tsjechie czech slowakije slovakia litouwen lithuania letland latvia spanje spain italie italy
  frankrijk france duitsland germany engeland england uk brazilie brazil colombia venezuela dominicaanse dominican
  cuba thailand filipijnen philippines china japan vietnam ghana nigeria kenia kenya marokko morocco turkije turkey
  suriname curacao aruba nederland holland belgie belgium europa europe azie asia afrika africa amerika america`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * The advertiser's stated name(s), each once, in order: the structured name field (split on `&`,
 * `,`, `en`), then `ik ben Lisa`, `my name is Chloe`, `wij zijn Eva en Mila`, `Lisa (24)`,
 * `Petra, 45,`. Ad words, nationalities and (via `isPlace`) place names are not names.
 *
 * @param isPlace whether a word is a place name (`Haarlem (24)` is no name); defaults to never.
 */
export function extractNames(ad: AdText, isPlace: (word: string) => boolean = () => false): string[] {
  const names: string[] = [];
  const add = (raw: string) => {
    const name = raw.trim();
    const folded = foldWord(name);
    if (name.length < 2 || NOT_NAMES.has(folded) || names.some((n) => foldWord(n) === folded)) return;
    if (!/^\p{Lu}/u.test(name)) return;
    names.push(name);
  };
  for (const part of fieldNames(ad.name)) add(part);
  for (const text of [ad.title, ad.text]) {
    if (!text) continue;
    const lower = text.toLowerCase();
    if (lower.length === text.length && CUE_STEMS.test(lower)) {
      for (const cue of lower.matchAll(CUE)) {
        NAMES_AT.lastIndex = cue.index + cue[0].length;
        const m = NAMES_AT.exec(text);
        const more = Array.from((m?.[2] ?? '').matchAll(MORE_NAMES), (w) => w[0]);
        for (const word of m ? [m[1] ?? '', ...more] : []) if (!isPlace(word)) add(word);
      }
    }
    for (const m of text.matchAll(AGE_AFTER_WORD)) {
      const name = NAME_BEFORE.exec(text.slice(Math.max(0, m.index - 30), m.index))?.[1];
      if (name && !isPlace(name)) add(name);
    }
  }
  return names;
}

/** The name field: `Lisa`, `Eva & Mila`, `Lisa (24)`, `LISA`; words of up to two per name. */
function fieldNames(field: string | undefined): string[] {
  if (!field) return [];
  return field
    .replace(/\(?\d+\)?|\bjaar\b|\byears?\b/gu, ' ')
    .split(FIELD_SEPARATORS)
    .map((part) => part.trim().split(/\s+/).slice(0, 2).join(' '))
    .filter((part) => /\p{L}{2}/u.test(part))
    .map((part) => (part === part.toUpperCase() ? part.charAt(0) + part.slice(1).toLowerCase() : part));
}
