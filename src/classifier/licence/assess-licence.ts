import type { LicenceAssessment, LicenceEvidence, LicenceStatus, RegisteredPermit } from '../../domain/licence.js';
import { calendarDate } from './calendar-date.js';
import { permitKey } from './permit-key.js';
import { validityOn, type Register } from './register.js';

/** What the assessment needs of an ad: the output of the analysis plus when it was seen. */
export interface LicenceInput {
  /** Permit numbers the ad cites, as extracted. */
  permitNumbers: readonly string[];
  /** The ad's phone numbers, E.164. */
  phones: readonly string[];
  /** CBS code of the ad's municipality, or null when none was found. */
  municipalityCode: string | null;
  /** The ad's BTP district, or null when the municipality lies outside the three districts. */
  district: string | null;
  /** When the ad was seen (ISO 8601 or a Date); the permits are checked for that Dutch calendar day. */
  seenAt: string | Date;
}

type CitedOutcome =
  | { kind: 'valid' | 'expired' | 'not_yet_valid'; cited: string; permit: RegisteredPermit }
  | { kind: 'unknown'; cited: string }
  | { kind: 'ambiguous'; cited: string; candidates: readonly RegisteredPermit[] };

/**
 * The licence status of one ad against a register, with its evidence (pure). Precedence:
 * 1. a cited permit number that matches exactly one register permit valid on the day → `licensed`;
 * 2. a cited number that is not in the register, or whose permit is expired or not yet valid →
 *    `invalid_permit`, even when a phone number is registered (the phone match stays as evidence:
 *    the APV requires the right number in the ad);
 * 3. a phone number registered under a permit valid on the day → `licensed`;
 * 4. otherwise by place: `unknown_location` (none found), `out_of_region`, or `unlicensed`.
 * A cited number matching several register permits (ambiguous) matches none and invalidates nothing.
 *
 * @example assessLicence({ permitNumbers: ['HLM-2023-0142'], phones: [], municipalityCode: 'GM0392',
 *   district: 'Kennemerland', seenAt: '2025-01-06T02:00:00Z' }, register).status // 'licensed'
 */
export function assessLicence(ad: LicenceInput, register: Register): LicenceAssessment {
  const date = calendarDate(ad.seenAt);
  const outcomes = citedOutcomes(ad.permitNumbers, register, date);
  const evidence = outcomes.flatMap((outcome) => citedEvidence(outcome, ad));
  const valid = preferred(outcomes.flatMap((o) => (o.kind === 'valid' ? [o.permit] : [])), ad);
  if (valid) return { status: 'licensed', permit: valid.number, evidence, date };
  const phonePermits = registeredPhones(ad, register, date, evidence);
  const failed = outcomes.find((o) => o.kind === 'unknown' || o.kind === 'expired' || o.kind === 'not_yet_valid');
  if (failed) return { status: 'invalid_permit', permit: 'permit' in failed ? failed.permit.number : null, evidence, date };
  const byPhone = preferred(phonePermits, ad);
  if (byPhone) return { status: 'licensed', permit: byPhone.number, evidence, date };
  const status = locationStatus(ad);
  evidence.push(locationEvidence(ad, status));
  return { status, permit: null, evidence, date };
}

function citedOutcomes(cited: readonly string[], register: Register, date: string): CitedOutcome[] {
  const seen = new Set<string>();
  const out: CitedOutcome[] = [];
  for (const number of cited) {
    const key = permitKey(number);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    const matches = register.byKey.get(key) ?? [];
    const permit = matches[0];
    if (!permit) out.push({ kind: 'unknown', cited: number });
    else if (matches.length > 1) out.push({ kind: 'ambiguous', cited: number, candidates: matches });
    else out.push({ kind: validityOn(permit, date), cited: number, permit });
  }
  return out;
}

/** The permit in the ad's own municipality first, then the lowest number: stable across runs. */
function preferred(permits: readonly RegisteredPermit[], ad: LicenceInput): RegisteredPermit | undefined {
  const rank = (p: RegisteredPermit) => (p.municipalityCode === ad.municipalityCode ? 0 : 1);
  return [...permits].sort((a, b) => rank(a) - rank(b) || a.number.localeCompare(b.number))[0];
}

function citedEvidence(outcome: CitedOutcome, ad: LicenceInput): LicenceEvidence[] {
  const { cited } = outcome;
  switch (outcome.kind) {
    case 'unknown':
      return [{ kind: 'permit_unknown', cited, detail: `The ad cites permit number ${cited}, which is not in the register.` }];
    case 'ambiguous': {
      const candidates = outcome.candidates.map((p) => p.number);
      const detail = `The ad cites ${cited}, which matches several register permits (${candidates.join(', ')}): no match.`;
      return [{ kind: 'permit_ambiguous', cited, candidates, detail }];
    }
    default:
      return [permitEvidence(outcome.kind, cited, outcome.permit), ...otherMunicipality(outcome.permit, ad, cited)];
  }
}

function permitEvidence(kind: 'valid' | 'expired' | 'not_yet_valid', cited: string, p: RegisteredPermit): LicenceEvidence {
  const what = `permit ${p.number} (${p.kind}, ${p.name}, ${p.municipalityName})`;
  const detail =
    kind === 'valid'
      ? `The ad cites ${what}, valid ${range(p)}.`
      : kind === 'expired'
        ? `The ad cites ${what}, which expired on ${p.validTo}.`
        : `The ad cites ${what}, which is only valid from ${p.validFrom}.`;
  return { kind: `permit_${kind}`, cited, ...permitFields(p), detail };
}

function permitFields(p: RegisteredPermit): Omit<LicenceEvidence, 'kind' | 'detail'> {
  return {
    permit: p.number,
    permitKind: p.kind,
    permitMunicipality: p.municipalityCode,
    validFrom: p.validFrom,
    validTo: p.validTo,
    registerVersionId: p.versionId,
  };
}

function range(p: RegisteredPermit): string {
  return p.validTo === null ? `from ${p.validFrom}, no end date` : `from ${p.validFrom} to ${p.validTo}`;
}

/** A permit used in another municipality than its own: an escort business may work across the region, premises may not move. */
function otherMunicipality(p: RegisteredPermit, ad: LicenceInput, cited?: string): LicenceEvidence[] {
  if (ad.municipalityCode === null || ad.municipalityCode === p.municipalityCode) return [];
  const why =
    p.kind === 'escortbedrijf'
      ? 'an escort business may work across the region'
      : `a ${p.kind} permit covers its own premises only, so this does not check out`;
  const detail = `Permit ${p.number} was issued by ${p.municipalityName} (${p.municipalityCode}); the ad is in ${ad.municipalityCode}: ${why}.`;
  return [{ kind: 'permit_other_municipality', ...(cited ? { cited } : {}), ...permitFields(p), adMunicipality: ad.municipalityCode, detail }];
}

/** Adds phone evidence; returns the permits valid on the day that one of the ad's numbers is registered under. */
function registeredPhones(ad: LicenceInput, register: Register, date: string, evidence: LicenceEvidence[]): RegisteredPermit[] {
  const valid: RegisteredPermit[] = [];
  for (const phone of new Set(ad.phones)) {
    for (const p of register.byPhone.get(phone) ?? []) {
      if (validityOn(p, date) === 'valid') {
        valid.push(p);
        const detail = `Phone ${phone} is registered under permit ${p.number} (${p.kind}, ${p.name}, ${p.municipalityName}), valid ${range(p)}.`;
        evidence.push({ kind: 'phone_registered', phone, ...permitFields(p), detail }, ...otherMunicipality(p, ad));
      } else {
        const detail = `Phone ${phone} is registered under permit ${p.number}, which is not valid on ${date} (${range(p)}).`;
        evidence.push({ kind: 'phone_registered_not_valid', phone, ...permitFields(p), detail });
      }
    }
  }
  return valid;
}

function locationStatus(ad: LicenceInput): LicenceStatus {
  if (ad.municipalityCode === null) return 'unknown_location';
  return ad.district === null ? 'out_of_region' : 'unlicensed';
}

function locationEvidence(ad: LicenceInput, status: LicenceStatus): LicenceEvidence {
  const detail =
    status === 'unknown_location'
      ? 'No permit or registered phone matches, and the ad names no recognisable municipality.'
      : status === 'out_of_region'
        ? `No permit or registered phone matches; the ad's municipality ${ad.municipalityCode} lies outside the three districts.`
        : `No permit or registered phone matches; the ad is in ${ad.municipalityCode} (${ad.district}).`;
  return { kind: 'location', adMunicipality: ad.municipalityCode, detail };
}
