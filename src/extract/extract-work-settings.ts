import { WORK_SETTINGS, type AdText, type TextSpan, type WorkSetting } from '../domain/analysis.js';
import { compileVocabulary, findTerms, isNegated, spanOf, type TermPattern } from './find-terms.js';

/** Wordings per setting; earlier entries win where two overlap (`hotelbezoek` is hotel, then also outcall). */
const SETTING_PATTERNS: readonly TermPattern<WorkSetting>[] = [
  { code: 'holiday_park', source: String.raw`vakantie[\s-]?(?:park|huis|huisje|woning|bungalow)|bungalow(?:park)?|chalet|camping|recreatie[\s-]?park|holiday\s+(?:park|home|house|cottage)|center\s?parcs|landal|roompot`, stems: ['vakantie', 'bungalow', 'chalet', 'camping', 'recreatie', 'holiday', 'center', 'landal', 'roompot'] },
  { code: 'hotel', source: String.raw`hotel(?:s|kamers?|rooms?|bezoek(?:en)?|visits?)?`, stems: ['hotel'] },
  { code: 'outcall', source: String.raw`escort\p{L}*|outcall|out[\s-]call|hotel[\s-]?(?:bezoek|bezoeken|visits?)|huis[\s-]?bezoek(?:en)?|home\s+visits?|(?:kom|komt|komen)\s+(?:ook\s+)?(?:graag\s+)?(?:naar\s+(?:je|jou|u)|bij\s+(?:je|jou|u))|(?:bij|naar)\s+(?:jou|je|u)\s+thuis|bij\s+(?:jou|u)|(?:visit|visits|visiting)\s+you|(?:to\s+)?your\s+(?:home|place|house)|(?:i|we)\s+come\s+to\s+you|aan\s+huis`, stems: ['escort', 'out', 'hotel', 'huis', 'home', 'kom', 'visit', 'your', 'come', 'bij jou', 'bij u'] },
  { code: 'incall', source: String.raw`thuis[\s-]?ontvangst|priv[eé]{1,2}[\s-]?ontvangst|ontvangst|ontvang(?:t|en)?|incall|in[\s-]call|bij\s+mij(?:\s+thuis)?|at\s+my\s+(?:place|home|apartment|flat)|(?:i|we)\s+receive|receiving|(?:mijn|ons)\s+(?:eigen\s+)?(?:woning|appartement|huis)|eigen\s+(?:woning|appartement|adres)`, stems: ['ontvang', 'incall', 'in call', 'in-call', 'bij mij', 'at my', 'receiv', 'mijn', 'ons ', 'eigen'] },
  { code: 'club', source: String.raw`(?:seks|sex|relax|paren|swingers?|sauna|priv[eé]{1,2})?club|priv[eé]{1,2}[\s-]?huis|bordeel|brothel|massage[\s-]?salon|salon`, stems: ['club', 'priv', 'bordeel', 'brothel', 'salon'] },
  { code: 'car', source: String.raw`auto[\s-]?(?:seks|sex|dates?|afspraak|afspraken)|car[\s-]?(?:sex|dates?|meets?)|in\s+(?:de|je|jouw|mijn|uw|your|my|the|a)\s+(?:auto|car)(?!\s*(?:\d|bereikbaar|reachable|min|van|from))|parkeerplaats(?:seks|sex)`, stems: ['auto', 'car', 'parkeerplaats'] },
  { code: 'window', source: String.raw`raam(?:prostitutie|werk|kamer|bordeel|prostituee)?|achter\s+(?:het|t|'t)\s+raam|window(?:[\s-]?(?:girl|brothel|prostitution))?|de\s+wallen|red[\s-]light(?:\s+district)?|rosse\s+buurt`, stems: ['raam', 'window', 'wallen', 'red', 'rosse'] },
];

const SETTINGS = compileVocabulary(SETTING_PATTERNS);

/** Where the ad meets clients, with the first span of each setting. */
export interface WorkSettingsFound {
  workSettings: WorkSetting[];
  spans: Partial<Record<WorkSetting, TextSpan>>;
}

/**
 * Where the advertiser meets clients: incall (`thuisontvangst`, `privé ontvangst`, `incall`),
 * outcall (`escort`, `hotelbezoek`, `home visits`), hotel, car, holiday park, window (`raam`) and
 * club (`club`, `privéhuis`). Negated wordings (`geen ontvangst`, `no hotels`) are left out.
 */
export function extractWorkSettings(ad: AdText): WorkSettingsFound {
  const { spans } = findTerms(ad, SETTINGS);
  // `hotelbezoek` is an outcall to a hotel: both settings (the hotel entry claimed the words).
  if (spans.hotel && !spans.outcall) spans.outcall = hotelVisit(ad);
  return { workSettings: WORK_SETTINGS.filter((s) => spans[s] !== undefined), spans };
}

const HOTEL_VISIT = /hotel[\s-]?(?:bezoek(?:en)?|visits?)/iu;

function hotelVisit(ad: AdText): TextSpan | undefined {
  for (const [field, text] of [['title', ad.title], ['text', ad.text]] as const) {
    const m = text ? HOTEL_VISIT.exec(text) : null;
    if (m && text && !isNegated(text, m.index, m.index + m[0].length)) return spanOf(field, m.index, m[0]);
  }
  return undefined;
}
