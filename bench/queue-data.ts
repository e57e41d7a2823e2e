/**
 * A million synthetic ads in a fresh Postgres schema, for timing the work queue (bench/queue.ts)
 * and, later, the queue page over HTTP. Everything is generated inside Postgres with
 * generate_series, with secondary indexes and the ads ↔ versions foreign key dropped during the
 * load and rebuilt after it, so a million ads take about a minute rather than an hour.
 *
 * The mix: 30 % Noord-Holland Noord, 25 % Zaanstreek-Waterland, 35 % Kennemerland, 7 % outside
 * the districts, 3 % without a place; 80 % live; licence statuses as a region without many
 * permits would have them; risk scores skewed low with a few hundred distinct values (noisy-OR of
 * a handful of weights ties a lot); each indicator at its own rate; 30 % of ads in clusters; one
 * phone each, a third of them shared; 3 % reviewed, with a decision row by a bench user.
 *
 * @example
 * const bench = await createQueueBenchDb({ ads: 1_000_000 });
 * try { … listWorkQueue(bench.db, …) … } finally { await bench.cleanup(); }
 */
import { randomUUID } from 'node:crypto';
import { INDICATOR_CODES } from '../src/classifier/risk/indicator.js';
import { DISTRICTS } from '../src/domain/districts.js';
import { REVIEW_DECISIONS } from '../src/domain/review.js';
import { loadGazetteer } from '../src/extract/load-gazetteer.js';
import { migrate, openDb, type Db } from '../src/store/index.js';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Share of ads per district (per 100 slots); the rest are outside the districts or placeless. */
const DISTRICT_SLOTS: Record<(typeof DISTRICTS)[number], number> = { 'Noord-Holland Noord': 30, 'Zaanstreek-Waterland': 25, Kennemerland: 35 };
const OUTSIDE = ['GM0363', 'GM0344', 'GM0599', 'GM0518', 'GM0034', 'GM0307', 'GM0358'];

/** How often each indicator fires, roughly as on the fixture universe. */
const INDICATOR_RATES: Record<string, number> = {
  under_21: 0.06, minor_suspected: 0.002, unprotected: 0.03, always_available: 0.12, hotel_location: 0.05,
  foreign_phone: 0.2, obfuscated_phone: 0.04, new_in_town: 0.15, third_party: 0.02, low_price: 0.05,
  nationality: 0.08, phone_shared: 0.25, multi_city: 0.08, text_duplicate: 0.1, photo_reuse: 0.04,
  invalid_permit: 0.04, unlicensed: 0.6,
};

export interface QueueBenchDb {
  db: Db;
  schema: string;
  ads: number;
  loadSeconds: number;
  /** Drops the schema (unless `keep`) and closes the pool. */
  cleanup(): Promise<void>;
}

/** The 100 place slots ads are spread over: [code, name, district] (null code: no place recognised). */
function placeSlots(): Array<[string | null, string | null, string | null]> {
  const gazetteer = loadGazetteer();
  const all = [...gazetteer.municipalities.values()];
  const slots: Array<[string | null, string | null, string | null]> = [];
  for (const district of DISTRICTS) {
    const list = all.filter((m) => m.district === district).sort((a, b) => a.code.localeCompare(b.code));
    for (let i = 0; i < DISTRICT_SLOTS[district]; i += 1) {
      const m = list[i % list.length]!;
      slots.push([m.code, m.name, district]);
    }
  }
  for (const code of OUTSIDE) slots.push([code, gazetteer.municipalities.get(code)?.name ?? code, null]);
  while (slots.length < 100) slots.push([null, null, null]);
  return slots;
}

/** Indexes of these tables other than primary keys and unique constraints: dropped for the load, rebuilt after. */
async function dropSecondaryIndexes(tx: Db, tables: string[]): Promise<string[]> {
  const { rows } = await tx.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1) AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const row of rows) await tx.query(`DROP INDEX ${row.name}`);
  return rows.map((r) => r.def);
}

/** Loads `count` synthetic ads into an empty, migrated schema (the connection's search_path). */
export async function loadQueueBenchAds(db: Db, count: number): Promise<void> {
  const slots = placeSlots();
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
    await tx.query(`SET LOCAL synchronous_commit = off`);
    await tx.query(`SELECT setseed(0.42)`);
    const indexes = await dropSecondaryIndexes(tx, ['ads', 'ad_versions', 'ad_phones', 'review_decisions']);
    await tx.query(`ALTER TABLE ads DROP CONSTRAINT ads_current_version_fk`);
    await tx.query(`CREATE TEMP TABLE bench_slots (slot int, code text, name text, district text) ON COMMIT DROP`);
    await tx.query(
      `INSERT INTO bench_slots SELECT s.slot, s.code, s.name, s.district
       FROM jsonb_to_recordset($1::jsonb) AS s(slot int, code text, name text, district text)`,
      [JSON.stringify(slots.map(([code, name, district], slot) => ({ slot, code, name, district })))],
    );
    await insertAds(tx, count);
    await insertVersionsAndPhones(tx);
    await insertDecisions(tx);
    await tx.query(`SELECT setval(pg_get_serial_sequence('ads', 'id'), $1)`, [count]);
    await tx.query(`SELECT setval(pg_get_serial_sequence('ad_versions', 'id'), $1)`, [count]);
    for (const def of indexes) await tx.query(def);
    await tx.query(`ALTER TABLE ads ADD CONSTRAINT ads_current_version_fk FOREIGN KEY (current_version_id) REFERENCES ad_versions (id) ON DELETE SET NULL`);
  });
  await db.query(`ANALYZE ads`);
  await db.query(`ANALYZE ad_versions`);
  await db.query(`ANALYZE ad_phones`);
  await db.query(`ANALYZE review_decisions`);
}

async function insertAds(tx: Db, count: number): Promise<void> {
  const codes = Object.keys(INDICATOR_RATES);
  if (codes.some((c) => !(INDICATOR_CODES as readonly string[]).includes(c))) throw new Error('unknown indicator in INDICATOR_RATES');
  await tx.query(
    `INSERT INTO ads (id, site, site_ad_id, url, status, first_seen, last_seen, gone_at, current_version_id,
                      municipality_code, district, age, permit_numbers, licence_status, licence_permit,
                      risk_score, risk, indicator_codes, cluster_id, risk_assessed_at, review_decision, reviewed_at)
     SELECT g.i, 'bench-' || (g.i % 6), g.i::text, 'http://127.0.0.1/bench/' || g.i,
            CASE WHEN g.r_gone < 0.2 THEN 'gone' ELSE 'live' END,
            g.first_seen, g.last_seen, CASE WHEN g.r_gone < 0.2 THEN g.last_seen + interval '1 day' END, g.i,
            s.code, s.district, 18 + (g.i % 30),
            CASE WHEN g.r_permit < 0.1 THEN ARRAY['HLM-2023-' || lpad((g.i % 5000)::text, 4, '0')] ELSE '{}' END,
            CASE WHEN s.code IS NULL THEN 'unknown_location' WHEN s.district IS NULL THEN 'out_of_region'
                 WHEN g.r_licence < 0.05 THEN NULL WHEN g.r_licence < 0.2 THEN 'licensed'
                 WHEN g.r_licence < 0.25 THEN 'invalid_permit' ELSE 'unlicensed' END,
            CASE WHEN g.r_licence >= 0.05 AND g.r_licence < 0.2 AND s.district IS NOT NULL
                 THEN 'HLM-2023-' || lpad((g.i % 5000)::text, 4, '0') END,
            g.score,
            jsonb_build_object('score', g.score, 'compliance', jsonb_build_object('score', 0, 'contributions', '[]'::jsonb),
              'indicators', (SELECT coalesce(jsonb_agg(jsonb_build_object('code', c, 'weight', 0.2,
                               'contribution', round((g.score / cardinality(x.codes))::numeric, 4), 'evidence', '{"spans":[]}'::jsonb)), '[]'::jsonb)
                             FROM unnest(x.codes) c)),
            x.codes,
            CASE WHEN g.r_cluster < 0.3 THEN g.i % 150000 END,
            g.last_seen,
            CASE WHEN g.r_review < 0.03 THEN ($2::text[])[1 + (g.i % cardinality($2::text[]))] END,
            CASE WHEN g.r_review < 0.03 THEN g.last_seen END
     FROM (
       SELECT q.*, least(q.t1, q.t2) AS first_seen, greatest(q.t1, q.t2) AS last_seen
       FROM (
         SELECT i, random() AS r_gone, random() AS r_permit, random() AS r_licence, random() AS r_cluster, random() AS r_review,
                floor(random() * 100)::int AS slot,
                round(power(random(), 2.5)::numeric, 3)::real AS score,
                timestamptz '2024-03-01' + random() * interval '365 days' AS t1,
                timestamptz '2024-03-01' + random() * interval '365 days' AS t2
         FROM generate_series(1, $1::int) AS i
       ) q
     ) g
     JOIN bench_slots s ON s.slot = g.slot
     CROSS JOIN LATERAL (
       SELECT ARRAY(SELECT r.code FROM jsonb_each_text($3::jsonb) AS r(code, rate) WHERE random() < r.rate::float8 AND g.i > 0) AS codes
     ) x`,
    [count, REVIEW_DECISIONS, JSON.stringify(INDICATOR_RATES)],
  );
}

async function insertVersionsAndPhones(tx: Db): Promise<void> {
  await tx.query(
    `INSERT INTO ad_versions (id, ad_id, content_hash, title, name, location, age_text, category, body, phone_text, analysis, first_seen, last_seen)
     SELECT a.id, a.id, md5(a.id::text), 'Nieuw: lieve dame ' || a.id, 'Naam ' || (a.id % 500), s.name, a.age || ' jaar', 'escort',
            'Hoi schat, ik ben nieuw in ' || coalesce(s.name, 'de buurt') || '. Discreet, verzorgd en altijd in voor iets leuks. Bel of app me. Advertentie ' || a.id,
            '06-' || lpad((a.id % 700000)::text, 8, '0'),
            jsonb_build_object('municipality', CASE WHEN s.code IS NULL THEN NULL ELSE jsonb_build_object('code', s.code, 'name', s.name, 'confidence', 0.95, 'source', 'location', 'span', NULL) END,
                               'district', a.district, 'age', a.age, 'permitNumbers', to_jsonb(a.permit_numbers), 'phones', '[]'::jsonb),
            a.first_seen, a.last_seen
     FROM ads a LEFT JOIN (SELECT DISTINCT code, name FROM bench_slots) s ON s.code = a.municipality_code`,
  );
  await tx.query(
    `INSERT INTO ad_phones (ad_id, e164, country, type)
     SELECT id, '+316' || lpad((id % 700000)::text, 8, '0'), 'NL', 'mobile' FROM ads`,
  );
}

async function insertDecisions(tx: Db): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO users (username, password_hash, role, district) VALUES ('bench-admin', 'x', 'admin', NULL) RETURNING id::text AS id`,
  );
  await tx.query(
    `INSERT INTO review_decisions (ad_id, user_id, decision, note, indicator_codes, risk_score, decided_at)
     SELECT id, $1::bigint, review_decision, NULL, indicator_codes, risk_score, reviewed_at FROM ads WHERE review_decision IS NOT NULL`,
    [rows[0]!.id],
  );
}

/** A fresh schema on `databaseUrl`, migrated and loaded with `ads` synthetic ads. */
export async function createQueueBenchDb(options: { ads?: number; databaseUrl?: string; keep?: boolean } = {}): Promise<QueueBenchDb> {
  const ads = options.ads ?? 1_000_000;
  const schema = `bench_queue_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const db = await openDb({ databaseUrl: options.databaseUrl ?? BENCH_DATABASE_URL, schema });
  const started = performance.now();
  try {
    await migrate(db);
    await loadQueueBenchAds(db, ads);
  } catch (error) {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await db.close();
    throw error;
  }
  return {
    db,
    schema,
    ads,
    loadSeconds: (performance.now() - started) / 1000,
    async cleanup() {
      try {
        if (!options.keep) await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await db.close();
      }
    },
  };
}
