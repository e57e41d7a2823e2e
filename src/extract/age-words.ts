/** Dutch and English number words for 16..99, for ages written out (`tweeëntwintig jaar`, `twenty-two years`). */
const NL_UNITS = ['', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen'];
const NL_TENS: Readonly<Record<number, string>> = { 2: 'twintig', 3: 'dertig', 4: 'veertig', 5: 'vijftig', 6: 'zestig', 7: 'zeventig', 8: 'tachtig', 9: 'negentig' };
const NL_TEENS: Readonly<Record<number, string>> = { 16: 'zestien', 17: 'zeventien', 18: 'achttien', 19: 'negentien' };
const EN_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TENS: Readonly<Record<number, string>> = { 2: 'twenty', 3: 'thirty', 4: 'forty', 5: 'fifty', 6: 'sixty', 7: 'seventy', 8: 'eighty', 9: 'ninety' };
const EN_TEENS: Readonly<Record<number, string>> = { 16: 'sixteen', 17: 'seventeen', 18: 'eighteen', 19: 'nineteen' };

function build(): Map<string, number> {
  const words = new Map<string, number>();
  for (const [n, w] of [...Object.entries(NL_TEENS), ...Object.entries(EN_TEENS)]) words.set(w, Number(n));
  for (let tens = 2; tens <= 9; tens++) {
    const nl = NL_TENS[tens] ?? '';
    const en = EN_TENS[tens] ?? '';
    words.set(nl, tens * 10);
    words.set(en, tens * 10);
    for (let unit = 1; unit <= 9; unit++) {
      const u = NL_UNITS[unit] ?? '';
      // Dutch writes a diaeresis after a vowel-final unit: tweeëntwintig, drieëndertig (also typed without).
      const joiners = /e$/.test(u) ? ['ën', 'en', 'ën', 'e-en'] : ['en'];
      for (const j of joiners) words.set(`${u}${j}${nl}`, tens * 10 + unit);
      for (const sep of ['-', ' ', '']) words.set(`${en}${sep}${EN_UNITS[unit] ?? ''}`, tens * 10 + unit);
    }
  }
  words.set('éénentwintig', 21);
  return words;
}

/** Number word (lower case) → value. */
export const AGE_WORDS: ReadonlyMap<string, number> = build();

/** Regex source matching any of the words, longest first. */
export const AGE_WORD_SOURCE = [...AGE_WORDS.keys()]
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/[-\s]/g, (c) => (c === ' ' ? String.raw`\s+` : '-')))
  .join('|');
