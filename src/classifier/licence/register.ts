import type { RegisteredPermit } from '../../domain/licence.js';
import { permitKey } from './permit-key.js';

/** The permits an assessment looks up, indexed by permit key and by phone number. Build with `createRegister`. */
export interface Register {
  readonly permits: readonly RegisteredPermit[];
  /** Permit key (see `permitKey`) → every permit with that key; more than one means ambiguous. */
  readonly byKey: ReadonlyMap<string, readonly RegisteredPermit[]>;
  /** E.164 → the permits the number is registered under. */
  readonly byPhone: ReadonlyMap<string, readonly RegisteredPermit[]>;
  /** The register state: the newest register version it includes; null for a file or an empty register. */
  readonly versionId: string | null;
}

/**
 * Indexes the permits of a register (pure).
 * @example const register = createRegister(permits, '7'); register.byKey.get(permitKey('HLM-2023-0142'))
 */
export function createRegister(permits: readonly RegisteredPermit[], versionId: string | null = null): Register {
  const byKey = new Map<string, RegisteredPermit[]>();
  const byPhone = new Map<string, RegisteredPermit[]>();
  for (const permit of permits) {
    push(byKey, permitKey(permit.number), permit);
    for (const phone of new Set(permit.phones)) push(byPhone, phone, permit);
  }
  return { permits, byKey, byPhone, versionId };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whether a permit runs on `date` (`YYYY-MM-DD`, both ends inclusive). */
export function validityOn(permit: Pick<RegisteredPermit, 'validFrom' | 'validTo'>, date: string): 'valid' | 'expired' | 'not_yet_valid' {
  if (date < permit.validFrom) return 'not_yet_valid';
  if (permit.validTo !== null && date > permit.validTo) return 'expired';
  return 'valid';
}
