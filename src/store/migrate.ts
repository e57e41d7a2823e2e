import { readdir, readFile } from 'node:fs/promises';
import type { Db } from './db.js';

/** Shipped next to this module; read at run time (a build must copy the .sql files along). */
const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const MIGRATION_FILE = /^(\d{3}-[a-z0-9-]+)\.sql$/;

export interface MigrateOptions {
  /** Directory of `NNN-name.sql` files; default the store's own migrations. */
  dir?: URL | undefined;
}

interface Migration {
  name: string;
  file: URL;
}

async function listMigrations(dir: URL): Promise<Migration[]> {
  const names = (await readdir(dir)).flatMap((file) => {
    const match = MIGRATION_FILE.exec(file);
    return match?.[1] ? [match[1]] : [];
  });
  return names.sort().map((name) => ({ name, file: new URL(`${name}.sql`, dir) }));
}

/**
 * Brings the schema (the connection's search_path) up to date and returns the migrations it
 * applied, in order. Safe when several processes start at once: everything runs in one
 * transaction that first takes a transaction-level advisory lock for this schema, so the
 * others wait, then find the work done. A failing migration rolls back all of this call.
 */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const migrations = await listMigrations(options.dir ?? MIGRATIONS_DIR);
  return db.transaction(async (tx) => {
    // Keyed per schema, so test files migrating their own schemas do not queue behind each other.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('zicht.migrate'), hashtext(current_schema()))`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ name: string }>('SELECT name FROM schema_migrations');
    const done = new Set(rows.map((row) => row.name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await tx.query(await readFile(migration.file, 'utf8'));
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [migration.name]);
      applied.push(migration.name);
    }
    return { applied };
  });
}
