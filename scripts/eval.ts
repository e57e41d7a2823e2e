/**
 * `npm run eval`: scores the extraction stage (src/extract) against three sources — the hand-labelled
 * corpus (test/eval/corpus), the fixture universe's ground truth and the UD Dutch sentences — and prints
 * precision / recall / F1 per field and per obfuscation kind, then the misses.
 *
 * Flags: `--all` lists every miss (default: the first 40 per source); `--only corpus,ud` limits the sources.
 */
import { performance } from 'node:perf_hooks';
import { analyzeAd, loadGazetteer } from '../src/extract/index.js';
import { formatReport } from '../test/eval/report.js';
import { scoreSource } from '../test/eval/score.js';
import { allSources } from '../test/eval/sources.js';

const DEFAULT_CAP = 40;

function main(argv: string[]): void {
  const started = performance.now();
  const all = argv.includes('--all');
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex >= 0 ? new Set((argv[onlyIndex + 1] ?? '').split(',')) : null;
  const gazetteer = loadGazetteer();
  const sources = allSources().filter((s) => !only || only.has(s.name));
  const scores = sources.map((s) => scoreSource(s, (ad) => analyzeAd(ad, gazetteer)));
  const seconds = (performance.now() - started) / 1000;
  console.log(formatReport(scores, { cap: all ? Infinity : DEFAULT_CAP, seconds }));
}

main(process.argv.slice(2));
