#!/usr/bin/env node
/**
 * `zicht`: one entry point, several roles (start, worker, crawl, …). Each command's module is
 * loaded lazily, so a worker never loads what only the analyzer needs and vice versa.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { describeSettings } from './config/settings.js';
import type { CrawlRunStatus } from './store/index.js';

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
  .command('runs [runId]')
  .description('Crawl run history: status, counts, errors and why a run was not succeeded; with a run id, that run and its errors')
  .option('--site <id>', 'only this site')
  .addOption(new Option('--status <status>', 'only runs with this status').choices(['running', 'succeeded', 'suspect', 'incomplete', 'failed']))
  .option('--limit <n>', 'how many', int(1, 10_000), 20)
  .action(async (runId: string | undefined, opts: { site?: string; status?: CrawlRunStatus; limit: number }) =>
    (await import('./cli/runs.js')).runs(runId, opts),
  );

program
  .command('sites')
  .description('Each site\'s health after its latest crawl: healthy, suspect (far fewer ads than usual: selectors broken?) or failing')
  .action(async () => (await import('./cli/runs.js')).sites());

const schedule = program
  .command('schedule')
  .description('Nightly crawl schedules per site (cron, in ZICHT_SCHEDULE_TZ); zicht start registers them');

schedule
  .command('list')
  .description('Each site\'s schedule, where it comes from (override, config, default), its next crawl and whether it is registered')
  .action(async () => (await import('./cli/schedule.js')).scheduleList());

schedule
  .command('set <site> <cron>')
  .description('Crawl a site on this cron pattern, e.g. "30 3 * * *" (kept in the database; applied now when Redis answers)')
  .option('--tz <zone>', 'time zone of the pattern (default ZICHT_SCHEDULE_TZ)')
  .action(async (site: string, cron: string, opts: { tz?: string }) => (await import('./cli/schedule.js')).scheduleSet(site, cron, opts));

schedule
  .command('remove <site>')
  .description('No scheduled crawls for a site (until set or reset)')
  .action(async (site: string) => (await import('./cli/schedule.js')).scheduleRemove(site));

schedule
  .command('reset <site>')
  .description('Drop the override: the site config\'s schedule, or the default nightly slot, applies again')
  .action(async (site: string) => (await import('./cli/schedule.js')).scheduleReset(site));

program
  .command('serve')
  .description('The review web app only (no crawling): coordinators, analysts and admins log in here')
  .option('--port <port>', 'port (default ZICHT_WEB_PORT, 8080)', int(0, 65535))
  .option('--host <address>', 'address to bind (default ZICHT_WEB_HOST, 127.0.0.1)')
  .action(async (opts: { port?: number; host?: string }) => (await import('./cli/serve.js')).serve(opts));

const users = program.command('users').description('Accounts of the web app: add, list, disable, set a password');

users
  .command('add <username>')
  .description('Add an account; asks for its password (or reads it with --password-stdin, or from ZICHT_NEW_PASSWORD)')
  .addOption(new Option('--role <role>', 'admin (accounts, audit log, every district), coordinator (one district) or analyst (aggregates only)').choices(['admin', 'coordinator', 'analyst']).makeOptionMandatory())
  .option('--district <name>', 'the coordinator\'s district: "Noord-Holland Noord", "Zaanstreek-Waterland" or "Kennemerland"')
  .option('--password-stdin', 'read the password from the first line of stdin')
  .action(async (username: string, opts: { role: 'admin' | 'coordinator' | 'analyst'; district?: string; passwordStdin?: boolean }) =>
    (await import('./cli/users.js')).usersAdd(username, opts),
  );

users
  .command('list')
  .description('Every account with role, district, status and last login')
  .option('--json', 'JSON instead of a table')
  .action(async (opts: { json?: boolean }) => (await import('./cli/users.js')).usersList(opts));

users
  .command('disable <username>')
  .description('Disable an account: it cannot log in any more and its open sessions end at once')
  .action(async (username: string) => (await import('./cli/users.js')).usersDisable(username));

users
  .command('password <username>')
  .description('Set a new password (prompt, --password-stdin or ZICHT_NEW_PASSWORD); the account\'s sessions end')
  .option('--password-stdin', 'read the password from the first line of stdin')
  .action(async (username: string, opts: { passwordStdin?: boolean }) => (await import('./cli/users.js')).usersPassword(username, opts));

const model = program
  .command('model')
  .description('The text model learned from review outcomes (one more, clearly labelled risk signal; off until trained)');

model
  .command('train')
  .description('Train on the reviewed ads\' current decisions, cross-validate, store; refuses (exit 3) below the label minimum, exit 4 when not good enough to activate')
  .option('--min-labels <n>', 'fewest labelled reviewed ads to train on (default: model.minLabels in config/indicators.json)', int(10, 10_000_000))
  .option('--dry-run', 'train and print the cross-validation report; store nothing')
  .option('--json', 'print the report as JSON')
  .action(async (opts: { minLabels?: number; dryRun?: boolean; json?: boolean }) => (await import('./cli/model.js')).modelTrain(opts));

model
  .command('report')
  .description('How often reviews confirmed each indicator, and the active text model\'s cross-validation report')
  .option('--json', 'JSON instead of tables')
  .action(async (opts: { json?: boolean }) => (await import('./cli/model.js')).modelReport(opts));

program
  .command('migrate')
  .description('Bring the database schema up to date and exit')
  .action(async () => (await import('./cli/runs.js')).migrateCommand());

const exportCommand = program
  .command('export')
  .description('Analysts\' exports: aggregate counts only, counts below 5 suppressed, no personal data (docs/data-dictionary.md)');

exportCommand
  .command('trends')
  .description('Ads seen, new and gone and distinct phone numbers, per week, municipality, district, licence status, indicator or site')
  .requiredOption('--from <yyyy-mm-dd>', 'first day (Europe/Amsterdam), inclusive')
  .requiredOption('--to <yyyy-mm-dd>', 'last day, inclusive')
  .option('--by <dimensions>', 'comma-separated: week,municipality,district,licence,indicator,site', 'week')
  .option('--format <format>', 'csv, json or xlsx', 'csv')
  .option('--out <file>', 'write to this file (default stdout)')
  .action(async (opts: { from: string; to: string; by: string; format: string; out?: string }) =>
    (await import('./cli/export.js')).exportTrendsCommand(opts),
  );

exportCommand
  .command('movements')
  .description('Phone numbers (keyed hash, never shown) seen in one municipality one week and in another the next')
  .requiredOption('--from <yyyy-mm-dd>', 'first day (Europe/Amsterdam), inclusive')
  .requiredOption('--to <yyyy-mm-dd>', 'last day, inclusive')
  .option('--level <level>', 'municipality or district', 'municipality')
  .option('--by-week', 'one row per arrival week instead of one for the whole period')
  .option('--format <format>', 'csv, json or xlsx', 'csv')
  .option('--out <file>', 'write to this file (default stdout)')
  .action(async (opts: { from: string; to: string; level: string; byWeek?: boolean; format: string; out?: string }) =>
    (await import('./cli/export.js')).exportMovementsCommand(opts),
  );

program
  .command('purge')
  .description('Delete what the retention policy (ZICHT_RETENTION_FILE) no longer allows keeping, and audit the counts')
  .option('--dry-run', 'only count what would go; change nothing')
  .option('--json', 'print the report as JSON')
  .action(async (opts: { dryRun?: boolean; json?: boolean }) => (await import('./cli/purge.js')).purgeCommand(opts));

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
