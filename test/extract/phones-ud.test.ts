import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPhones } from '../../src/extract/index.js';

const sentences = ['alpino', 'lassysmall'].flatMap((corpus) =>
  readFileSync(new URL(`../data/ud_nl_${corpus}_dev_sentences.txt`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== ''),
);

describe('extractPhones on real Dutch prose (UD Alpino and LassySmall dev sentences)', () => {
  it('reads the corpus', () => {
    expect(sentences.length).toBeGreaterThan(2000);
  });

  it('finds no phone number in any sentence', () => {
    const hits = sentences.flatMap((text) => extractPhones({ text }).map((p) => `${p.span.text} in: ${text}`));
    expect(hits).toEqual([]);
  });

  it('finds none in the whole corpus read as one text either', () => {
    expect(extractPhones({ text: sentences.join(' ') })).toEqual([]);
  });
});
