import type { Db } from './db.js';

/** A schedule set by hand for one site; `pattern` null means the site is not crawled on a schedule. */
export interface ScheduleOverride {
  site: string;
  pattern: string | null;
  tz: string;
  updatedAt: Date;
}

/** Every site's schedule override, by site. */
export async function listScheduleOverrides(db: Db): Promise<Map<string, ScheduleOverride>> {
  const { rows } = await db.query<{ site: string; pattern: string | null; tz: string; updated_at: Date }>(
    'SELECT site, pattern, tz, updated_at FROM site_schedules ORDER BY site',
  );
  return new Map(rows.map((row) => [row.site, { site: row.site, pattern: row.pattern, tz: row.tz, updatedAt: row.updated_at }]));
}

/** Sets (or replaces) a site's override; a null pattern turns its schedule off. */
export async function saveScheduleOverride(db: Db, override: { site: string; pattern: string | null; tz: string }): Promise<void> {
  await db.query(
    `INSERT INTO site_schedules (site, pattern, tz) VALUES ($1, $2, $3)
     ON CONFLICT (site) DO UPDATE SET pattern = excluded.pattern, tz = excluded.tz, updated_at = now()`,
    [override.site, override.pattern, override.tz],
  );
}

/** Drops a site's override, so its site config or the default applies again. True when there was one. */
export async function deleteScheduleOverride(db: Db, site: string): Promise<boolean> {
  const { rows } = await db.query('DELETE FROM site_schedules WHERE site = $1 RETURNING site', [site]);
  return rows.length > 0;
}
