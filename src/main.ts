#!/usr/bin/env node
/**
 * `zicht`: one entry point, several roles (start, worker, crawl, …). Each command's module is
 * loaded lazily, so a worker never loads what only the analyzer needs and vice versa.
 */
import { Command, InvalidArgumentError } from 'commander';
import { describeSettings } from './config/settings.js';

function int(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

const program = new Command('zicht')
  .description('Online monitor for unlicensed prostitution: crawl ad sites, extract phones and places, store for review.')
  .showHelpAfterError()
  .addHelpText('after', `\nSettings (environment variables):\n${describeSettings().map((s) => `  ${s.env.padEnd(26)} ${s.doc}`).join('\n')}`);

program
  .command('start')
  .description('Main job: migrate, start workers, crawl every configured site (or the demo sites), print a summary, keep running')
  .option('--once', 'exit after the first crawl instead of keeping the workers running')
  .action(async (opts: { once?: boolean }) => (await import('./cli/start.js')).start({ once: Boolean(opts.once) }));

program
  .command('worker')
  .description('Run crawl and ads workers only (scale out: start several, sharing REDIS_URL and DATABASE_URL)')
  .action(async () => (await import('./cli/worker.js')).worker());

program
  .command('crawl')
  .description('Enqueue a crawl of the configured sites and wait for it, with progress (needs running workers)')
  .option('--site <id...>', 'only these site ids')
  .action(async (opts: { site?: string[] }) => (await import('./cli/crawl.js')).crawl(opts));

program
  .command('analyze')
  .description('Analysis as a filter: JSON Lines ads on stdin ({"id","text",…}), one JSON result per line on stdout')
  .option('--register <file>', 'also assess each ad\'s licence against this permit register (CSV or XLSX), on its seenAt or today')
  .option('--columns <file>', 'column mapping (JSON) for a register with other headers')
  .action(async (opts: { register?: string; columns?: string }) => (await import('./cli/analyze.js')).analyze(opts));

const register = program.command('register').description('The municipal permit registers: import, list, re-assess');

register
  .command('import <file>')
  .description('Import a permit register (CSV or XLSX) as a new register version, all or nothing, and re-assess the live ads')
  .option('--municipality <name>', 'the file is the whole register of this municipality (name or GM code); else it replaces the permits of every municipality in it')
  .option('--columns <file>', 'column mapping (JSON: {"header in file": "canonical column"})')
  .option('--no-reassess', 'do not enqueue the re-assessment of the live ads')
  .action(async (file: string, opts: { municipality?: string; columns?: string; reassess: boolean }) =>
    (await import('./cli/register.js')).registerImport(file, opts),
  );

register
  .command('list')
  .description('The current register\'s permits with their validity on a date')
  .option('--municipality <name>', 'only this municipality')
  .option('--date <yyyy-mm-dd>', 'validity on this date (default today)')
  .option('--json', 'JSON instead of a table')
  .action(async (opts: { municipality?: string; date?: string; json?: boolean }) => (await import('./cli/register.js')).registerList(opts));

register
  .command('versions')
  .description('The register imports, newest first')
  .option('--limit <n>', 'how many', int(1, 10_000), 20)
  .action(async (opts: { limit: number }) => (await import('./cli/register.js')).registerVersions(opts));

register
  .command('reassess')
  .description('Enqueue the licence re-assessment of every live ad against the current register (idempotent)')
  .action(async () => (await import('./cli/register.js')).registerReassess());

program
  .command('demo-sites')
  .description('Serve the built-in fixture ad sites (three site styles) on localhost')
  .option('--ads <n>', 'number of ads (10 to 100000)', int(10, 100_000), 300)
  .option('--seed <s>', 'random seed', int(0, 2 ** 31), 1)
  .option('--day <d>', 'fixture day: ads appear, change and disappear between days', int(0, 10_000), 0)
  .option('--no-chaos', 'no 429s, 500s, slow or broken pages')
  .option('--port-a <port>', 'port of demo-a (default: a free one)', int(0, 65535))
  .option('--port-b <port>', 'port of demo-b', int(0, 65535))
  .option('--port-c <port>', 'port of demo-c', int(0, 65535))
  .action(async (opts) => (await import('./cli/demo-sites.js')).demoSites(opts));

program
  .command('runs')
  .description('List crawl runs with their counts')
  .option('--site <id>', 'only this site')
  .option('--limit <n>', 'how many', int(1, 10_000), 20)
  .action(async (opts: { site?: string; limit: number }) => (await import('./cli/runs.js')).runs(opts));

program
  .command('migrate')
  .description('Bring the database schema up to date and exit')
  .action(async () => (await import('./cli/runs.js')).migrateCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
