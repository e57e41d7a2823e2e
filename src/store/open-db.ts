import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import type { Logger } from '../log.js';
import { sqlStateOf, type Db } from './db.js';
import { createPgDb } from './pg-db.js';
import { createPGliteDb } from './pglite-db.js';

export interface OpenDbOptions {
  /** PostgreSQL URL. Unset: the embedded PGlite database in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite data directory (created if missing). Default `./.zicht/pglite`. */
  dataDir?: string | undefined;
  /** search_path to use, created if missing: one schema per test file. */
  schema?: string | undefined;
  /** Where an idle pooled connection's failure is reported (pg would otherwise crash the process). */
  log?: Pick<Logger, 'warn'> | undefined;
}

export const DEFAULT_PGLITE_DIR = './.zicht/pglite';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Opens the database: a `pg.Pool` (10 connections) when `databaseUrl` is given, otherwise
 * PGlite in `dataDir`. Run {@link migrate} before use. The caller closes it.
 *
 * @example
 * const db = await openDb({ databaseUrl: process.env.DATABASE_URL });
 * await migrate(db);
 */
export async function openDb(options: OpenDbOptions = {}): Promise<Db> {
  if (options.schema !== undefined && !IDENTIFIER.test(options.schema)) {
    throw new Error(`invalid schema name "${options.schema}": letters, digits and _ only`);
  }
  const db = options.databaseUrl ? openPg(options.databaseUrl, options) : await openPGlite(options);
  if (options.schema) {
    try {
      await createSchema(db, options.schema);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

function openPg(connectionString: string, options: OpenDbOptions): Db {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    application_name: 'zicht',
    // An unreachable server (network cut, failover) fails a connect, or the wait for a pooled
    // connection, after 30 s, so the job retries with backoff instead of hanging; TCP keepalives
    // (from 10 s idle) notice dead peers.
    connectionTimeoutMillis: 30_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on('error', (error) => options.log?.warn({ err: error.message }, 'idle database connection failed'));
  return createPgDb(pool, true);
}

async function openPGlite(options: OpenDbOptions): Promise<Db> {
  const dataDir = options.dataDir ?? DEFAULT_PGLITE_DIR;
  await mkdir(dataDir, { recursive: true });
  // Loaded lazily: the WASM build costs ~500 MB and is not needed with a server.
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  const db = createPGliteDb(pglite, true);
  // One connection, so a session-level search_path holds for every later query.
  if (options.schema) await db.query(`SET search_path TO "${options.schema}"`);
  return db;
}

async function createSchema(db: Db, schema: string): Promise<void> {
  try {
    await db.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    // Two processes creating it at the same moment: the loser sees a duplicate, which is fine.
    if (!['23505', '42P06'].includes(sqlStateOf(error) ?? '')) throw error;
  }
}
