import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Db } from './db.js';

type Queryable = Pick<Transaction, 'query' | 'exec'>;

/**
 * Like pg: with parameters one statement over the extended protocol, without them the simple
 * protocol (`exec`), which allows several statements and returns the last one's rows.
 */
async function runQuery<R>(target: Queryable, sql: string, params?: unknown[]): Promise<{ rows: R[] }> {
  if (params && params.length > 0) {
    const result = await target.query<R>(sql, params);
    return { rows: result.rows };
  }
  const results = await target.exec(sql);
  return { rows: (results[results.length - 1]?.rows ?? []) as R[] };
}

function createTxDb(tx: Transaction, depth: number): Db {
  return {
    query: (sql, params) => runQuery(tx, sql, params),
    async transaction(fn) {
      const savepoint = `sp_${depth + 1}`;
      await tx.query(`SAVEPOINT ${savepoint}`);
      try {
        const result = await fn(createTxDb(tx, depth + 1));
        await tx.query(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        await tx.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw error;
      }
    },
    close: async () => undefined,
  };
}

/**
 * A `Db` over one PGlite instance. PGlite is a single connection: its own mutex already runs
 * transactions and top-level queries one at a time, so a query issued while a transaction is
 * open simply waits for it (never call the outer `db` from inside `transaction`).
 */
export function createPGliteDb(pglite: PGlite, ownsInstance: boolean): Db {
  return {
    query: (sql, params) => runQuery(pglite, sql, params),
    transaction: (fn) => pglite.transaction((tx) => fn(createTxDb(tx, 0))),
    async close() {
      if (ownsInstance && !pglite.closed) await pglite.close();
    },
  };
}
