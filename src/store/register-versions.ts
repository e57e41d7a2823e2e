import type { Permit, RegisteredPermit } from '../domain/licence.js';
import type { Db } from './db.js';

/** One import of a register file. Ids are bigints as decimal strings. */
export interface RegisterVersion {
  id: string;
  importedAt: Date;
  sourceFile: string;
  sha256: string;
  explicitScope: boolean;
  rowCount: number;
  /** The municipalities whose permits this version replaced. */
  municipalities: Array<{ code: string; name: string }>;
}

export interface RegisterImport {
  sourceFile: string;
  sha256: string;
  explicitScope: boolean;
  /** Municipalities whose permits are replaced; may include some without any permit (an emptied register). */
  municipalities: Array<{ code: string; name: string }>;
  /** `key`: the permit key (see the classifier's `permitKey`), stored for lookups. */
  permits: Array<Permit & { rowNumber: number; key: string }>;
}

/**
 * Stores a register file as a new version, all or nothing. Imports are serialised (table lock),
 * so version ids grow in commit order and the newest id identifies the register state.
 */
export async function importRegisterVersion(db: Db, input: RegisterImport): Promise<RegisterVersion> {
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE register_versions IN EXCLUSIVE MODE');
    const { rows } = await tx.query<{ id: string; imported_at: Date }>(
      `INSERT INTO register_versions (source_file, sha256, explicit_scope, row_count) VALUES ($1, $2, $3, $4)
       RETURNING id::text AS id, imported_at`,
      [input.sourceFile, input.sha256, input.explicitScope, input.permits.length],
    );
    const { id, imported_at: importedAt } = rows[0]!;
    await tx.query(
      `INSERT INTO register_version_scopes (version_id, municipality_code, municipality_name)
       SELECT $1, x.code, x.name FROM jsonb_to_recordset($2::jsonb) AS x(code text, name text)`,
      [id, JSON.stringify(input.municipalities)],
    );
    if (input.permits.length > 0) await insertPermits(tx, id, input.permits);
    const { permits, ...version } = input;
    return { id, importedAt, ...version, rowCount: permits.length };
  });
}

async function insertPermits(tx: Db, versionId: string, permits: RegisterImport['permits']): Promise<void> {
  await tx.query(
    `INSERT INTO register_permits (version_id, row_number, permit_number, permit_key, name, kind, address, postcode, place,
                                   municipality_code, municipality_name, phones, website, valid_from, valid_to)
     SELECT $1, x."rowNumber", x.number, x.key, x.name, x.kind, x.address, x.postcode, x.place,
            x."municipalityCode", x."municipalityName", x.phones, x.website, x."validFrom", x."validTo"
     FROM jsonb_to_recordset($2::jsonb) AS x("rowNumber" int, number text, key text, name text, kind text, address text,
          postcode text, place text, "municipalityCode" text, "municipalityName" text, phones text[], website text,
          "validFrom" date, "validTo" date)`,
    [versionId, JSON.stringify(permits)],
  );
}

/** The register state: the newest version id, or null before the first import. One cheap query. */
export async function currentRegisterVersionId(db: Db): Promise<string | null> {
  const { rows } = await db.query<{ id: string | null }>('SELECT max(id)::text AS id FROM register_versions');
  return rows[0]?.id ?? null;
}

/**
 * The current register: per municipality, the permits of the newest version whose scope
 * includes it. Read in one statement, so the permits and the state id agree.
 */
export async function loadCurrentRegister(db: Db): Promise<{ versionId: string | null; permits: RegisteredPermit[] }> {
  const { rows } = await db.query<{ version_id: string | null; permits: RegisteredPermit[] }>(
    `WITH latest AS (
       SELECT DISTINCT ON (municipality_code) municipality_code, version_id
       FROM register_version_scopes ORDER BY municipality_code, version_id DESC
     )
     SELECT (SELECT max(id)::text FROM register_versions) AS version_id,
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
               'number', p.permit_number, 'name', p.name, 'kind', p.kind, 'address', p.address,
               'postcode', p.postcode, 'place', p.place, 'municipalityCode', p.municipality_code,
               'municipalityName', p.municipality_name, 'phones', to_jsonb(p.phones), 'website', p.website,
               'validFrom', p.valid_from, 'validTo', p.valid_to, 'versionId', p.version_id::text)
               ORDER BY p.municipality_code, p.permit_number, p.row_number), '[]'::jsonb)
             FROM register_permits p JOIN latest l ON l.version_id = p.version_id AND l.municipality_code = p.municipality_code
            ) AS permits`,
  );
  return { versionId: rows[0]?.version_id ?? null, permits: rows[0]?.permits ?? [] };
}

/** Register versions, newest first. */
export async function listRegisterVersions(db: Db, limit = 50): Promise<RegisterVersion[]> {
  const { rows } = await db.query<{
    id: string;
    imported_at: Date;
    source_file: string;
    sha256: string;
    explicit_scope: boolean;
    row_count: number;
    municipalities: Array<{ code: string; name: string }>;
  }>(
    `SELECT v.id::text AS id, v.imported_at, v.source_file, v.sha256, v.explicit_scope, v.row_count,
            coalesce((SELECT jsonb_agg(jsonb_build_object('code', s.municipality_code, 'name', s.municipality_name)
                      ORDER BY s.municipality_code) FROM register_version_scopes s WHERE s.version_id = v.id), '[]'::jsonb) AS municipalities
     FROM register_versions v ORDER BY v.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    importedAt: r.imported_at,
    sourceFile: r.source_file,
    sha256: r.sha256,
    explicitScope: r.explicit_scope,
    rowCount: r.row_count,
    municipalities: r.municipalities,
  }));
}
