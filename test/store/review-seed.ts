import { randomUUID } from 'node:crypto';
import type { District } from '../../src/domain/districts.js';
import type { LicenceStatus } from '../../src/domain/licence.js';
import type { UserRole } from '../../src/domain/review.js';
import { createUser, recordAdBatch, startCrawlRun, type Db } from '../../src/store/index.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import type { PhoneMatch } from '../../src/domain/analysis.js';
import { buildAnalysis, buildMunicipality, buildPhone, buildScrapedAd } from '../helpers/build-scraped-ad.js';

/** A municipality of each district, and one outside them. */
export const PLACES = {
  haarlem: { code: 'GM0392', name: 'Haarlem', district: 'Kennemerland' },
  velsen: { code: 'GM0453', name: 'Velsen', district: 'Kennemerland' },
  zaanstad: { code: 'GM0479', name: 'Zaanstad', district: 'Zaanstreek-Waterland' },
  alkmaar: { code: 'GM0361', name: 'Alkmaar', district: 'Noord-Holland Noord' },
  utrecht: { code: 'GM0344', name: 'Utrecht', district: null },
} as const satisfies Record<string, { code: string; name: string; district: District | null }>;

export type Place = (typeof PLACES)[keyof typeof PLACES];

export interface SeedAd {
  site?: string;
  siteAdId?: string;
  place?: Place | null;
  title?: string;
  text?: string;
  phones?: string[];
  permitNumbers?: string[];
  photoHashes?: string[];
  seenAt?: string;
  score?: number;
  /** Indicator codes with their contributions (and, for link indicators, the linked ad ids); stored in this order. */
  indicators?: Array<{ code: string; contribution: number; linkedAdIds?: string[] }>;
  clusterId?: string | null;
  licence?: LicenceStatus | null;
  licencePermit?: string | null;
  status?: 'live' | 'gone';
  goneAt?: string | null;
}

/** Stores ads through the real crawl path (runs, batches), then sets what the risk stage (003) would. */
export class ReviewSeed {
  private readonly runs = new Map<string, string>();
  constructor(
    private readonly db: Db,
    readonly site = `site-${randomUUID().slice(0, 8)}`,
  ) {}

  /** A run of `site` started at `at`; one per (site, day) is reused. */
  async run(site: string, at: string): Promise<string> {
    const key = `${site}@${at}`;
    const known = this.runs.get(key);
    if (known) return known;
    const id = `run-${randomUUID()}`;
    await startCrawlRun(this.db, { id, site, startedAt: new Date(at) });
    this.runs.set(key, id);
    return id;
  }

  /** Stores the ads (one batch per site and seenAt) and returns their ids, in input order. */
  async ads(specs: SeedAd[]): Promise<string[]> {
    const ids: string[] = [];
    for (const spec of specs) ids.push(await this.ad(spec));
    return ids;
  }

  async ad(spec: SeedAd = {}): Promise<string> {
    const scraped = this.scraped(spec);
    const runId = await this.run(scraped.site, scraped.seenAt);
    await recordAdBatch(this.db, { runId, batchKey: randomUUID(), ads: [{ scraped, analysis: analysisOf(spec) }] });
    const { rows } = await this.db.query<{ id: string }>(`SELECT id::text AS id FROM ads WHERE site = $1 AND site_ad_id = $2`, [scraped.site, scraped.siteAdId]);
    const id = rows[0]!.id;
    await this.setRisk(id, spec);
    return id;
  }

  /** Sees an existing ad again with other content (a new version) in a later run. */
  async version(spec: SeedAd & { siteAdId: string; seenAt: string }): Promise<void> {
    const scraped = this.scraped(spec);
    const runId = await this.run(scraped.site, scraped.seenAt);
    await recordAdBatch(this.db, { runId, batchKey: randomUUID(), ads: [{ scraped, analysis: analysisOf(spec) }] });
  }

  private scraped(spec: SeedAd): ScrapedAd {
    return buildScrapedAd({
      site: spec.site ?? this.site,
      ...(spec.siteAdId ? { siteAdId: spec.siteAdId } : { siteAdId: `ad-${randomUUID().slice(0, 8)}` }),
      title: spec.title ?? 'Lieve Lisa, discreet en verzorgd',
      text: spec.text ?? 'Hoi, ik ben Lisa. Bel of app me voor een afspraak.',
      location: spec.place?.name ?? 'onbekend',
      photoHashes: spec.photoHashes ?? [],
      seenAt: spec.seenAt ?? '2025-01-06T02:00:00.000Z',
    });
  }

  private async setRisk(id: string, spec: SeedAd): Promise<void> {
    const indicators = (spec.indicators ?? []).map(({ linkedAdIds, ...i }) => ({ ...i, weight: i.contribution, evidence: { spans: [], ...(linkedAdIds ? { linkedAdIds } : {}) } }));
    await this.db.query(
      `UPDATE ads SET risk_score = $2, indicator_codes = $3, risk = $4, cluster_id = $5::bigint, licence_status = $6,
              licence_permit = $7, status = $8, gone_at = $9, risk_assessed_at = now()
       WHERE id = $1::bigint`,
      [
        id,
        spec.score ?? 0,
        indicators.map((i) => i.code),
        JSON.stringify({ score: spec.score ?? 0, indicators, compliance: { status: spec.licence ?? null, score: 0, contributions: [] } }),
        spec.clusterId ?? null,
        spec.licence ?? null,
        spec.licencePermit ?? null,
        spec.status ?? 'live',
        spec.goneAt ?? (spec.status === 'gone' ? spec.seenAt ?? '2025-01-07T02:00:00Z' : null),
      ],
    );
    // The linker's keys, as the risk step indexes them.
    await this.db.query(
      `INSERT INTO risk_keys (kind, key, ad_id, site)
       SELECT k.kind, k.key, $1::bigint, a.site FROM ads a, jsonb_to_recordset($2::jsonb) AS k(kind text, key text)
       WHERE a.id = $1::bigint ON CONFLICT DO NOTHING`,
      [id, JSON.stringify([...(spec.phones ?? []).map((key) => ({ kind: 'phone', key })), ...(spec.photoHashes ?? []).map((key) => ({ kind: 'photo', key }))])],
    );
  }
}

function analysisOf(spec: SeedAd) {
  const place = spec.place === undefined ? PLACES.haarlem : spec.place;
  const phones: PhoneMatch[] = (spec.phones ?? []).map((e164) => buildPhone({ e164, country: e164.startsWith('+31') ? 'NL' : 'PL' }));
  return buildAnalysis({
    phones,
    municipality: place ? buildMunicipality({ code: place.code, name: place.name }) : null,
    district: place?.district ?? null,
    permitNumbers: spec.permitNumbers ?? [],
  });
}

let userCount = 0;

/** A user of the role (a coordinator of `district`); returns its id. */
export async function seedUser(db: Db, role: UserRole, district: District | null = null): Promise<string> {
  userCount += 1;
  const user = await createUser(db, { username: `user${userCount}-${randomUUID().slice(0, 6)}`, passwordHash: 'x', role, district });
  return user.id;
}
