// Separators registers and ads use inside permit numbers; they carry no meaning.
const SEPARATORS = /[\s./\\\-_\u2010-\u2015\u2212]+/g;

/**
 * The matching key of a permit number: upper case, without spaces, dots, slashes, dashes and
 * underscores, so `hlm-2023-0142`, `HLM 2023/0142` and `HLM.2023.0142` are one number.
 * Leading zeros are kept (`0142` ≠ `142`): without separators nobody can tell where a numeric
 * group starts, and two such permits are told apart by the ambiguity rule instead.
 *
 * @example permitKey('zst / 2022 / 17') // 'ZST202217'
 */
export function permitKey(number: string): string {
  return number.normalize('NFKC').toUpperCase().replace(SEPARATORS, '');
}
