import { calendarDate, permitKey, validityOn } from '../classifier/licence/index.js';
import type { RegisteredPermit } from '../domain/licence.js';
import { loadGazetteer, municipalityByName } from '../extract/index.js';
import type { Logger } from '../log.js';
import { enqueueReassessment, openQueues, pingRedis } from '../queue/index.js';
import { formatRegisterError, loadRegisterFile, RegisterFileError, type LoadedRegister } from '../register/index.js';
import { importRegisterVersion, listLiveAdIds, listRegisterVersions, loadCurrentRegister, type Db, type RegisterVersion } from '../store/index.js';
import type { Settings } from '../config/settings.js';
import { loggerFor, openMigratedDb, settingsOrExit } from './context.js';

/** Exit codes of `zicht register import`. */
export const EXIT = { invalidRows: 1, unreadable: 2, notReassessed: 3 } as const;

export interface RegisterImportOptions {
  municipality?: string | undefined;
  columns?: string | undefined;
  /** Enqueue re-assessment of the live ads (default true). */
  reassess?: boolean | undefined;
}

/** Stores a validated register file as a new register version. */
export function storeRegister(db: Db, loaded: LoadedRegister): Promise<RegisterVersion> {
  return importRegisterVersion(db, {
    sourceFile: loaded.fileName,
    sha256: loaded.sha256,
    explicitScope: loaded.explicitScope,
    municipalities: loaded.scope.map((m) => ({ code: m.code, name: m.name })),
    permits: loaded.permits.map((p) => ({ ...p, key: permitKey(p.number) })),
  });
}

/** `zicht register import FILE`: validate every row, store all or nothing, re-assess the live ads. */
export async function registerImport(file: string, options: RegisterImportOptions): Promise<void> {
  const settings = settingsOrExit();
  const log = loggerFor(settings);
  let loaded: LoadedRegister;
  try {
    loaded = await loadRegisterFile(file, { gazetteer: loadGazetteer(), municipality: options.municipality, columnsFile: options.columns });
  } catch (error) {
    if (!(error instanceof RegisterFileError)) throw error;
    console.error(`${file}: ${error.message}`);
    process.exitCode = EXIT.unreadable;
    return;
  }
  if (loaded.errors.length > 0) {
    console.error(`${file}: ${loaded.errors.length} error(s); nothing imported.`);
    for (const error of loaded.errors) console.error(`  ${formatRegisterError(error)}`);
    process.exitCode = EXIT.invalidRows;
    return;
  }
  const db = await openMigratedDb(settings, log);
  try {
    const version = await storeRegister(db, loaded);
    console.log(describeImport(version, loaded));
    if (options.reassess ?? true) await reassess(settings, db, version.id, log);
  } finally {
    await db.close();
  }
}

function describeImport(version: RegisterVersion, loaded: LoadedRegister): string {
  const format = loaded.table.format === 'csv' ? `CSV, ${loaded.table.encoding}, delimiter "${loaded.table.delimiter}"` : `XLSX, sheet "${loaded.table.sheet}"`;
  const lines = [
    `register version ${version.id}: ${version.rowCount} permit(s) from ${version.sourceFile} (${format})`,
    `replaces the permits of: ${version.municipalities.map((m) => `${m.name} (${m.code})`).join(', ') || '(none)'}`,
  ];
  if (loaded.ignoredColumns.length > 0) lines.push(`ignored columns: ${loaded.ignoredColumns.join(', ')}`);
  return lines.join('\n');
}

/** Enqueues `reassess-licence` jobs for every live ad; warns (exit 3) when Redis is away. */
async function reassess(settings: Settings, db: Db, versionId: string, log: Logger): Promise<void> {
  if (!(await pingRedis(settings.redisUrl))) {
    console.error(`no Redis at ${settings.redisUrl}: ads not re-assessed yet; run \`zicht register reassess\` once it is up.`);
    process.exitCode = EXIT.notReassessed;
    return;
  }
  const queues = openQueues(settings.redisUrl, settings.queuePrefix);
  try {
    const { jobs, ads } = await enqueueReassessment(queues.ads, versionId, await listLiveAdIds(db));
    log.info({ versionId, jobs, ads }, 'licence re-assessment enqueued');
    console.log(`re-assessment of ${ads} live ad(s) enqueued (${jobs} job(s)); workers pick them up`);
  } finally {
    await queues.close();
  }
}

/** `zicht register reassess`: enqueue the re-assessment for the current register again (idempotent). */
export async function registerReassess(): Promise<void> {
  const settings = settingsOrExit();
  const log = loggerFor(settings);
  const db = await openMigratedDb(settings, log);
  try {
    const [latest] = await listRegisterVersions(db, 1);
    if (!latest) console.log('no register imported yet');
    else await reassess(settings, db, latest.id, log);
  } finally {
    await db.close();
  }
}

export interface RegisterListOptions {
  municipality?: string | undefined;
  date?: string | undefined;
  json?: boolean | undefined;
}

/** `zicht register list`: the current register's permits with their validity on a date (default today). */
export async function registerList(options: RegisterListOptions): Promise<void> {
  const settings = settingsOrExit();
  const db = await openMigratedDb(settings, loggerFor(settings));
  try {
    const date = calendarDate(options.date ?? new Date());
    const { versionId, permits } = await loadCurrentRegister(db);
    const codes = options.municipality ? municipalityByName(options.municipality, loadGazetteer()).map((m) => m.code) : null;
    const shown = permits.filter((p) => !codes || codes.includes(p.municipalityCode));
    if (options.json) console.log(JSON.stringify(shown.map((p) => ({ ...p, validity: validityOn(p, date) })), null, 2));
    else console.log(permitTable(shown, date, versionId));
  } finally {
    await db.close();
  }
}

const VALIDITY_LABEL = { valid: 'geldig', expired: 'verlopen', not_yet_valid: 'nog niet geldig' } as const;

function permitTable(permits: readonly RegisteredPermit[], date: string, versionId: string | null): string {
  if (permits.length === 0) return versionId ? 'no permits in the current register' : 'no register imported yet (zicht register import FILE)';
  const header = ['vergunningnummer', 'soort', 'naam', 'gemeente', 'geldig_van', 'geldig_tot', `op ${date}`, 'versie'];
  const rows = permits.map((p) => [p.number, p.kind, p.name, p.municipalityName, p.validFrom, p.validTo ?? '-', VALIDITY_LABEL[validityOn(p, date)], p.versionId ?? '']);
  const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => c.slice(0, widths[i]).padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** `zicht register versions`: the imports, newest first. */
export async function registerVersions(options: { limit: number }): Promise<void> {
  const settings = settingsOrExit();
  const db = await openMigratedDb(settings, loggerFor(settings));
  try {
    const versions = await listRegisterVersions(db, options.limit);
    if (versions.length === 0) console.log('no register imported yet');
    for (const v of versions) {
      const scope = v.municipalities.map((m) => m.name).join(', ');
      console.log(`${v.id}  ${v.importedAt.toISOString()}  ${v.sourceFile}  ${v.rowCount} permit(s)  ${v.explicitScope ? 'for' : 'covering'} ${scope}  sha256 ${v.sha256.slice(0, 12)}`);
    }
  } finally {
    await db.close();
  }
}
