/**
 * Where to highlight an ad text: pure range arithmetic, no HTML. The ad page renders the
 * segments (escaped) with `<mark>` around the marked ones, so the evidence of every indicator is
 * visible in the text it came from. Spans come from stored assessments and may overlap (one
 * phrase counts for two indicators), repeat, or be stale (offsets from an older extraction):
 * overlaps are split so each piece carries every indicator that covers it, and a span whose
 * offsets no longer match its text is found again by its text or dropped.
 */

/** One span to highlight: `[start, end)` in UTF-16 code units of the text, as the extraction reports. */
export interface HighlightSpan {
  start: number;
  end: number;
  /** The words the span had when it was found; checked against the text at its offsets. */
  text?: string | undefined;
  /** What it is evidence of, e.g. an indicator code; one mark per key and piece of text. */
  key: string;
  /** Shown with the mark, e.g. the indicator's Dutch label. */
  label: string;
}

export interface HighlightMark {
  key: string;
  label: string;
}

/** A run of the text; `marks` is empty for plain text, else every span covering the whole run (sorted by key). */
export interface HighlightSegment {
  text: string;
  marks: HighlightMark[];
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Widens a boundary that would cut an emoji or other astral character in half. */
function snap(text: string, index: number, direction: -1 | 1): number {
  if (index <= 0 || index >= text.length) return index;
  const splitsPair = isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index));
  return splitsPair ? index + direction : index;
}

/** The span's range in `text`, or null when it cannot be placed there. */
function place(text: string, span: HighlightSpan): [number, number] | null {
  const valid = Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.end <= text.length && span.start < span.end;
  if (valid && (span.text === undefined || text.slice(span.start, span.end) === span.text)) {
    return [snap(text, span.start, -1), snap(text, span.end, 1)];
  }
  // Stale offsets: the words are still evidence if they are still in the text.
  if (!span.text) return null;
  const found = text.indexOf(span.text);
  return found < 0 ? null : [snap(text, found, -1), snap(text, found + span.text.length, 1)];
}

function sameMarks(a: readonly HighlightMark[], b: readonly HighlightMark[]): boolean {
  return a.length === b.length && a.every((m, i) => m.key === b[i]!.key);
}

/**
 * Splits `text` into runs at every span boundary; each run lists the spans covering it.
 * Adjacent runs with the same marks are merged, so a span repeated or nested in one of the same
 * key gives one mark. Joining the segments' texts gives `text` back.
 *
 * @example
 * highlightRanges('echt 24/7 zonder condoom', [
 *   { start: 5, end: 9, key: 'always_available', label: 'Altijd beschikbaar' },
 *   { start: 10, end: 24, key: 'unprotected', label: 'Onbeschermd' },
 * ]);
 * // → [{ text: 'echt ', marks: [] }, { text: '24/7', marks: [{ key: 'always_available', … }] },
 * //    { text: ' ', marks: [] }, { text: 'zonder condoom', marks: [{ key: 'unprotected', … }] }]
 */
export function highlightRanges(text: string, spans: readonly HighlightSpan[]): HighlightSegment[] {
  const placed = spans.flatMap((span) => {
    const range = place(text, span);
    return range ? [{ start: range[0], end: range[1], key: span.key, label: span.label }] : [];
  });
  const cuts = [...new Set([0, text.length, ...placed.flatMap((p) => [p.start, p.end])])].sort((a, b) => a - b);
  const segments: HighlightSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const covering = new Map<string, HighlightMark>();
    for (const p of placed) if (p.start <= from && p.end >= to && !covering.has(p.key)) covering.set(p.key, { key: p.key, label: p.label });
    const marks = [...covering.values()].sort((a, b) => a.key.localeCompare(b.key));
    const previous = segments.at(-1);
    if (previous && sameMarks(previous.marks, marks)) previous.text += text.slice(from, to);
    else segments.push({ text: text.slice(from, to), marks });
  }
  return segments;
}
