import { SERVICE_CODES, type AdText, type ServiceCode, type TextSpan } from '../domain/analysis.js';
import { compileVocabulary, findTerms, type TermPattern } from './find-terms.js';

/**
 * Wordings per service code, Dutch and English, most specific first: a wording listed earlier wins
 * where two overlap (`pijpen zonder` → oral_unprotected, `tantra massage` → erotic_massage).
 */
const SERVICE_PATTERNS: readonly TermPattern<ServiceCode>[] = [
  { code: 'oral_unprotected', source: String.raw`owo|bbbj|pijpen\s+(?:zonder|without)(?:\s+condoom)?|zonder\s+condoom\s+pijpen|(?:onbeschermd|blank|natuur|natural)\s+(?:pijpen|oral|orale?\s+seks)|(?:oral|orale?\s+seks|blow\s?job)\s+(?:without|zonder)(?:\s+(?:a\s+)?condo(?:om|m))?`, stems: ['owo', 'bbbj', 'zonder', 'without', 'onbeschermd', 'blank', 'natuur', 'natural'] },
  { code: 'unprotected', source: String.raw`zonder\s+condoom|onbeschermde?(?:\s+(?:seks|sex|gv))?|bareback|unprotected(?:\s+sex)?|without\s+(?:a\s+)?condom|no\s+condom|blank\s+(?:neuken|sex|seks|gv)|ongesafed?`, stems: ['zonder', 'onbeschermd', 'bareback', 'unprotected', 'without', 'condom', 'blank', 'ongesafe'] },
  { code: 'erotic_massage', source: String.raw`(?:erotische?|sensuele?|erotic|sensual|tantra|tantric|nuru|prostaat|prostate|lingam|yoni)[\s-]?massages?|tantra|nuru|body[\s-]?(?:to|2)[\s-]?body|b2b|happy[\s-]?end(?:ing)?`, stems: ['massag', 'tantra', 'nuru', 'body', 'b2b', 'happy'] },
  { code: 'massage', source: String.raw`massages?|masseren|masseuse|masseur`, stems: ['massag', 'masser', 'masseu'], inCompounds: true },
  { code: 'gfe', source: String.raw`gfe|girl\s?friend[\s-]?experience|vriendinn?(?:etje)?[\s-]?(?:ervaring|experience|seks|sex)`, stems: ['gfe', 'girl', 'vriendin'] },
  { code: 'pse', source: String.raw`pse|porn\s?star(?:[\s-]?(?:experience|ervaring))?`, stems: ['pse', 'porn'] },
  { code: 'kissing', source: String.raw`(?:tong)?zoenen|zoent|tongzoen|kissing|french[\s-]?kiss(?:ing|es)?`, stems: ['zoen', 'kiss'] },
  { code: 'oral', source: String.raw`pijpen|pijpbeurt|orale?[\s-]?(?:seks|sex)|oral|blow[\s-]?jobs?|bj|beffen|cunnilingus|likken|69(?![.,]\d|\s*(?:euro|eur|€|,-|jaar|min|cm|kg))`, stems: ['pijp', 'oral', 'orale', 'blow', 'bj', 'beffen', 'cunni', 'likken', '69'] },
  { code: 'anal', source: String.raw`anaal|anale\s+seks|anal(?:\s?sex)?|grieks|greek|a[\s-]?level|kontneuken`, stems: ['ana', 'griek', 'greek', 'level', 'kont'] },
  { code: 'striptease', source: String.raw`striptease|strip[\s-]?(?:show|dans)|paaldans|pole[\s-]?dance|lap[\s-]?dance`, stems: ['strip', 'paal', 'pole', 'lap'] },
  { code: 'domination', source: String.raw`domina|dominante?|dominantie|domination|dominatrix|bdsm|s\s?[&/]\s?m|sm|bondage|meesteres|mistress|slavin|onderdanig|submissive|spanking|femdom|sado[\s-]?maso`, stems: ['domin', 'bdsm', 'sm', 'bondage', 'meesteres', 'mistress', 'slavin', 'onderdanig', 'submissive', 'spank', 'femdom', 'sado'] },
  { code: 'roleplay', source: String.raw`rollenspel(?:len|letjes)?|role[\s-]?play(?:ing)?`, stems: ['rollenspel', 'role'] },
  { code: 'threesome', source: String.raw`trio(?:tje)?|threesome|trekant|ffm|mmf|mff|fmm`, stems: ['trio', 'threesome', 'trekant', 'ffm', 'mmf', 'mff', 'fmm'] },
  { code: 'couples', source: String.raw`(?:ook\s+)?stellen\s+(?:ook\s+)?welkom|voor\s+stellen|koppels|couples?(?:\s+welcome)?`, stems: ['stellen', 'koppels', 'couple'] },
  { code: 'lesbian_show', source: String.raw`lesbo[\s-]?show|lesbische?\s+show|lesbian\s+(?:show|games|play)`, stems: ['lesb'] },
  { code: 'golden_shower', source: String.raw`plassex|plasseks|golden[\s-]?shower|watersport|ws`, stems: ['plas', 'golden', 'watersport', 'ws'] },
  { code: 'webcam', source: String.raw`webcam(?:show|shows|seks|sex)?|sexcam|cam[\s-]?shows?|sexting|video[\s-]?bellen|videocall`, stems: ['cam', 'sexting', 'video'] },
];

const SERVICES = compileVocabulary(SERVICE_PATTERNS);

/** Services an ad offers, with the first span of each. */
export interface ServicesFound {
  services: ServiceCode[];
  spans: Partial<Record<ServiceCode, TextSpan>>;
}

/**
 * The services an ad offers, as codes of a controlled vocabulary (`SERVICE_CODES`): `GFE` → gfe,
 * `pijpen zonder` → oral_unprotected, `tantra massage` → erotic_massage (which implies massage),
 * `geen anaal` → nothing. Locations (thuisontvangst, escort, hotel) are work settings, not services.
 */
export function extractServices(ad: AdText): ServicesFound {
  const { spans } = findTerms(ad, SERVICES);
  if (spans.erotic_massage && !spans.massage) spans.massage = spans.erotic_massage;
  if (spans.oral_unprotected && !spans.oral) spans.oral = spans.oral_unprotected;
  return { services: SERVICE_CODES.filter((c) => spans[c] !== undefined), spans };
}
