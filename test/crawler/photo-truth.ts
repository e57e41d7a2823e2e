// The fixture universe's photo ground truth, for crawler tests: which photo ids an ad shows and their hashes.
import { expect } from 'vitest';
import type { CrawlStats } from '../../src/crawler/index.js';
import { photoHash } from '../../src/crawler/photo-hash.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import { photoPng, type FixtureAd } from '../../src/fixtures/index.js';

const hashes = new Map<string, Promise<string>>();

/** The hash of a fixture photo, computed from the bytes the fixture sites serve for it. */
export function fixturePhotoHash(photoId: string): Promise<string> {
  let hash = hashes.get(photoId);
  if (!hash) hashes.set(photoId, (hash = photoHash(photoPng(photoId))));
  return hash;
}

/** The fixture ad behind each crawled ad. */
function fixtureOf(ads: ScrapedAd[], fixtureAds: FixtureAd[]): Array<[ScrapedAd, FixtureAd]> {
  const byKey = new Map(fixtureAds.map((ad) => [`${ad.site}:${ad.siteAdId}`, ad]));
  return ads.map((ad) => [ad, byKey.get(`${ad.site}:${ad.siteAdId}`)!]);
}

/**
 * Every crawled ad carries exactly the hashes of its fixture photos, in page order, and every photo
 * URL was fetched and hashed once in the crawl, none skipped.
 */
export async function expectFixturePhotos(ads: ScrapedAd[], fixtureAds: FixtureAd[], stats: CrawlStats): Promise<void> {
  const photoIds = new Set<string>();
  for (const [ad, fixture] of fixtureOf(ads, fixtureAds)) {
    const expected = await Promise.all(fixture.photoIds.slice(0, 4).map(fixturePhotoHash));
    expect(ad.photoHashes, `photos of ${ad.site} ad ${ad.siteAdId}`).toEqual([...new Set(expected)]);
    for (const id of fixture.photoIds.slice(0, 4)) photoIds.add(id);
  }
  expect(stats.photosSkipped).toBe(0);
  expect(stats.photosHashed).toBe(photoIds.size);
}

/** The fixture photo ids a crawled ad shows (at most the 4 the demo configs hash). */
export function photoIdsOf(ad: ScrapedAd, fixtureAds: FixtureAd[]): string[] {
  return fixtureOf([ad], fixtureAds)[0]![1].photoIds.slice(0, 4);
}

/** Photo id → the hashes crawled ads carry for it (by position: the ad's n-th photo is its n-th hash). */
export function photoHashesById(ads: ScrapedAd[], fixtureAds: FixtureAd[]): Map<string, Set<string>> {
  const byId = new Map<string, Set<string>>();
  for (const [ad, fixture] of fixtureOf(ads, fixtureAds)) {
    fixture.photoIds.slice(0, 4).forEach((id, i) => {
      const set = byId.get(id) ?? new Set<string>();
      set.add(ad.photoHashes[i]!);
      byId.set(id, set);
    });
  }
  return byId;
}
