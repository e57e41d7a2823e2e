import { isDistrict, type District } from '../domain/districts.js';

/**
 * Which ads a reader may see: one district's (a coordinator) or every ad (an admin). Every review
 * query takes one, so the district rule is enforced in SQL and no route can forget it.
 */
export type ReviewScope = { readonly district: District } | { readonly allDistricts: true };

export const ALL_DISTRICTS: ReviewScope = Object.freeze({ allDistricts: true });

/** A district's scope; throws on anything but one of the three districts, so a typo never widens it. */
export function districtScope(district: string): ReviewScope {
  if (!isDistrict(district)) throw new Error(`not a district: ${JSON.stringify(district)}`);
  return Object.freeze({ district });
}

/** The district the scope is bound to, or null for all districts. */
export function scopeDistrict(scope: ReviewScope): District | null {
  return 'district' in scope ? scope.district : null;
}

/** Ad ids are bigints in decimal; anything else cannot name an ad (and must not reach a `::bigint` cast). */
export function isAdId(value: string): boolean {
  return /^[1-9]\d{0,17}$/.test(value);
}
