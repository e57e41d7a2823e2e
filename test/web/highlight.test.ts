import { describe, expect, it } from 'vitest';
import { highlightRanges, type HighlightSpan } from '../../src/web/highlight.js';

const span = (start: number, end: number, key: string, text?: string): HighlightSpan => ({ start, end, key, label: key.toUpperCase(), ...(text === undefined ? {} : { text }) });
const shape = (segments: ReturnType<typeof highlightRanges>) => segments.map((s) => [s.text, s.marks.map((m) => m.key)]);

describe('highlightRanges', () => {
  it('returns the text as one plain segment without spans, and nothing for an empty text', () => {
    expect(shape(highlightRanges('Hoi, ik ben Lisa', []))).toEqual([['Hoi, ik ben Lisa', []]]);
    expect(highlightRanges('', [span(0, 3, 'a')])).toEqual([]);
  });

  it('marks disjoint spans and keeps the text between them', () => {
    const text = 'echt 24/7 zonder condoom';
    expect(shape(highlightRanges(text, [span(10, 24, 'unprotected', 'zonder condoom'), span(5, 9, 'always', '24/7')]))).toEqual([
      ['echt ', []],
      ['24/7', ['always']],
      [' ', []],
      ['zonder condoom', ['unprotected']],
    ]);
  });

  it('splits overlapping spans so each piece names every indicator covering it', () => {
    //            0123456789012345678
    const text = 'net 18 jaar en jong';
    const segments = highlightRanges(text, [span(0, 11, 'minor', 'net 18 jaar'), span(4, 6, 'under_21', '18'), span(4, 19, 'young')]);
    expect(shape(segments)).toEqual([
      ['net ', ['minor']],
      ['18', ['minor', 'under_21', 'young']],
      [' jaar', ['minor', 'young']],
      [' en jong', ['young']],
    ]);
    expect(segments[1]!.marks.map((m) => m.label)).toEqual(['MINOR', 'UNDER_21', 'YOUNG']);
  });

  it('gives one mark for a span repeated or overlapping one of the same indicator', () => {
    const text = 'zonder condoom en bareback';
    expect(shape(highlightRanges(text, [span(0, 14, 'u'), span(0, 14, 'u'), span(7, 26, 'u')]))).toEqual([['zonder condoom en bareback', ['u']]]);
  });

  it('finds a span with stale offsets again by its words, and drops one whose words are gone', () => {
    const text = 'Nieuw: nu 24/7 bereikbaar';
    expect(shape(highlightRanges(text, [span(0, 4, 'always', '24/7'), span(0, 5, 'hotel', 'hotel')]))).toEqual([
      ['Nieuw: nu ', []],
      ['24/7', ['always']],
      [' bereikbaar', []],
    ]);
  });

  it('drops spans that cannot be placed: reversed, empty, negative, past the end, not integers', () => {
    const text = 'abcdef';
    const bad = [span(3, 2, 'a'), span(2, 2, 'b'), span(-1, 2, 'c'), span(4, 99, 'd'), span(Number.NaN, 2, 'e'), span(1.5, 3, 'f')];
    expect(shape(highlightRanges(text, bad))).toEqual([['abcdef', []]]);
  });

  it('never cuts an emoji in half', () => {
    const text = 'bel 😘 nu';
    // A span ending inside the surrogate pair of the emoji (index 5 is its second half).
    const [, marked] = highlightRanges(text, [span(4, 5, 'kiss')]);
    expect(marked).toEqual({ text: '😘', marks: [{ key: 'kiss', label: 'KISS' }] });
  });

  it('always gives the text back when the segments are joined, whatever the spans', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const text = '<script>alert(1)</script> 24/7 "onerror=x" zonder condoom 😘 javascript:alert(1)';
    for (let round = 0; round < 200; round += 1) {
      const spans = Array.from({ length: random(6) }, (_, i) => span(random(text.length + 4) - 2, random(text.length + 4) - 2, `k${i % 3}`));
      const segments = highlightRanges(text, spans);
      expect(segments.map((s) => s.text).join('')).toBe(text);
      // Neighbours never carry the same marks (they would have been merged).
      for (let i = 1; i < segments.length; i += 1) expect(segments[i]!.marks).not.toEqual(segments[i - 1]!.marks);
    }
  });
});
