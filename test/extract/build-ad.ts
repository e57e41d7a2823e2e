import type { AdText } from '../../src/domain/analysis.js';

/** An ad with neutral defaults (no phone, no place, no age); override what the test is about. */
export function buildAd(overrides: Partial<AdText> = {}): AdText {
  return { text: 'Lieve dame ontvangt je graag. Discreet en schoon.', ...overrides };
}
