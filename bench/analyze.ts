/**
 * `zicht analyze` throughput on one core: the fixture universe's ads as JSON Lines through
 * the same stream function the command uses.
 */
import { PassThrough, Writable } from 'node:stream';
import { analyzeStream } from '../src/cli/analyze.js';
import { loadGazetteer } from '../src/extract/index.js';
import { adsOnDay, generateUniverse } from '../src/fixtures/index.js';
import { fixtureAdAsAnalyzeInput } from '../test/helpers/fixture-input.js';

const count = Math.min(Number(process.env.BENCH_ADS ?? 40_000), 20_000);
const universe = generateUniverse({ ads: count, seed: 7 });
const inputLines = adsOnDay(universe, 0).map((ad) => JSON.stringify(fixtureAdAsAnalyzeInput(ad)));
const gazetteer = loadGazetteer();

let lines = 0;
const sink = new Writable({ write: (_chunk: Buffer, _enc, done) => ((lines += 1), done()) });
const input = new PassThrough();
const started = performance.now();
const running = analyzeStream(input, sink, sink, gazetteer);
for (const line of inputLines) input.write(`${line}\n`);
input.end();
const { ok, failed } = await running;
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    name: 'analyze: JSON Lines, one core',
    ads: ok,
    failed,
    outputLines: lines,
    seconds: seconds.toFixed(2),
    'ads/s': (ok / seconds).toFixed(0),
    'peak RSS MB': (process.resourceUsage().maxRSS / 1024).toFixed(0),
  }),
);
