import { userInfo } from 'node:os';
import { loadRetentionPolicy, purgeExpired, retentionCutoffs, type PurgeReport } from '../store/index.js';
import { loggerFor, openMigratedDb, settingsOrExit } from './context.js';

export interface PurgeCommandOptions {
  dryRun?: boolean | undefined;
  json?: boolean | undefined;
}

/**
 * `zicht purge [--dry-run]`: enforce the retention policy now (the nightly job does the same).
 * An invalid policy file prints every problem and exits 2, removing nothing.
 */
export async function purgeCommand(options: PurgeCommandOptions): Promise<void> {
  const settings = settingsOrExit();
  let policy;
  try {
    policy = loadRetentionPolicy(settings.retentionFile);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const db = await openMigratedDb(settings, loggerFor(settings));
  try {
    const cutoffs = retentionCutoffs(policy, new Date());
    const report = await purgeExpired(db, cutoffs, { dryRun: Boolean(options.dryRun), actor: `cli:${userInfo().username}` });
    console.log(options.json ? JSON.stringify(report, null, 2) : formatPurgeReport(report, settings.retentionFile));
  } finally {
    await db.close();
  }
}

/** A table a person reads: per category, what (would) go and from before when. */
export function formatPurgeReport(report: PurgeReport, policyFile: string): string {
  const c = report.cutoffs;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const lines: Array<[string, number, string]> = [
    ['unflagged ads', report.removed.unflagged_ads, `last seen before ${day(c.unflaggedAds)}`],
    ['flagged, unreviewed ads', report.removed.flagged_unreviewed_ads, `last seen before ${day(c.flaggedUnreviewedAds)}`],
    ['reviewed ads', report.removed.reviewed_ads, `last seen and decided before ${day(c.reviewedAds)}${Object.keys(c.reviewedAdsByMunicipality).length > 0 ? ' (or per municipality)' : ''}`],
    ['expired sessions', report.removed.sessions, `expired before ${c.sessions.toISOString()}`],
    ['login counters', report.removed.login_throttle, `started before ${c.loginThrottle.toISOString()}`],
    ['crawl runs', report.removed.crawl_runs, `finished before ${day(c.crawlRuns)}, no sightings left`],
    ['audit entries', report.removed.audit_log, `written before ${day(c.auditLog)}`],
  ];
  const verb = report.dryRun ? 'would remove (dry run, nothing changed)' : 'removed';
  const width = Math.max(...lines.map(([label]) => label.length));
  return [
    `Retention purge (${policyFile}): ${verb}`,
    ...lines.map(([label, n, rule]) => `  ${label.padEnd(width)}  ${String(n).padStart(7)}  ${rule}`),
    `  with the ads: ${report.cascade.ad_versions} versions, ${report.cascade.sightings} sightings, ${report.cascade.review_decisions} review decisions`,
  ].join('\n');
}
