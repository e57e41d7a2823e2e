import type { AdText, Availability } from '../domain/analysis.js';
import { isNegated, spanOf } from './find-terms.js';

/** Round-the-clock wordings: `24/7`, `24 uur per dag`, `dag en nacht`, `altijd beschikbaar`, `day and night`. */
const ALWAYS = new RegExp(
  String.raw`(?<![\p{L}\p{N}/])(?:24\s?[/x-]\s?7|24\s?(?:uur|u|hours?|hrs?|h)\s*(?:per|a|p\/|\/|per\s+etmaal|op\s+24)?\s*(?:dag|day|etmaal)|24\s?(?:uur|u)\s*[/,]?\s*7\s*dagen|24\s?(?:uur|u)\s+(?:bereikbaar|beschikbaar|open|geopend)|(?:bereikbaar|beschikbaar|open|available|reachable)\s+24\s?(?:uur|u|hours?|h)(?!\s*(?:van\s+tevoren|in\s+advance|vooraf))` +
    String.raw`|dag\s+(?:en|&)\s+nacht|nacht\s+(?:en|&)\s+dag|day\s+(?:and|&)\s+night|night\s+(?:and|&)\s+day|round\s+the\s+clock|around\s+the\s+clock|rund\s+um\s+die\s+uhr` +
    String.raw`|(?<!bijna\s|almost\s)altijd\s+(?:beschikbaar|bereikbaar|open|geopend|klaar\s+voor\s+je)|(?<!almost\s)always\s+(?:available|open|reachable)|non[\s-]?stop|elk\s+uur\s+van\s+de\s+dag|any\s+time\s+of\s+(?:the\s+)?day(?:\s+or\s+night)?)(?![\p{L}\p{N}])`,
  'gu',
);
/** Every wording holds one of these (lower case); most ads hold none. */
const CHEAP_EXIT = /24|dag en|dag &|nacht en|nacht &|day and|day &|night and|night &|clock|uhr|altijd|always|non|any time|elk uur/;

/**
 * Whether the ad claims round-the-clock availability (a weak practitioner signal): `24/7`,
 * `24 uur per dag`, `dag en nacht bereikbaar`, `altijd beschikbaar`, `day and night`, `non-stop`;
 * the first such wording is the evidence. `niet 24/7` and `24 uur van tevoren` do not count.
 */
export function extractAvailability(ad: AdText): Availability {
  for (const [field, text] of [['title', ad.title], ['text', ad.text]] as const) {
    const lower = text?.toLowerCase();
    if (!text || !lower || lower.length !== text.length || !CHEAP_EXIT.test(lower)) continue;
    for (const m of lower.matchAll(ALWAYS)) {
      const end = m.index + m[0].length;
      if (!isNegated(text, m.index, end)) return { always: true, span: spanOf(field, m.index, text.slice(m.index, end)) };
    }
  }
  return { always: false, span: null };
}
