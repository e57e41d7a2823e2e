import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/** An IANA time zone the runtime knows (Intl throws a RangeError on any other). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every setting, described once: its environment variable, type and default.
 * Precedence: command-line flags > environment > config file (`ZICHT_CONFIG`, default
 * `config/zicht.json` when present) > defaults. The result is frozen.
 */
const SETTINGS = {
  databaseUrl: { env: 'DATABASE_URL', schema: z.string().url().optional(), doc: 'PostgreSQL URL; unset = embedded PGlite in dataDir' },
  dataDir: { env: 'ZICHT_DATA_DIR', schema: z.string().min(1).default('.zicht'), doc: 'Local state (PGlite database)' },
  redisUrl: { env: 'REDIS_URL', schema: z.string().url().default('redis://127.0.0.1:6379'), doc: 'Redis for the job queues' },
  startRedis: { env: 'ZICHT_START_REDIS', schema: z.enum(['auto', 'never']).default('auto'), doc: 'Start a local redis-server when none answers' },
  queuePrefix: { env: 'ZICHT_QUEUE_PREFIX', schema: z.string().regex(/^[\w.-]+$/).default('zicht'), doc: 'Redis key prefix of the queues' },
  sitesDir: { env: 'ZICHT_SITES_DIR', schema: z.string().min(1).default('config/sites'), doc: 'Directory of site configs (*.json)' },
  chromiumPath: { env: 'CHROMIUM_PATH', schema: z.string().min(1).default('/usr/bin/chromium'), doc: 'Browser for script-rendered sites' },
  logLevel: { env: 'LOG_LEVEL', schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), doc: 'Log level (JSON logs on stderr)' },
  adsBatchSize: { env: 'ZICHT_ADS_BATCH_SIZE', schema: z.coerce.number().int().min(1).max(500).default(100), doc: 'Scraped ads per ads-queue job (fewer transactions per ad)' },
  adsConcurrency: { env: 'ZICHT_ADS_CONCURRENCY', schema: z.coerce.number().int().min(1).max(64).default(4), doc: 'Parallel ads jobs per worker process' },
  crawlConcurrency: { env: 'ZICHT_CRAWL_CONCURRENCY', schema: z.coerce.number().int().min(1).max(16).default(2), doc: 'Parallel site crawls per worker process' },
  lockDurationMs: { env: 'ZICHT_LOCK_DURATION_MS', schema: z.coerce.number().int().min(1_000).default(30_000), doc: 'Job lock lifetime; a killed worker\'s job is retried after it' },
  stalledIntervalMs: { env: 'ZICHT_STALLED_INTERVAL_MS', schema: z.coerce.number().int().min(500).default(30_000), doc: 'How often jobs of killed workers are looked for' },
  finalizeTimeoutMs: { env: 'ZICHT_FINALIZE_TIMEOUT_MS', schema: z.coerce.number().int().min(1_000).default(3_600_000), doc: 'How long a crawl run waits for its ads batches (lost ones: Redis restarted without persistence) before it closes as incomplete' },
  demoAds: { env: 'ZICHT_DEMO_ADS', schema: z.coerce.number().int().min(10).max(100_000).default(300), doc: 'Size of the built-in demo sites' },
  demoSeed: { env: 'ZICHT_DEMO_SEED', schema: z.coerce.number().int().default(1), doc: 'Seed of the built-in demo sites' },
  demoDay: { env: 'ZICHT_DEMO_DAY', schema: z.coerce.number().int().min(0).default(0), doc: 'Day of the built-in demo sites' },
  exportKey: { env: 'ZICHT_EXPORT_KEY', schema: z.string().min(32).optional(), doc: 'Secret (32+ chars, environment only) of the keyed phone hash in analytics; unset: a random key per export' },
  retentionFile: { env: 'ZICHT_RETENTION_FILE', schema: z.string().min(1).default('config/retention.json'), doc: 'Retention policy (JSON); a missing file means the documented defaults' },
  purgeCron: { env: 'ZICHT_PURGE_CRON', schema: z.string().regex(/^(\S+\s+){4,5}\S+$/, 'a cron pattern of 5 or 6 fields').default('45 5 * * *'), doc: 'When the retention purge runs (cron, in ZICHT_SCHEDULE_TZ)' },
  metricsPort: { env: 'ZICHT_METRICS_PORT', schema: z.coerce.number().int().min(0).max(65535).optional(), doc: 'Serve /metrics from start and worker processes on this port (unset: off)' },
  metricsHost: { env: 'ZICHT_METRICS_HOST', schema: z.string().min(1).default('127.0.0.1'), doc: 'Address the metrics listener binds to' },
  metricsToken: { env: 'ZICHT_METRICS_TOKEN', schema: z.string().min(16).optional(), doc: 'Bearer token for /metrics from other hosts (unset: loopback clients only)' },
  goneAfterRuns: { env: 'ZICHT_GONE_AFTER_RUNS', schema: z.coerce.number().int().min(1).max(365).default(2), doc: 'Successful crawls in a row an ad must be missing from before it counts as gone' },
  healthMinShare: { env: 'ZICHT_HEALTH_MIN_SHARE', schema: z.coerce.number().min(0).max(1).default(0.5), doc: 'A crawl with fewer ads than this share of the site\'s usual count is suspect (site possibly broken)' },
  healthHistoryRuns: { env: 'ZICHT_HEALTH_HISTORY_RUNS', schema: z.coerce.number().int().min(1).max(100).default(7), doc: 'Succeeded crawls whose median ad count is a site\'s usual count' },
  scheduleTz: { env: 'ZICHT_SCHEDULE_TZ', schema: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Amsterdam').default('Europe/Amsterdam'), doc: 'Time zone of the crawl schedules\' cron patterns' },
  webPort: { env: 'ZICHT_WEB_PORT', schema: z.coerce.number().int().min(0).max(65535).default(8080), doc: 'Port of the review web app (zicht serve, zicht start)' },
  webHost: { env: 'ZICHT_WEB_HOST', schema: z.string().min(1).default('127.0.0.1'), doc: 'Address the web app binds to (0.0.0.0: every interface; put TLS in front)' },
  webTrustProxy: { env: 'ZICHT_WEB_TRUST_PROXY', schema: z.union([z.boolean(), z.stringbool()]).default(false), doc: 'Behind a TLS-terminating reverse proxy: trust its X-Forwarded-For/-Proto (client IP, https)' },
  sessionIdleMinutes: { env: 'ZICHT_SESSION_IDLE_MINUTES', schema: z.coerce.number().int().min(1).max(24 * 60).default(30), doc: 'A web session unused this long ends' },
  sessionMaxHours: { env: 'ZICHT_SESSION_MAX_HOURS', schema: z.coerce.number().min(0.1).max(7 * 24).default(10), doc: 'A web session ends this long after login, however active' },
  sessionSecureCookie: { env: 'ZICHT_SESSION_SECURE', schema: z.enum(['auto', 'always']).default('auto'), doc: 'Session cookie Secure flag: auto (when the request came over https) or always' },
} as const;

type Table = typeof SETTINGS;
export type Settings = Readonly<{ [K in keyof Table]: z.output<Table[K]['schema']> }>;
export type SettingsOverrides = Partial<{ [K in keyof Table]: unknown }>;

/** Thrown with every problem at once, so a user fixes the configuration in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function readConfigFile(env: NodeJS.ProcessEnv, problems: string[]): Record<string, unknown> {
  const path = env.ZICHT_CONFIG ?? 'config/zicht.json';
  if (!existsSync(path)) {
    if (env.ZICHT_CONFIG) problems.push(`ZICHT_CONFIG: file not found: ${resolve(path)}`);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    problems.push(`${path}: must be a JSON object`);
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
  }
  return {};
}

/** Resolves the settings; throws a ConfigError listing every invalid value. */
export function loadSettings(overrides: SettingsOverrides = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const problems: string[] = [];
  const file = readConfigFile(env, problems);
  for (const key of Object.keys(file)) {
    if (!(key in SETTINGS)) problems.push(`config file: unknown setting "${key}"`);
  }
  const result: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(SETTINGS)) {
    const fromEnv = env[setting.env] === '' ? undefined : env[setting.env];
    const raw = overrides[key as keyof Table] ?? fromEnv ?? file[key];
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) result[key] = parsed.data;
    else problems.push(`${key} (${setting.env}=${JSON.stringify(raw)}): ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(result) as Settings;
}

/** Rows for the README and `--help`: variable, default, meaning. */
export function describeSettings(): Array<{ key: string; env: string; doc: string }> {
  return Object.entries(SETTINGS).map(([key, s]) => ({ key, env: s.env, doc: s.doc }));
}
