import type { AdText, MunicipalityMatch, PhoneMatch, TextSpan } from '../domain/analysis.js';
import type { District } from '../domain/districts.js';
import { extractPhones } from './extract-phones.js';
import type { Gazetteer, PlaceName } from './gazetteer.js';
import { findPlaceMentions, type PlaceCue, type PlaceMention } from './place-mentions.js';

/** Base confidence per way of finding a place (DOMAIN.md: say how sure the match is). */
const CONFIDENCE = {
  location: 0.95,
  locationPostcode: 0.9,
  incallCue: 0.88,
  cue: 0.85,
  postcode: 0.8,
  weakCue: 0.7,
  mention: 0.6,
  landmark: 0.55,
  areaCode: 0.5,
};
const CUE_CONFIDENCE: Record<NonNullable<PlaceCue>, number> = {
  incall: CONFIDENCE.incallCue,
  strong: CONFIDENCE.cue,
  weak: CONFIDENCE.weakCue,
  landmark: CONFIDENCE.landmark,
};
const FUZZY_FACTOR = 0.85;

const PC6 = /(?<![\p{L}\p{N}])([1-9]\d{3}) ?([A-Z]{2})(?![\p{L}\p{N}])/gu;
const PC4 = /(?<![\d.,])([1-9]\d{3})(?![\d.,]?\d)/g;
const PC4_BEFORE_PLACE = /(?<![\d.,])([1-9]\d{3})\s+$/;
/** `ontvangst in 2031`, `postcode 1441`: a bare 4-digit postcode after a cue that rules out a year or price. */
const PC4_AFTER_CUE =
  /(?<![\p{L}])(?:ontvangst|ontvang(?:t|en)?(?:\s+ik)?|incall|postcode|pc4?)\s*(?:in\s+|:\s*)?([1-9]\d{3})(?![\d.,]?\d|\s*(?:euro|eur|€|,-|uur|min|jaar|[A-Z]{2}(?![\p{L}])))/giu;

interface Context {
  codes: Set<string>;
  provinces: Set<string>;
}

interface PostcodeHit {
  code: string;
  span: TextSpan;
  inLocation: boolean;
}

/**
 * Where the ad is: the municipality (2023 CBS code) with a confidence and the text it came from.
 * In order of trust: the structured location field, an incall cue (`ontvangst in X`, `incall X`,
 * `Plaats: X`) over a plain cue (`in X`, `regio X`) over where the advertiser lives (`woon in X`,
 * `uit X`), a postcode, a bare capitalised place name, a landline's area code. A name shared by
 * several municipalities (Bergen, Hoorn, Laren) goes to the one that postcodes, area codes or other
 * places in the ad point to; without such support the likeliest one is taken with lower confidence.
 *
 * @param phones the ad's phones if already extracted (saves a second scan).
 */
export function resolveMunicipality(
  ad: AdText,
  gaz: Gazetteer,
  phones: readonly PhoneMatch[] = extractPhones(ad),
): MunicipalityMatch | null {
  const location = ad.location ? findPlaceMentions(ad.location, 'location', 'structured', gaz) : [];
  const free = [
    ...(ad.title ? findPlaceMentions(ad.title, 'title', 'free', gaz) : []),
    ...findPlaceMentions(ad.text, 'text', 'free', gaz),
  ];
  const postcodes = findPostcodes(ad, gaz, free);
  const areaPhones = phones.filter((p) => p.country === 'NL' && p.type === 'fixed');
  const ctx = context(gaz, postcodes, areaPhones, [...location, ...free]);

  const options: MunicipalityMatch[] = [];
  options.push(...locationOptions(location, ctx, gaz));
  for (const p of postcodes) {
    const [source, confidence] = p.inLocation ? (['location', CONFIDENCE.locationPostcode] as const) : (['postcode', CONFIDENCE.postcode] as const);
    options.push(match(p.code, confidence, source, p.span, gaz));
  }
  for (const m of free) {
    const confidence = m.cue ? CUE_CONFIDENCE[m.cue] : CONFIDENCE.mention;
    const source = m.cue && m.cue !== 'landmark' ? 'cue' : 'mention';
    options.push(fromMention(m, source, confidence, ctx, gaz));
  }
  for (const phone of areaPhones) {
    const area = areaCodeOf(phone, gaz);
    if (area) options.push(match(area.main, CONFIDENCE.areaCode, 'area_code', phone.span, gaz));
  }
  // Highest confidence; on a tie the earlier (more trusted source, earlier position) wins.
  return options.reduce<MunicipalityMatch | null>((best, o) => (!best || o.confidence > best.confidence ? o : best), null);
}

/** The BTP district of a municipality (CBS code), or null outside the 32 municipalities of the region. */
export function districtOf(code: string, gaz: Gazetteer): District | null {
  return gaz.municipalities.get(code)?.district ?? null;
}

/**
 * The location field may name several places (`Schalkwijk, Haarlem`, `Zaandam / Amsterdam`). When
 * they disagree, the best-known one (most postcode areas, a municipality's own name) comes first:
 * `Schalkwijk` is also a village in Houten, but here it is Haarlem's neighbourhood.
 */
function locationOptions(mentions: readonly PlaceMention[], ctx: Context, gaz: Gazetteer): MunicipalityMatch[] {
  const options = mentions.map((m) => ({ m, option: fromMention(m, 'location', CONFIDENCE.location, ctx, gaz) }));
  if (new Set(options.map((o) => o.option.code)).size <= 1) return options.map((o) => o.option);
  const weight = (o: (typeof options)[number]) => o.m.place.candidates.find((c) => c.code === o.option.code)?.weight ?? 0;
  return options
    .sort((a, b) => weight(b) - weight(a))
    .map((o) => ({ ...o.option, confidence: Math.round(o.option.confidence * 0.9 * 100) / 100 }));
}

function fromMention(
  m: PlaceMention,
  source: MunicipalityMatch['source'],
  base: number,
  ctx: Context,
  gaz: Gazetteer,
): MunicipalityMatch {
  const { code, factor } = choose(m.place, ctx, gaz);
  return match(code, base * factor * (m.fuzzy ? FUZZY_FACTOR : 1), source, m.span, gaz);
}

function match(
  code: string,
  confidence: number,
  source: MunicipalityMatch['source'],
  span: TextSpan,
  gaz: Gazetteer,
): MunicipalityMatch {
  const name = gaz.municipalities.get(code)?.name ?? code;
  return { code, name, confidence: Math.round(confidence * 100) / 100, source, span };
}

/** Picks one municipality for a name, and how much that choice lowers the confidence. */
function choose(place: PlaceName, ctx: Context, gaz: Gazetteer): { code: string; factor: number } {
  const [first, second] = place.candidates;
  if (!first) throw new Error(`place "${place.key}" has no candidates`);
  if (!second) return { code: first.code, factor: 1 };
  const inCodes = place.candidates.filter((c) => ctx.codes.has(c.code));
  if (inCodes[0]) return { code: inCodes[0].code, factor: inCodes.length === 1 ? 1 : 0.9 };
  const inProvince = place.candidates.filter((c) => ctx.provinces.has(gaz.municipalities.get(c.code)?.province ?? ''));
  if (inProvince[0]) return { code: inProvince[0].code, factor: inProvince.length === 1 ? 0.95 : 0.85 };
  if (first.isMunicipality && !second.isMunicipality) return { code: first.code, factor: 0.9 };
  return { code: first.code, factor: first.weight >= 3 * second.weight ? 0.8 : 0.6 };
}

/** What the ad's unambiguous evidence points at: postcodes, area codes, single-candidate names. */
function context(
  gaz: Gazetteer,
  postcodes: readonly PostcodeHit[],
  areaPhones: readonly PhoneMatch[],
  mentions: readonly PlaceMention[],
): Context {
  const codes = new Set<string>();
  const provinces = new Set<string>();
  const add = (code: string) => {
    codes.add(code);
    const province = gaz.municipalities.get(code)?.province;
    if (province) provinces.add(province);
  };
  for (const p of postcodes) add(p.code);
  for (const m of mentions) if (m.place.candidates.length === 1) add(m.place.candidates[0]?.code ?? '');
  for (const phone of areaPhones) {
    const area = areaCodeOf(phone, gaz);
    if (!area) continue;
    add(area.main);
    for (const code of area.codes) codes.add(code);
  }
  return { codes, provinces };
}

function areaCodeOf(phone: PhoneMatch, gaz: Gazetteer) {
  const national = phone.e164.slice(3);
  return gaz.areaCodes.get('0' + national.slice(0, 3)) ?? gaz.areaCodes.get('0' + national.slice(0, 2));
}

/**
 * `1441 AB` anywhere; a bare `1441` only in the location field or right before a place name that
 * can lie in that postcode area (`1441 Purmerend`), since 4-digit numbers are often years or prices.
 */
function findPostcodes(ad: AdText, gaz: Gazetteer, free: readonly PlaceMention[]): PostcodeHit[] {
  const hits: PostcodeHit[] = [];
  const fields = [['location', ad.location], ['title', ad.title], ['text', ad.text]] as const;
  for (const [field, text] of fields) {
    if (!text || !/\d{4}/.test(text)) continue;
    for (const m of text.matchAll(field === 'location' ? PC4 : PC6)) {
      const code = gaz.postcodes.get(m[1] ?? '');
      const span = { field, start: m.index, end: m.index + m[0].length, text: m[0] };
      if (code) hits.push({ code, span, inLocation: field === 'location' });
    }
  }
  for (const [field, text] of [['title', ad.title], ['text', ad.text]] as const) {
    if (!text || !/\d{4}/.test(text)) continue;
    for (const m of text.matchAll(PC4_AFTER_CUE)) {
      const code = gaz.postcodes.get(m[1] ?? '');
      const start = m.index + m[0].length - (m[1]?.length ?? 0);
      if (code) hits.push({ code, span: { field, start, end: start + 4, text: m[1] ?? '' }, inLocation: false });
    }
  }
  for (const mention of free) {
    const text = mention.span.field === 'title' ? ad.title : ad.text;
    const before = PC4_BEFORE_PLACE.exec(text?.slice(Math.max(0, mention.span.start - 12), mention.span.start) ?? '');
    const code = before?.[1] ? gaz.postcodes.get(before[1]) : undefined;
    if (!code || !mention.place.candidates.some((c) => c.code === code)) continue;
    const start = mention.span.start - (before?.[0].length ?? 0);
    const span = { field: mention.span.field, start, end: mention.span.end, text: (text ?? '').slice(start, mention.span.end) };
    hits.push({ code, span, inLocation: false });
  }
  return hits;
}
