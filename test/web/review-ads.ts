import { randomUUID } from 'node:crypto';
import { permitKey } from '../../src/classifier/licence/index.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import { importRegisterVersion, type Db } from '../../src/store/index.js';
import { buildScrapedAd } from '../helpers/build-scraped-ad.js';
import { startAdsWorkers } from '../queue/ads-workers.js';
import { newPhone, ownText } from '../queue/risk-ads.js';

/**
 * Ads for the review pages, stored the way a crawl stores them: through the ads queue on real
 * Redis into Postgres, analysed, licence-checked against a register and risk-scored (links,
 * clusters) by the real steps. Every text field an ad has carries hostile markup.
 */
export const PAYLOADS = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  link: '<a href="javascript:alert(1)">klik</a>',
  attribute: '" onmouseover="alert(1)" x="',
  svg: '"><svg onload=alert(1)>',
} as const;

export const PERMIT = 'HLM-2024-777';

export interface ReviewAds {
  /** Kennemerland (Haarlem), two versions, hostile everywhere, linked by phone to `sibling` and `zaandam`. */
  hostile: string;
  /** Kennemerland, same phone, another name; its title is hostile too. */
  sibling: string;
  /** Zaanstreek-Waterland, same phone: linked, but another district's. */
  zaandam: string;
  /** Kennemerland (Velsen), licensed by the register, its own phone. */
  licensed: string;
  /** The phone the first three share, as shown in the ads. */
  phone: { shown: string; e164: string };
  site: string;
}

const day = (d: number) => `2025-03-0${d}T09:00:00.000Z`;

function hostileText(phone: string, version: 1 | 2): string {
  const availability = version === 1 ? '24/7 beschikbaar' : 'dag en nacht beschikbaar';
  return [
    `Nieuw in Haarlem! ${PAYLOADS.img} Ik ben Lisa, 19 jaar.`,
    `${availability}, ook zonder condoom. Bel ${phone} ${PAYLOADS.link} ${PAYLOADS.attribute}`,
    version === 2 ? `Nu ook ${PAYLOADS.script} in het weekend.` : 'Alleen doordeweeks.',
  ].join('\n');
}

/** Stores the review ads through the real ads pipeline; closes its workers afterwards. */
export async function seedReviewAds(db: Db): Promise<ReviewAds> {
  const site = `web-${randomUUID().slice(0, 6)}`;
  const phone = newPhone();
  await importRegisterVersion(db, {
    sourceFile: 'test.csv', sha256: randomUUID(), explicitScope: true, municipalities: [{ code: 'GM0453', name: 'Velsen' }],
    permits: [{
      rowNumber: 1, number: PERMIT, key: permitKey(PERMIT), name: 'Sara', kind: 'thuiswerker', address: null, postcode: null, place: 'IJmuiden',
      municipalityCode: 'GM0453', municipalityName: 'Velsen', phones: [], website: null, validFrom: '2020-01-01', validTo: null,
    }],
  });
  const ad = (siteAdId: string, overrides: Partial<ScrapedAd>) => buildScrapedAd({ site, siteAdId, photoHashes: [], seenAt: day(1), ...overrides });
  const hostile = (version: 1 | 2) => ad('hostile', {
    url: 'javascript:alert(document.cookie)',
    title: `${PAYLOADS.script} Nieuw in Haarlem`,
    name: `Lisa ${PAYLOADS.attribute}`,
    location: 'Haarlem',
    age: '19',
    category: 'escort',
    text: hostileText(phone.shown, version),
    phoneText: phone.shown,
    seenAt: day(version === 1 ? 1 : 3),
  });
  const workers = await startAdsWorkers([db]);
  try {
    await workers.store([
      hostile(1),
      ad('sibling', { title: `Mira ${PAYLOADS.svg}`, name: 'Mira', location: 'Haarlem', age: '25', text: ownText(), phoneText: phone.shown }),
      ad('licensed', { title: 'Sara in Velsen', name: 'Sara', location: 'Velsen', age: '31', text: `${ownText()} Vergunning ${PERMIT}.`, phoneText: newPhone().shown }),
    ]);
    await workers.store([ad('zaandam', { title: 'Zaandam geheim', name: 'Nina', location: 'Zaandam', age: '27', text: ownText(), phoneText: phone.shown, seenAt: day(2) })]);
    await workers.store([hostile(2)]);
    await workers.drain();
  } finally {
    await workers.close();
  }
  const id = async (siteAdId: string) =>
    (await db.query<{ id: string }>(`SELECT id::text AS id FROM ads WHERE site = $1 AND site_ad_id = $2`, [site, siteAdId])).rows[0]!.id;
  return { hostile: await id('hostile'), sibling: await id('sibling'), zaandam: await id('zaandam'), licensed: await id('licensed'), phone, site };
}
