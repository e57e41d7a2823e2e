/**
 * Axis arithmetic for the server-rendered charts: pure, no I/O, no DOM. Counts are integers, so
 * ticks are whole numbers on a 1-2-5 ladder (0, 5, 10 … rather than 0, 3.7, 7.4 …).
 */

/** The smallest 1, 2 or 5 × 10^k that is at least `rough` (and at least 1). */
export function niceStep(rough: number): number {
  if (!(rough > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough);
  return step ?? 10 * magnitude;
}

/**
 * Tick values from 0 up to the first tick at or above `max`, about `count` of them.
 *
 * @example niceTicks(37) // [0, 10, 20, 30, 40]
 */
export function niceTicks(max: number, count = 4): number[] {
  const top = Math.max(1, Math.ceil(max));
  const step = niceStep(top / count);
  return Array.from({ length: Math.ceil(top / step) + 1 }, (_, i) => i * step);
}

/** Maps [0, domainMax] onto [from, to] (pixels; `to` may be smaller than `from` for a y axis). */
export function linearScale(domainMax: number, from: number, to: number): (value: number) => number {
  const span = domainMax > 0 ? domainMax : 1;
  return (value) => round(from + ((to - from) * value) / span);
}

/** SVG coordinates with one decimal: exact enough, and stable output for tests. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Which of `n` category labels to print so at most `room` of them share the axis: every k-th. */
export function labelEvery(n: number, room: number): (index: number) => boolean {
  const k = Math.max(1, Math.ceil(n / Math.max(1, room)));
  return (index) => index % k === 0;
}
