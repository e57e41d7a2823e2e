/**
 * Precision and recall of `text_duplicate` on crafted pairs: fixture descriptions copied under
 * another name and number with a share of their words changed, hidden among the other fixture ads
 * (whose texts come from the same phrase pools: the boilerplate the guard must ignore).
 */
import { linkAll } from '../../../src/classifier/risk/link-all.js';
import type { LinkAd } from '../../../src/classifier/risk/link-ad.js';
import type { RiskConfig } from '../../../src/classifier/risk/risk-config.js';
import { adDescription, adsOnDay, generateUniverse } from '../../../src/fixtures/index.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = ['echt', 'super', 'heel', 'lekker', 'gewoon', 'nu', 'ook', 'graag', 'zeker', 'vandaag'];

/** How a copy is edited: whole sentences swapped for others (a reposted ad), or single words (the hard case for shingles). */
export type EditMode = 'sentence' | 'word';

/**
 * A copy of `text` with another name and other numbers, and `share` of its sentences (or words)
 * replaced by one from `donor` (or a filler word) or dropped.
 */
export function editText(text: string, name: string, share: number, random: () => number, mode: EditMode, donor = ''): string {
  const renamed = text.replaceAll(name, 'Bella').replace(/\d/g, (d) => String((Number(d) + 3) % 10));
  if (mode === 'sentence') {
    const spare = donor.split(/(?<=[.!?])\s+/);
    return renamed
      .split(/(?<=[.!?])\s+/)
      .flatMap((sentence) => (random() >= share ? [sentence] : random() < 0.5 ? [] : [spare[Math.floor(random() * spare.length)] ?? '']))
      .join(' ');
  }
  const out: string[] = [];
  for (const word of renamed.split(/(\s+)/)) {
    if (/^\s+$/.test(word) || random() >= share) out.push(word);
    else if (random() < 0.5) out.push(FILLER[Math.floor(random() * FILLER.length)]!);
  }
  return out.join('');
}

export interface TextDuplicateFigures {
  mode: EditMode;
  share: number;
  ads: number;
  pairs: number;
  found: number;
  falseLinks: number;
  precision: number;
  recall: number;
}

/** Links `ads` fixture texts plus `copies` edited copies (each edit share in turn) and scores the text links. */
export function evaluateTextDuplicates(config: RiskConfig, options: { ads: number; copies: number; shares: number[]; seed: number; mode: EditMode }): TextDuplicateFigures[] {
  const fixture = adsOnDay(generateUniverse({ ads: options.ads, seed: options.seed }), 0);
  const base: LinkAd[] = fixture.map((ad) => ({ id: `o${ad.slot}`, phones: [], name: ad.name, text: `${ad.title}\n${adDescription(ad)}` }));
  return options.shares.map((share) => {
    const random = mulberry32(options.seed * 7919 + Math.round(share * 100));
    const copies: LinkAd[] = [];
    for (let k = 0; k < options.copies; k += 1) {
      const ad = fixture[Math.floor(random() * fixture.length)]!;
      const donor = adDescription(fixture[Math.floor(random() * fixture.length)]!);
      const text = editText(`${ad.title}\n${adDescription(ad)}`, ad.name, share, random, options.mode, donor);
      copies.push({ id: `c${k}:o${ad.slot}`, phones: [], name: 'Bella', text });
    }
    const index = linkAll([...base, ...copies], config);
    let found = 0;
    let falseLinks = 0;
    for (const copy of copies) {
      const original = copy.id.split(':')[1]!;
      for (const link of index.linksOf(copy.id)) if (link.kind === 'text' && link.to === original) found += 1;
    }
    for (const ad of [...base, ...copies]) {
      for (const link of index.linksOf(ad.id)) {
        if (link.kind === 'text' && link.from < link.to && !sameOrigin(link.from, link.to)) falseLinks += 1;
      }
    }
    const truePairs = countTruePairs(copies);
    const foundAll = countFoundPairs(index, copies);
    return {
      mode: options.mode,
      share,
      ads: base.length + copies.length,
      pairs: truePairs,
      found: foundAll,
      falseLinks,
      precision: foundAll + falseLinks === 0 ? 1 : round(foundAll / (foundAll + falseLinks)),
      recall: round(found / copies.length),
    };
  });
}

const origin = (id: string): string => (id.includes(':') ? id.split(':')[1]! : id);
const sameOrigin = (a: string, b: string): boolean => origin(a) === origin(b);
const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Pairs with one original: copy–original and copy–copy. */
function countTruePairs(copies: LinkAd[]): number {
  const perOrigin = new Map<string, number>();
  for (const c of copies) perOrigin.set(origin(c.id), (perOrigin.get(origin(c.id)) ?? 0) + 1);
  let pairs = 0;
  for (const n of perOrigin.values()) pairs += ((n + 1) * n) / 2;
  return pairs;
}

function countFoundPairs(index: ReturnType<typeof linkAll>, copies: LinkAd[]): number {
  let found = 0;
  const seen = new Set<string>();
  for (const copy of copies) {
    for (const link of index.linksOf(copy.id)) {
      if (link.kind !== 'text' || !sameOrigin(link.from, link.to)) continue;
      const key = [link.from, link.to].sort().join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      found += 1;
    }
  }
  return found;
}
