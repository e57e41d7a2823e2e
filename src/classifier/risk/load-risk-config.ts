import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RiskConfigSchema, type RiskConfig } from './risk-config.js';

/** config/indicators.json at the repository root. */
export const DEFAULT_RISK_CONFIG_PATH = fileURLToPath(new URL('../../../config/indicators.json', import.meta.url));

/**
 * Reads and validates the indicator configuration: the only I/O of the risk module. Every
 * problem in the file is listed in the thrown error, and the result is frozen.
 *
 * @example const config = loadRiskConfig(); config.indicators.new_in_town.weight // 0.03
 */
export function loadRiskConfig(path = DEFAULT_RISK_CONFIG_PATH): RiskConfig {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const parsed = RiskConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid indicator config ${path}:\n  ${problems.join('\n  ')}`);
  }
  return deepFreeze(parsed.data);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
