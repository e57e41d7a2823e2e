import { load } from 'cheerio';
import { extractPhones } from '../../src/extract/index.js';

/** What an analyst must never see of the seeded ads. */
export interface Forbidden {
  phones: readonly string[];
  /** Names, title and text fragments, site ad ids. */
  words: readonly string[];
  urls: readonly string[];
}

/**
 * Every way a response could leak personal data to an analyst; returns the problems found.
 * Reads what a person (or a screen reader) gets: the text and every attribute value, except the
 * session's random CSRF token, which is no number anybody has.
 */
export function personalDataIn(body: string, forbidden: Forbidden): string[] {
  const $ = load(body);
  $('input[name="_csrf"]').remove();
  const attributes = $('*').map((_, el) => Object.values((el as unknown as { attribs: Record<string, string> }).attribs ?? {})).get() as string[];
  const text = [$.root().text(), ...attributes].join('\n');
  const problems: string[] = [];
  for (const phone of extractPhones({ text })) problems.push(`phone number ${phone.e164} ("${phone.span.text}")`);
  for (const phone of forbidden.phones) {
    const national = phone.replace(/^\+31/, '0');
    if (text.includes(phone) || text.includes(national)) problems.push(`seeded number ${phone}`);
  }
  for (const word of forbidden.words) if (text.includes(word)) problems.push(`ad content "${word}"`);
  for (const url of forbidden.urls) if (text.includes(url)) problems.push(`URL ${url}`);
  if (/https?:\/\//.test(text)) problems.push(`a URL: ${/https?:\/\/\S+/.exec(text)![0]}`);
  return problems;
}
