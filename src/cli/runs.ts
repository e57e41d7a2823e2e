import { getCrawlRun, listCrawlRuns, listSiteHealth, type CrawlRunStatus, type CrawlRunSummary, type Db, type SiteHealth } from '../store/index.js';
import { loggerFor, openMigratedDb, settingsOrExit } from './context.js';
import { formatTable, formatTime } from './table.js';

export interface RunsOptions {
  site?: string;
  status?: CrawlRunStatus;
  limit: number;
}

/** `zicht runs [RUN_ID]`: the crawl run history with counts and why a run was not `succeeded`; one run with its errors. */
export async function runs(runId: string | undefined, options: RunsOptions): Promise<void> {
  await withDb(async (db) => {
    if (runId !== undefined) return showRun(db, runId);
    const list = await listCrawlRuns(db, { site: options.site, status: options.status, limit: options.limit });
    console.log(list.length === 0 ? 'no crawl runs yet' : formatRuns(list));
  });
}

/** `zicht sites`: each site's health as of its latest closed crawl, the unhealthy ones first. */
export async function sites(): Promise<void> {
  await withDb(async (db) => {
    const health = await listSiteHealth(db);
    console.log(health.length === 0 ? 'no site health yet: no crawl run has closed' : formatHealth(health));
  });
}

/** `zicht migrate`: bring the database schema up to date and exit. */
export async function migrateCommand(): Promise<void> {
  const settings = settingsOrExit();
  const db = await openMigratedDb(settings, loggerFor(settings));
  await db.close();
}

async function withDb(fn: (db: Db) => Promise<void>): Promise<void> {
  const settings = settingsOrExit();
  const db = await openMigratedDb(settings, loggerFor(settings));
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

async function showRun(db: Db, runId: string): Promise<void> {
  const run = await getCrawlRun(db, runId);
  if (!run) {
    console.error(`no crawl run "${runId}"`);
    process.exitCode = 2;
    return;
  }
  console.log(formatRuns([run]));
  if (run.healthReason) console.log(`\n${run.status}: ${run.healthReason}`);
  if (run.usualAds !== null) console.log(`usual ads of ${run.site}: ${run.usualAds}`);
  const more = run.errors - run.errorList.length;
  console.log(`\nerrors: ${run.errors}${more > 0 ? ` (the first ${run.errorList.length} kept)` : ''}`);
  for (const error of run.errorList) console.log(`  ${error.url ?? '-'}  ${error.message}`);
}

function formatRuns(list: CrawlRunSummary[]): string {
  const header = ['started', 'site', 'status', 'pages', 'failed', 'ads', 'new', 'changed', 'unchanged', 'missed', 'gone', 'errors', 'run', 'why'];
  const rows = list.map((r) => [
    formatTime(r.startedAt),
    r.site,
    r.status,
    ...[r.pages, r.pagesFailed, r.adsSeen, r.adsNew, r.adsChanged, r.adsUnchanged, r.adsMissed, r.adsGone, r.errors].map(String),
    r.runId,
    r.healthReason ?? '',
  ]);
  return formatTable(header, rows);
}

function formatHealth(list: SiteHealth[]): string {
  const header = ['site', 'health', 'since', 'runs', 'last run', 'ads', 'usual', 'why'];
  const rows = list.map((h) => [
    h.site,
    h.status,
    formatTime(h.since),
    String(h.runsInStatus),
    formatTime(h.lastRunStartedAt),
    String(h.adsSeen),
    h.usualAds === null ? '-' : String(h.usualAds),
    h.reason ?? '',
  ]);
  return formatTable(header, rows);
}
