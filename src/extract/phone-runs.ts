/**
 * Splits a (masked) text into runs of digit-like tokens: digit groups, number words (`nul`, `zes`,
 * `zero`, `six`), and digit groups written with look-alike letters (`O6-I2345678`), joined by short
 * separators (spaces, hyphens and dashes, `.`, `/`, `*`, `_`, `~`, `|`, `•`, brackets; commas only
 * between number words). Which part of a run is a phone
 * number is decided later, by validating sub-sequences of its tokens.
 */

export type TokenKind = 'digits' | 'word' | 'letters';

export interface DigitToken {
  digits: string;
  start: number;
  end: number;
  kind: TokenKind;
}

export interface DigitRun {
  tokens: DigitToken[];
  /** Separator text between token k and k+1 (length tokens.length - 1). */
  gaps: string[];
  /** Offset of a `+` written right before the first token, or -1. */
  plusAt: number;
}

const DIGIT_WORDS: Readonly<Record<string, string>> = {
  nul: '0', een: '1', één: '1', eén: '1', twee: '2', drie: '3', vier: '4', vijf: '5', zes: '6',
  zeven: '7', acht: '8', negen: '9',
  zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8',
  nine: '9',
};

const DUTCH_UNITS = ['een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen'];
const DUTCH_TENS = ['twintig', 'dertig', 'veertig', 'vijftig', 'zestig', 'zeventig', 'tachtig', 'negentig'];
const TEENS = {
  tien: '10', elf: '11', twaalf: '12', dertien: '13', veertien: '14', vijftien: '15', zestien: '16',
  zeventien: '17', achttien: '18', negentien: '19',
  ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16',
  seventeen: '17', eighteen: '18', nineteen: '19',
};

/**
 * Dutch two-digit words, read in pairs as advertisers dictate numbers (`nul zes twaalf
 * vierendertig …`): one word, so no ambiguity. English tens are left out on purpose:
 * "thirty four" is two words and could mean 34 or 304.
 */
function dutchPairs(): Record<string, string> {
  const pairs: Record<string, string> = {};
  DUTCH_TENS.forEach((tens, t) => {
    pairs[tens] = `${t + 2}0`;
    DUTCH_UNITS.forEach((unit, u) => {
      const joiner = unit.endsWith('e') ? 'ën' : 'en';
      pairs[`${unit}${joiner}${tens}`] = `${t + 2}${u + 1}`;
      if (joiner === 'ën') pairs[`${unit}en${tens}`] = `${t + 2}${u + 1}`;
    });
  });
  return pairs;
}

const NUMBER_WORDS: Readonly<Record<string, string>> = { ...DIGIT_WORDS, ...TEENS, ...dutchPairs() };

const LOOKALIKES: Readonly<Record<string, string>> = { O: '0', o: '0', I: '1', i: '1', l: '1', S: '5', B: '8' };

const WORD = /[\p{L}\p{N}]+/gu;
/** Spaces, hyphens and dashes of every kind (‐ ‑ ‒ – — −), dots, slashes, brackets and odd marks. */
const SEPARATOR_GAP = /^(?:[ \t\u00a0\u2009\u202f\-\u2010-\u2015\u2212./*_~()|•·#+=,\p{So}\p{Sk}\p{Sm}]|\ufe0f|\u20e3|\u200d){1,6}$/u;
/** Between two spelled-out digits a comma is a separator too: `nul, zes, een, …`. */
const WORD_GAP = /^[ \t\u00a0,;-]{1,3}$/;
const ALL_DIGITS = /^\d+$/;
const LOOKALIKE_TOKEN = /^[0-9OoIilSB]+$/;
/** A number word glued to digits (`nul6`, `acht1`, `6zes`): read both halves. */
const WORD_THEN_DIGITS = /^(\p{L}+)(\d{1,3})$/u;
const DIGITS_THEN_WORD = /^(\d{1,3})(\p{L}+)$/u;
const LETTERS_THEN_DIGITS = /^([A-Za-z]+)(\d{6,})$/;
const DIGITS_THEN_LETTERS = /^(\d{6,})([A-Za-z]+)$/;

/** Finds the runs of digit-like tokens in `text`. */
export function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let current: DigitRun | null = null;
  for (const m of text.matchAll(WORD)) {
    const token = classify(m[0], m.index);
    if (!token) {
      current = null;
      continue;
    }
    const prev = current?.tokens[current.tokens.length - 1];
    const gap = prev ? text.slice(prev.end, token.start) : '';
    if (current && prev && (SEPARATOR_GAP.test(gap) || (prev.kind === 'word' && token.kind === 'word' && WORD_GAP.test(gap)))) {
      current.tokens.push(token);
      current.gaps.push(gap);
    } else {
      current = { tokens: [token], gaps: [], plusAt: plusBefore(text, token.start) };
      runs.push(current);
    }
  }
  return runs;
}

function plusBefore(text: string, start: number): number {
  if (text[start - 1] === '+') return start - 1;
  if (text[start - 2] === '+' && text[start - 1] === ' ') return start - 2;
  return -1;
}

function classify(word: string, start: number): DigitToken | null {
  const end = start + word.length;
  if (ALL_DIGITS.test(word)) return { digits: word, start, end, kind: 'digits' };
  const spelled = NUMBER_WORDS[word.toLowerCase()];
  if (spelled) return { digits: spelled, start, end, kind: 'word' };
  const glued = gluedWord(word);
  if (glued) return { digits: glued, start, end, kind: 'word' };
  if (LOOKALIKE_TOKEN.test(word)) return lookalikeToken(word, start, end);
  const before = LETTERS_THEN_DIGITS.exec(word);
  if (before?.[1] && before[2]) return { digits: before[2], start: start + before[1].length, end, kind: 'digits' };
  const after = DIGITS_THEN_LETTERS.exec(word);
  if (after?.[1]) return { digits: after[1], start, end: start + after[1].length, kind: 'digits' };
  return null;
}

function gluedWord(word: string): string | null {
  const wordFirst = WORD_THEN_DIGITS.exec(word);
  const wordValue = wordFirst?.[1] ? NUMBER_WORDS[wordFirst[1].toLowerCase()] : undefined;
  if (wordFirst && wordValue) return `${wordValue}${wordFirst[2]}`;
  const digitsFirst = DIGITS_THEN_WORD.exec(word);
  const tailValue = digitsFirst?.[2] ? NUMBER_WORDS[digitsFirst[2].toLowerCase()] : undefined;
  if (digitsFirst && tailValue) return `${digitsFirst[1]}${tailValue}`;
  return null;
}

/**
 * `O6`, `I2345678`, `123S5678`: look-alike letters count next to real digits; a short group of
 * only O/I/l (`OI-O3I27O95`) counts too, since the run must still validate as a whole number.
 */
function lookalikeToken(word: string, start: number, end: number): DigitToken | null {
  if (!/\d/.test(word) && !/^[OoIil]{2,3}$/.test(word)) return null;
  let digits = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i] ?? '';
    if (c >= '0' && c <= '9') {
      digits += c;
      continue;
    }
    // S and B are also ordinary capitals: only between two digits.
    if ((c === 'S' || c === 'B') && !(isDigit(word[i - 1]) && isDigit(word[i + 1]))) return null;
    digits += LOOKALIKES[c] ?? '';
  }
  return { digits, start, end, kind: 'letters' };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
