/**
 * Review decisions recorded by coordinators (issue 6) and what they say about an ad's risk,
 * for the indicator statistics and the text model (issue 5). Shared by the store, web app and model.
 */

/** What a coordinator decided about an ad. The Dutch labels are what the UI shows. */
export const REVIEW_DECISIONS = [
  'no_action',
  'inspection_planned',
  'inspected_licensed',
  'inspected_unlicensed',
  'passed_police',
  'passed_care',
  'false_positive',
] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REVIEW_DECISION_LABELS_NL: Record<ReviewDecision, string> = {
  no_action: 'Geen actie',
  inspection_planned: 'Controle gepland',
  inspected_licensed: 'Gecontroleerd: vergund',
  inspected_unlicensed: 'Gecontroleerd: onvergund',
  passed_police: 'Overgedragen aan politie (AVIM)',
  passed_care: 'Overgedragen aan zorgcoördinatie',
  false_positive: 'Vals positief',
};

/**
 * Whether a decision confirms that the ad deserved attention (true), refutes it (false), or says
 * nothing yet (null: an inspection is only planned). The model trains on true/false only.
 */
export const REVIEW_CONFIRMS: Record<ReviewDecision, boolean | null> = {
  no_action: false,
  inspection_planned: null,
  inspected_licensed: false,
  inspected_unlicensed: true,
  passed_police: true,
  passed_care: true,
  false_positive: false,
};

/** Account roles. A coordinator is bound to one district; an analyst sees aggregates only. */
export const USER_ROLES = ['admin', 'coordinator', 'analyst'] as const;
export type UserRole = (typeof USER_ROLES)[number];
