#!/usr/bin/env node
// `npm test`: typecheck, lint, then every vitest test; ends with the line CI reads:
// "N passed, N failed". Vitest's own summary is not read by CI, so the counts come
// from its JSON reporter.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(label, cmd, args) {
  console.log(`\n== ${label}: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
}

const typecheckOk = run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
const lintOk = run('lint', 'npm', ['run', '--silent', 'lint']);

const report = join(mkdtempSync(join(tmpdir(), 'zicht-test-')), 'vitest.json');
const extra = process.argv.slice(2);
run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);

let passed = 0;
let failed;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  // A test file that fails to load has no test results of its own: count it as a failure.
  const brokenFiles = (json.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  failed = (json.numFailedTests ?? 0) + brokenFiles;
} else {
  failed = 1;
  console.error('vitest wrote no report: counting the run as failed');
}
if (!typecheckOk) failed += 1;
if (!lintOk) failed += 1;
if (!typecheckOk || !lintOk) console.log(`(typecheck ${typecheckOk ? 'ok' : 'FAILED'}, lint ${lintOk ? 'ok' : 'FAILED'}; each counts as one failure)`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
