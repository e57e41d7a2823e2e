import type { Db } from './db.js';

/** A stored snapshot of the boilerplate guard's statistics (table risk_shingle_stats). */
export interface ShingleSnapshot {
  id: string;
  ads: number;
  bits: number;
  boilerplate: number[];
}

/** The id of the newest snapshot, or null before the first: one cheap query per batch. */
export async function currentShingleSnapshotId(db: Db): Promise<string | null> {
  const { rows } = await db.query<{ id: string | null }>('SELECT max(id)::text AS id FROM risk_shingle_stats');
  return rows[0]?.id ?? null;
}

export async function loadShingleSnapshot(db: Db, id: string): Promise<ShingleSnapshot> {
  const { rows } = await db.query<{ id: string; ads: number; bits: number; boilerplate: number[] }>(
    'SELECT id::text AS id, ads, bits, boilerplate FROM risk_shingle_stats WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error(`no shingle statistics snapshot ${id}`);
  return row;
}

/** Stores a new snapshot; the risk step signs texts with it from then on. */
export async function saveShingleSnapshot(db: Db, snapshot: Omit<ShingleSnapshot, 'id'>): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO risk_shingle_stats (ads, bits, boilerplate) VALUES ($1, $2, $3) RETURNING id::text AS id',
    [snapshot.ads, snapshot.bits, snapshot.boilerplate],
  );
  return rows[0]!.id;
}

/**
 * Counts `newAds` first-time-indexed ads against the newest snapshot and returns how many ads the
 * index holds by that count (snapshot ads + ads indexed since) and how many the snapshot was
 * counted over. Before any snapshot, counts the index itself (small by then: the first rebuild is
 * due at `stockShingleMinAds`). Call under `lockRiskIndex`.
 */
export async function noteIndexedAds(tx: Db, newAds: number): Promise<{ indexed: number; statsAds: number }> {
  const { rows } = await tx.query<{ ads: number; indexed_since: number }>(
    `UPDATE risk_shingle_stats SET indexed_since = indexed_since + $1
     WHERE id = (SELECT max(id) FROM risk_shingle_stats) RETURNING ads, indexed_since`,
    [newAds],
  );
  const row = rows[0];
  if (row) return { indexed: row.ads + row.indexed_since, statsAds: row.ads };
  const counted = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM risk_records');
  return { indexed: counted.rows[0]?.n ?? 0, statsAds: 0 };
}

/** One page of stored ads with their current text, in id order after `afterId`: for counting shingles. */
export async function pageAdTexts(db: Db, afterId: string, limit: number): Promise<Array<{ id: string; title: string | null; text: string }>> {
  const { rows } = await db.query<{ id: string; title: string | null; body: string }>(
    `SELECT a.id::text AS id, v.title, v.body FROM ads a JOIN ad_versions v ON v.id = a.current_version_id
     WHERE a.id > $1::bigint ORDER BY a.id LIMIT $2`,
    [afterId, limit],
  );
  return rows.map((r) => ({ id: r.id, title: r.title, text: r.body }));
}
