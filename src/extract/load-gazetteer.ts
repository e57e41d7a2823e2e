import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.js';
import { buildGazetteer, type Gazetteer } from './gazetteer.js';

/**
 * The repo's data/ directory. This file sits at src/extract/ (run with tsx) or dist/src/extract/
 * (compiled), so walk up until a directory holding data/gemeenten.csv is found.
 */
function defaultDataDir(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, 'gemeenten.csv'))) return candidate;
    dir = join(dir, '..');
  }
  throw new Error('data/gemeenten.csv not found above ' + fileURLToPath(import.meta.url));
}

/**
 * Reads data/gemeenten.csv and data/pc4-4pp.csv and builds the gazetteer (synchronous; ~100 ms).
 * Load it once per process and pass it to `analyzeAd` / `resolveMunicipality`.
 *
 * @param dataDir directory holding both files; defaults to the repo's data/.
 */
export function loadGazetteer(dataDir: string = defaultDataDir()): Gazetteer {
  const read = (name: string) => parseCsv(readFileSync(join(dataDir, name), 'utf8'));
  return buildGazetteer(read('gemeenten.csv'), read('pc4-4pp.csv'));
}
