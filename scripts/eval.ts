/**
 * `npm run eval`: scores the extraction stage (src/extract) against three sources — the hand-labelled
 * corpus (test/eval/corpus), the fixture universe's ground truth and the UD Dutch sentences — and prints
 * precision / recall / F1 per field and per obfuscation kind, then the misses.
 *
 * Then the risk indicators' precision and recall on the fixture universe (issue 5), where the fixture
 * knows the truth (shared phones, reused photos, stated ages, prices, …).
 *
 * Flags: `--all` lists every miss (default: the first 40 per source); `--only corpus,ud` limits the sources.
 */
import { performance } from 'node:perf_hooks';
import { analyzeAd, loadGazetteer } from '../src/extract/index.js';
import { formatReport } from '../test/eval/report.js';
import { scoreSource } from '../test/eval/score.js';
import { allSources } from '../test/eval/sources.js';
import { evaluateRiskOnFixtures, formatIndicatorFigures } from '../test/classifier/risk/fixture-eval.js';

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
  if (!only || only.has('risk')) {
    const title = 'Risk indicators on the fixture universe (ads=5000 seed=1), where the fixture knows the truth';
    console.log(`\n${formatIndicatorFigures(evaluateRiskOnFixtures({ ads: 5_000, seed: 1, gazetteer }), title)}`);
  }
}

main(process.argv.slice(2));
