import type pg from 'pg';
import type { Db } from './db.js';

type Rows<R> = { rows: R[] };

/** pg returns an array of results for a multi-statement simple query: keep the last one. */
function lastResult<R>(result: pg.QueryResult | pg.QueryResult[]): Rows<R> {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return { rows: (last?.rows ?? []) as R[] };
}

async function runQuery<R>(target: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<Rows<R>> {
  const result = params && params.length > 0 ? await target.query(sql, params) : await target.query(sql);
  return lastResult<R>(result as pg.QueryResult | pg.QueryResult[]);
}

/** A transaction on one pooled connection; nested transactions are savepoints. */
function createTxDb(client: pg.PoolClient, depth: number): Db {
  return {
    query: (sql, params) => runQuery(client, sql, params),
    async transaction(fn) {
      const savepoint = `sp_${depth + 1}`;
      await client.query(`SAVEPOINT ${savepoint}`);
      try {
        const result = await fn(createTxDb(client, depth + 1));
        await client.query(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        await client.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw error;
      }
    },
    close: async () => undefined,
  };
}

/**
 * A `Db` over a `pg.Pool`. `ownsPool`: whether `close()` ends the pool (crawlee's rule: close
 * only what you created).
 */
export function createPgDb(pool: pg.Pool, ownsPool: boolean): Db {
  return {
    query: (sql, params) => runQuery(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // pg-pool only listens for errors of idle clients: a checked-out one whose connection
      // drops (Postgres restarted, network cut) would emit an unhandled 'error' and crash the
      // process. The query in flight fails anyway; remember the error so the client is destroyed.
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(createTxDb(client, 0));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A failed ROLLBACK means the connection is unusable: destroy it instead of pooling it.
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async close() {
      if (ownsPool) await pool.end();
    },
  };
}
