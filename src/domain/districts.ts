/** The three BTP district teams of the police unit Noord-Holland (DOMAIN.md, "Geography"). */
export const DISTRICTS = ['Noord-Holland Noord', 'Zaanstreek-Waterland', 'Kennemerland'] as const;

export type District = (typeof DISTRICTS)[number];

export function isDistrict(value: string | null | undefined): value is District {
  return (DISTRICTS as readonly string[]).includes(value ?? '');
}
