/** Dutch texts and formats shared by the pages. */
import type { IndicatorCode } from '../classifier/risk/indicator.js';
import type { ServiceCode, WorkSetting } from '../domain/analysis.js';
import type { LicenceEvidenceKind, LicenceStatus } from '../domain/licence.js';
import type { UserRole } from '../domain/review.js';
import type { AdLinkKind, AuditAction } from '../store/index.js';

export const ROLE_LABELS_NL: Record<UserRole, string> = {
  admin: 'beheerder',
  coordinator: 'coördinator',
  analyst: 'analist',
};

export const AUDIT_ACTION_LABELS_NL: Record<AuditAction, string> = {
  login: 'Ingelogd',
  login_failed: 'Inloggen mislukt',
  login_throttled: 'Inloggen geweigerd (te veel pogingen)',
  logout: 'Uitgelogd',
  ad_view: 'Advertentie bekeken',
  decision: 'Besluit vastgelegd',
  export: 'Export',
  user_add: 'Gebruiker toegevoegd',
  user_disable: 'Gebruiker geblokkeerd',
  user_password: 'Wachtwoord gewijzigd',
  purge: 'Bewaartermijnen gehandhaafd (opgeschoond)',
};

/** The app's users work in the Netherlands: every time is shown in Dutch time. */
export const TIME_ZONE = 'Europe/Amsterdam';

const DATE_TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' });
const DATE = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, dateStyle: 'medium' });

export function formatDateTime(date: Date): string {
  return DATE_TIME.format(date);
}

export function formatDate(date: Date): string {
  return DATE.format(date);
}

/** ISO 8601 for `<time datetime>`. */
export function isoDateTime(date: Date): string {
  return date.toISOString();
}

/** How far `TIME_ZONE` is ahead of UTC at `instant`, in ms. */
function zoneOffsetMs(instant: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return local - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The moment a calendar day (`yyyy-mm-dd`) starts in Dutch time, so "from 31 March" means
 * Dutch midnight whatever the server's own time zone, summer time included.
 */
export function startOfDutchDay(day: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  let instant = utcMidnight - zoneOffsetMs(new Date(utcMidnight));
  // Across a DST change the offset at the guess can differ from the offset at midnight itself.
  instant = utcMidnight - zoneOffsetMs(new Date(instant));
  return new Date(instant);
}

/** The calendar day after `day` (`yyyy-mm-dd`). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

// ---- Review pages (work queue, ad page): Dutch names for the codes the store and classifiers use.

/** Licence statuses (src/domain/licence.ts), plus `unassessed` for an ad the licence step has not seen. */
export const LICENCE_STATUS_LABELS_NL: Record<LicenceStatus | 'unassessed', string> = {
  licensed: 'Vergund',
  invalid_permit: 'Vergunningnummer klopt niet',
  out_of_region: 'Buiten de regio',
  unknown_location: 'Plaats onbekend',
  unlicensed: 'Geen vergunning gevonden',
  unassessed: 'Nog niet getoetst',
};

/** Risk indicators (docs/indicators.md); the contested and bias-prone ones say so in their label. */
export const INDICATOR_LABELS_NL: Record<IndicatorCode, string> = {
  under_21: 'Jonger dan 21',
  minor_suspected: 'Mogelijk minderjarig',
  unprotected: 'Onbeschermde diensten',
  always_available: 'Altijd beschikbaar (24/7)',
  hotel_location: 'Hotel, vakantiepark of auto',
  foreign_phone: 'Buitenlands telefoonnummer',
  obfuscated_phone: 'Verhuld telefoonnummer',
  new_in_town: 'Nieuw in de stad (omstreden signaal)',
  third_party: 'Geplaatst door derden',
  low_price: 'Prijs ver onder de regio',
  nationality: 'Nationaliteit of afkomst (risico op bias)',
  phone_shared: 'Nummer bij meerdere profielen',
  multi_city: 'Meerdere gemeenten kort na elkaar',
  text_duplicate: 'Bijna dezelfde tekst elders',
  photo_reuse: 'Zelfde foto elders',
  invalid_permit: 'Vergunningnummer klopt niet',
  unlicensed: 'Geen vergunning',
};

/** An indicator code as stored (text): its Dutch label, or the code itself for one this version does not know. */
export function indicatorLabel(code: string): string {
  return (INDICATOR_LABELS_NL as Record<string, string>)[code] ?? code;
}

export const AD_STATUS_LABELS_NL: Record<'live' | 'gone', string> = { live: 'online', gone: 'verdwenen' };

export const LINK_KIND_LABELS_NL: Record<AdLinkKind, string> = {
  phone: 'zelfde telefoonnummer',
  photo: 'zelfde foto',
  text: 'bijna dezelfde tekst',
  cluster: 'zelfde cluster',
};

export const SIGHTING_CHANGE_LABELS_NL: Record<'new' | 'changed' | 'unchanged', string> = {
  new: 'nieuw',
  changed: 'gewijzigd',
  unchanged: 'ongewijzigd',
};

export const SERVICE_LABELS_NL: Record<ServiceCode, string> = {
  gfe: 'GFE (girlfriend experience)',
  pse: 'PSE (porn star experience)',
  kissing: 'zoenen',
  oral: 'oraal',
  oral_unprotected: 'oraal zonder condoom',
  unprotected: 'zonder condoom',
  anal: 'anaal',
  massage: 'massage',
  erotic_massage: 'erotische massage',
  striptease: 'striptease',
  domination: 'dominantie / BDSM',
  roleplay: 'rollenspel',
  threesome: 'trio',
  couples: 'stellen',
  lesbian_show: 'lesbische show',
  golden_shower: 'golden shower',
  webcam: 'webcam',
};

export const WORK_SETTING_LABELS_NL: Record<WorkSetting, string> = {
  incall: 'ontvangst (thuis/privé)',
  outcall: 'escort (bij de klant)',
  hotel: 'hotel',
  car: 'auto',
  holiday_park: 'vakantiepark',
  window: 'raam',
  club: 'club of privéhuis',
};

export const LICENCE_EVIDENCE_LABELS_NL: Record<LicenceEvidenceKind, string> = {
  permit_valid: 'Geldige vergunning in het register',
  permit_unknown: 'Genoemd vergunningnummer staat niet in het register',
  permit_expired: 'Vergunning verlopen',
  permit_not_yet_valid: 'Vergunning nog niet geldig',
  permit_ambiguous: 'Vergunningnummer past op meerdere vergunningen',
  permit_other_municipality: 'Vergunning van een andere gemeente',
  phone_registered: 'Telefoonnummer staat bij een vergunning',
  phone_registered_not_valid: 'Telefoonnummer staat bij een vergunning die nu niet geldig is',
  location: 'Plaats van de advertentie',
};

const LANGUAGE_NAMES = new Intl.DisplayNames(['nl'], { type: 'language' });

/** An ISO 639-1 code as a Dutch language name (`de` → Duits); the code itself when unknown. */
export function languageName(code: string): string {
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

const PERCENT = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const EURO = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

/** 0.4512 → "45%". */
export function formatPercent(share: number): string {
  return PERCENT.format(share);
}

/** A score or weight: 0.4512 → "0,45". */
export function formatScore(value: number): string {
  return DECIMAL.format(value);
}

export function formatEuro(amount: number): string {
  return EURO.format(amount);
}

// ---- Overview, analysis and operations pages.

/**
 * A district as the overview and the exports name it: one of the three, or the exports'
 * `outside_region` / `unknown`; null in the overview is "outside the three districts or unknown".
 */
export function districtLabel(district: string | null): string {
  if (district === null) return 'Buiten de drie districten of plaats onbekend';
  if (district === 'outside_region') return 'Buiten de drie districten';
  if (district === 'unknown') return 'Plaats onbekend';
  return district;
}

/** A licence status as the overview (`unassessed`) or the exports (`not_assessed`) spell it. */
export function licenceLabel(status: string): string {
  if (status === 'not_assessed') return LICENCE_STATUS_LABELS_NL.unassessed;
  return (LICENCE_STATUS_LABELS_NL as Record<string, string>)[status] ?? status;
}

/** Crawl run statuses (src/store/crawl-runs.ts). */
export const RUN_STATUS_LABELS_NL: Record<string, string> = {
  running: 'bezig',
  succeeded: 'geslaagd',
  suspect: 'verdacht',
  incomplete: 'onvolledig',
  failed: 'mislukt',
};

/** Site health (src/store/site-health.ts). */
export const SITE_HEALTH_LABELS_NL: Record<string, string> = {
  healthy: 'gezond',
  suspect: 'mogelijk kapot',
  failing: 'faalt',
};
