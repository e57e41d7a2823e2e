import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * How long each kind of data is kept (DOMAIN.md, "Privacy and security": retention by
 * configuration, enforced by a scheduled purge). Read from config/retention.json (or the file
 * in ZICHT_RETENTION_FILE); every value is documented in docs/retention.md and the README.
 */
export const RetentionPolicySchema = z
  .object({
    $comment: z.string().optional(),
    /** Ads nobody would review (no risk signal, or outside the three districts), after last seen. */
    unflaggedAdsMonths: z.number().int().min(1).max(120).default(6),
    /** In-region ads with a risk or compliance signal that no coordinator reviewed, after last seen. */
    flaggedUnreviewedMonths: z.number().int().min(1).max(120).default(12),
    /** Reviewed ads (a coordinator recorded a decision), after the later of last seen and the last decision. */
    reviewedYears: z.number().int().min(1).max(30).default(5),
    /** A municipality's own term for its reviewed cases (CBS code → years), overriding `reviewedYears`. */
    reviewedYearsByMunicipality: z.record(z.string().regex(/^GM\d{4}$/, 'expected a CBS code like GM0392'), z.number().int().min(1).max(30)).default({}),
    /** The audit log, after the entry was written. Keep it at least as long as reviewed cases. */
    auditLogYears: z.number().int().min(1).max(30).default(5),
    /** Web sessions, after they expired (0: as soon as they expired). */
    expiredSessionsDays: z.number().int().min(0).max(365).default(0),
    /** Failed-login counters (they hold usernames and IP addresses), after their window started. */
    loginThrottleDays: z.number().int().min(1).max(365).default(1),
    /** Crawl runs (their error lists name ad URLs) once none of their sightings is left, after they finished. */
    crawlRunsMonths: z.number().int().min(1).max(120).default(13),
  })
  .strict();

export type RetentionPolicy = z.output<typeof RetentionPolicySchema>;

/** The policy when no file is given: the defaults above. */
export const DEFAULT_RETENTION: RetentionPolicy = RetentionPolicySchema.parse({});

/** The moments before which each kind of data goes. */
export interface PurgeCutoffs {
  unflaggedAds: Date;
  flaggedUnreviewedAds: Date;
  reviewedAds: Date;
  /** CBS code → cutoff, for municipalities with their own term. */
  reviewedAdsByMunicipality: Record<string, Date>;
  auditLog: Date;
  sessions: Date;
  loginThrottle: Date;
  crawlRuns: Date;
}

/** Reads and validates a retention file; a missing file means the defaults. Throws listing every problem. */
export function loadRetentionPolicy(path: string): RetentionPolicy {
  if (!existsSync(path)) return DEFAULT_RETENTION;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = RetentionPolicySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`);
  throw new Error(`${path}: invalid retention policy:\n${problems.join('\n')}`);
}

/** The cutoffs of a policy at `now`. Pure. Months and years are calendar ones (UTC). */
export function retentionCutoffs(policy: RetentionPolicy, now: Date): PurgeCutoffs {
  return {
    unflaggedAds: monthsBefore(now, policy.unflaggedAdsMonths),
    flaggedUnreviewedAds: monthsBefore(now, policy.flaggedUnreviewedMonths),
    reviewedAds: monthsBefore(now, policy.reviewedYears * 12),
    reviewedAdsByMunicipality: Object.fromEntries(
      Object.entries(policy.reviewedYearsByMunicipality).map(([code, years]) => [code, monthsBefore(now, years * 12)]),
    ),
    auditLog: monthsBefore(now, policy.auditLogYears * 12),
    sessions: daysBefore(now, policy.expiredSessionsDays),
    loginThrottle: daysBefore(now, policy.loginThrottleDays),
    crawlRuns: monthsBefore(now, policy.crawlRunsMonths),
  };
}

/** `now` minus whole months; the 31st of a shorter month falls back to its last day. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}
