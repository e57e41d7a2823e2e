/**
 * Permits of the municipal registers and the licence assessment of an ad (DOMAIN.md, "Licences").
 * Shared by the register import, the store, the pure assessment and the CLI.
 */

/** The `soort` column: what a permit is for. */
export const PERMIT_KINDS = ['seksinrichting', 'escortbedrijf', 'raamprostitutie', 'thuiswerker'] as const;
export type PermitKind = (typeof PERMIT_KINDS)[number];

/** One permit (one register row), validated and normalised. Dates are `YYYY-MM-DD`. */
export interface Permit {
  /** The permit number as the register spells it. */
  number: string;
  name: string;
  kind: PermitKind;
  address: string | null;
  /** `1234 AB`. */
  postcode: string | null;
  place: string | null;
  /** CBS code of the municipality that issued it, e.g. `GM0392`. */
  municipalityCode: string;
  municipalityName: string;
  /** E.164, e.g. `+31612345678`. */
  phones: string[];
  website: string | null;
  validFrom: string;
  /** Inclusive; null = no end date. */
  validTo: string | null;
}

/** A permit of the current register, with the register version it came from (null: read from a file). */
export interface RegisteredPermit extends Permit {
  versionId: string | null;
}

/** Exactly one of these per assessed ad (issue 4). */
export const LICENCE_STATUSES = ['licensed', 'invalid_permit', 'out_of_region', 'unknown_location', 'unlicensed'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export type LicenceEvidenceKind =
  | 'permit_valid'
  | 'permit_unknown'
  | 'permit_expired'
  | 'permit_not_yet_valid'
  | 'permit_ambiguous'
  | 'permit_other_municipality'
  | 'phone_registered'
  | 'phone_registered_not_valid'
  | 'location';

/** One reason behind a licence status; only the fields that apply to its kind are set. */
export interface LicenceEvidence {
  kind: LicenceEvidenceKind;
  /** One sentence for the coordinator. */
  detail: string;
  /** The permit number as the ad cites it. */
  cited?: string;
  /** The register's permit number (its own spelling). */
  permit?: string;
  /** The ad's phone number that is in the register (E.164). */
  phone?: string;
  permitKind?: PermitKind;
  /** CBS code of the permit's municipality. */
  permitMunicipality?: string;
  /** CBS code of the ad's municipality, or null when none was found. */
  adMunicipality?: string | null;
  validFrom?: string;
  validTo?: string | null;
  /** Register permit numbers a cited number matches equally well. */
  candidates?: string[];
  registerVersionId?: string | null;
}

/** The licence verdict on one ad, against one register, on one date. */
export interface LicenceAssessment {
  status: LicenceStatus;
  /** The register permit the status rests on (its own spelling), or null. */
  permit: string | null;
  evidence: LicenceEvidence[];
  /** The calendar date (Europe/Amsterdam) the permits were checked for, `YYYY-MM-DD`. */
  date: string;
}
