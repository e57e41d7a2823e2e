import { describe, expect, it } from 'vitest';
import { clusterAll, clusterOf } from '../../../src/classifier/risk/clusters.js';
import type { LinkAd } from '../../../src/classifier/risk/link-ad.js';
import { linkAll, shingleStatsOf } from '../../../src/classifier/risk/link-all.js';
import { LinkIndex } from '../../../src/classifier/risk/link-index.js';
import { linkIndicators } from '../../../src/classifier/risk/link-indicators.js';
import { loadRiskConfig } from '../../../src/classifier/risk/load-risk-config.js';
import { buildLinkAd } from './build-risk-item.js';

const config = loadRiskConfig();
const codes = (index: LinkIndex, id: string): string[] => linkIndicators(index, id, config.multiCityDays).map((h) => h.code);
const PHONE = '+31611112222';
const TEXT =
  'Hallo lieve mannen, ik ben een spontane dame met zachte rondingen en een warme glimlach. Ik ontvang je in een rustig appartement ' +
  'met een grote douche en zachte handdoeken. Neem de tijd, we beginnen met een drankje en een praatje voordat we verder gaan.';

describe('link indicators', () => {
  it('phone_shared: one number behind two names, with the other ads as evidence', () => {
    const index = linkAll([buildLinkAd({ id: 'a', phones: [PHONE], name: 'Lisa' }), buildLinkAd({ id: 'b', phones: [PHONE], name: 'Kasia' })], config);
    const [hit] = linkIndicators(index, 'a', 14);
    expect(hit).toEqual({ code: 'phone_shared', evidence: { spans: [], linkedAdIds: ['b'], fields: { phones: [PHONE], names: ['lisa', 'kasia'] } } });
  });

  it('phone_shared does not fire for one name on two ads (a re-post)', () => {
    const index = linkAll([buildLinkAd({ id: 'a', phones: [PHONE], name: 'Lisa' }), buildLinkAd({ id: 'b', phones: [PHONE], name: 'LISA ' })], config);
    expect(codes(index, 'a')).toEqual([]);
    expect(index.linksOf('a')).toEqual([{ from: 'a', to: 'b', kind: 'phone', key: PHONE }]);
  });

  it('multi_city: the same number in two municipalities within 14 days, not 30 days apart', () => {
    const base = { phones: [PHONE], name: 'Lisa' };
    const near = linkAll(
      [buildLinkAd({ ...base, id: 'a', municipality: 'GM0392', seenAt: '2025-01-01' }), buildLinkAd({ ...base, id: 'b', municipality: 'GM0479', seenAt: '2025-01-10' })],
      config,
    );
    expect(linkIndicators(near, 'a', 14)).toEqual([
      { code: 'multi_city', evidence: { spans: [], linkedAdIds: ['b'], fields: { municipalities: ['GM0392', 'GM0479'], days: 14 } } },
    ]);
    const far = linkAll(
      [buildLinkAd({ ...base, id: 'a', municipality: 'GM0392', seenAt: '2025-01-01' }), buildLinkAd({ ...base, id: 'b', municipality: 'GM0479', seenAt: '2025-02-01' })],
      config,
    );
    expect(codes(far, 'a')).toEqual([]);
  });

  it('multi_city also follows a shared photo', () => {
    const index = linkAll(
      [buildLinkAd({ id: 'a', photoHashes: ['ph1'], municipality: 'GM0392' }), buildLinkAd({ id: 'b', photoHashes: ['ph1'], municipality: 'GM0363' })],
      config,
    );
    expect(codes(index, 'b')).toEqual(['multi_city', 'photo_reuse']);
  });

  it('photo_reuse: a photo under another name or number, not the same ad on two sites', () => {
    const reused = linkAll([buildLinkAd({ id: 'a', photoHashes: ['ph1'] }), buildLinkAd({ id: 'b', photoHashes: ['ph1', 'ph2'] })], config);
    expect(linkIndicators(reused, 'a', 14)).toEqual([{ code: 'photo_reuse', evidence: { spans: [], linkedAdIds: ['b'], fields: { photoHashes: ['ph1'] } } }]);
    const same = linkAll([buildLinkAd({ id: 'a', phones: [PHONE], name: 'Lisa', photoHashes: ['ph1'] }), buildLinkAd({ id: 'b', phones: [PHONE], name: 'Lisa', photoHashes: ['ph1'] })], config);
    expect(codes(same, 'a')).toEqual([]);
  });

  it('text_duplicate: the same text under another number, with numbers and one sentence changed', () => {
    const copy = `${TEXT.replace('drankje', 'kopje thee')} Bel 0612345678 voor 150 euro.`;
    const index = linkAll([buildLinkAd({ id: 'a', text: `${TEXT} Bel 0698765432 voor 120 euro.` }), buildLinkAd({ id: 'b', text: copy })], config);
    const [hit] = linkIndicators(index, 'a', 14);
    expect(hit?.code).toBe('text_duplicate');
    expect(hit?.evidence.linkedAdIds).toEqual(['b']);
    expect(hit?.evidence.fields?.similarity).toBeGreaterThan(0.6);
  });

  it('text_duplicate does not fire for different texts or for the same text under the same number and name', () => {
    const other = 'Welkom! Sportieve man voor dames en stellen, discreet en verzorgd. Massage en dinnerdate mogelijk, ook in het weekend.';
    expect(codes(linkAll([buildLinkAd({ id: 'a', text: TEXT }), buildLinkAd({ id: 'b', text: other })], config), 'a')).toEqual([]);
    const same = linkAll([buildLinkAd({ id: 'a', phones: [PHONE], name: 'Lisa', text: TEXT }), buildLinkAd({ id: 'b', phones: [PHONE], name: 'Lisa', text: TEXT })], config);
    expect(codes(same, 'a')).toEqual([]);
    expect(same.linksOf('a').map((l) => l.kind).sort()).toEqual(['phone', 'text']);
  });
});

describe('guards against giant clusters', () => {
  it('a site phone in 200 ads links nobody, while a real shared number still does', () => {
    const ads = Array.from({ length: 200 }, (_, i) => buildLinkAd({ id: `s${i}`, phones: ['+31201234567', `+3161000${String(i).padStart(4, '0')}`] }));
    ads.push(buildLinkAd({ id: 'x', phones: ['+31610000001'], name: 'Other' }));
    const index = linkAll(ads, config);
    expect(index.isStock('phone', '+31201234567')).toBe(true);
    expect(index.linksOf('s5')).toEqual([]);
    expect(index.linksOf('s1').map((l) => l.to)).toEqual(['x']);
    const clusters = clusterAll(index);
    expect(Math.max(...[...clusters.values()].map((c) => c.size))).toBe(2);
  });

  it('a phone on more sites than the guard allows does not link', () => {
    const guards = { ...config.guards, maxSitesPerPhone: 2 };
    const ads = ['s1', 's2', 's3'].map((site) => buildLinkAd({ phones: [PHONE], site }));
    const index = linkAll(ads, { ...config, guards });
    expect(index.linksOf(ads[0]!.id)).toEqual([]);
  });

  it('a stock photo in many ads does not link; the add that crosses the guard reports the ads it unlinks', () => {
    const index = new LinkIndex(config);
    const results = Array.from({ length: config.guards.maxAdsPerPhoto + 1 }, (_, i) => index.add(buildLinkAd({ id: `p${i}`, photoHashes: ['stock'] })));
    expect(results[1]!.links.map((l) => l.to)).toEqual(['p0']);
    const last = results.at(-1)!;
    expect(last.links).toEqual([]);
    expect(last.newStockKeys).toEqual(['stock']);
    expect(last.affected.sort()).toEqual(Array.from({ length: config.guards.maxAdsPerPhoto }, (_, i) => `p${i}`).sort());
    expect(index.linksOf('p0')).toEqual([]);
  });

  it('stock phrases do not link ads whose own words differ', () => {
    const footer = 'Bel of app voor een afspraak. Discretie gegarandeerd, schone kamer, gratis parkeren, vaste prijzen en geen gezeur. Tot snel!';
    const bodies = Array.from({ length: 60 }, (_, i) => `Ik ben ${['Lisa', 'Kasia', 'Mei', 'Rosa'][i % 4]} nummer ${String.fromCharCode(97 + (i % 26))}${i} uit ${['Haarlem', 'Zaandam', 'Hoorn'][i % 3]}.`);
    const ads = bodies.map((body, i) => buildLinkAd({ id: `f${i}`, text: `${body} ${footer}` }));
    const unguarded = linkAll(ads, { ...config, guards: { ...config.guards, stockShingleShare: 1, stockShingleMinAds: 1000 } });
    expect(unguarded.linksOf('f0').some((l) => l.kind === 'text')).toBe(true);
    const guarded = linkAll(ads, config);
    for (const ad of ads) expect(guarded.linksOf(ad.id)).toEqual([]);
  });

  it('a cluster above the size cap is reported as oversized, not as one persona', () => {
    const guards = { ...config.guards, maxClusterSize: 5 };
    // A chain: each ad shares one number with the next, so no single number crosses its guard.
    const ads = Array.from({ length: 8 }, (_, i) => buildLinkAd({ id: `c${i}`, phones: [`+3162000000${i}`, `+3162000000${i + 1}`] }));
    const index = linkAll(ads, { ...config, guards });
    expect(clusterAll(index).get('c3')).toEqual({ id: 'c0', size: 8, oversized: true });
    expect(clusterOf(index, 'c3')?.oversized).toBe(true);
    const small = linkAll(ads.slice(0, 3), { ...config, guards });
    expect(clusterAll(small).get('c2')).toEqual({ id: 'c0', size: 3, oversized: false });
    expect(clusterOf(small, 'c2')).toEqual({ id: 'c0', size: 3, oversized: false });
  });
});

describe('incremental linking', () => {
  function mixedAds(): LinkAd[] {
    const ads: LinkAd[] = [];
    for (let i = 0; i < 120; i += 1) {
      ads.push(
        buildLinkAd({
          id: `m${i}`,
          phones: [`+3163000${String(i % 37).padStart(4, '0')}`],
          photoHashes: [`ph${i % 23}`, `own${i}`],
          name: `N${i % 5}`,
          municipality: `GM0${i % 4}`,
          seenAt: Date.UTC(2025, 0, 1 + (i % 30)),
          text: i % 3 === 0 ? `${TEXT} variant ${i % 2}` : `Ander verhaal ${i} over iets ${i * 7} heel anders dan de rest ${i % 11}`,
        }),
      );
    }
    return ads;
  }

  it('adding ads one by one in another order gives the same links, indicators and clusters as linkAll', () => {
    const ads = mixedAds();
    const batch = linkAll(ads, config);
    const incremental = new LinkIndex({ ...config, shingleStats: shingleStatsOf(ads, config.minhash) });
    for (const ad of [...ads].reverse()) incremental.add(ad);
    const sorted = (index: LinkIndex, id: string) => index.linksOf(id).map((l) => `${l.kind}:${l.to}`).sort();
    for (const ad of ads) {
      expect(sorted(incremental, ad.id)).toEqual(sorted(batch, ad.id));
      expect(codes(incremental, ad.id)).toEqual(codes(batch, ad.id));
      expect(clusterOf(incremental, ad.id)).toEqual(clusterOf(batch, ad.id));
    }
    const all = clusterAll(batch);
    expect(clusterAll(incremental)).toEqual(all);
    // The walk agrees with union-find wherever the cluster is within the cap.
    for (const ad of ads) {
      const walked = clusterOf(batch, ad.id);
      if (walked && !walked.oversized) expect(all.get(ad.id)).toEqual(walked);
      else if (walked) expect(all.get(ad.id)?.oversized).toBe(true);
    }
    expect(batch.linksOf('m0').length).toBeGreaterThan(0);
  });

  it('a snapshot survives JSON and restores to an index that links the same and keeps indexing', () => {
    const ads = mixedAds();
    const options = { ...config, shingleStats: shingleStatsOf(ads, config.minhash) };
    const original = new LinkIndex(options);
    for (const ad of ads.slice(0, 100)) original.add(ad);
    const restored = LinkIndex.restore(JSON.parse(JSON.stringify(original.snapshot())), options);
    for (const ad of ads.slice(100)) {
      expect(restored.add(ad)).toEqual(original.add(ad));
    }
    for (const ad of ads) expect(restored.linksOf(ad.id)).toEqual(original.linksOf(ad.id));
  });

  it('a new ad sharing a number with an old one reports the old ad as affected; re-adding an id replaces it', () => {
    const index = new LinkIndex(config);
    index.add(buildLinkAd({ id: 'old', phones: [PHONE], name: 'Lisa' }));
    const result = index.add(buildLinkAd({ id: 'new', phones: [PHONE], name: 'Kasia' }));
    expect(result).toEqual({ links: [{ from: 'new', to: 'old', kind: 'phone', key: PHONE }], affected: ['old'], newStockKeys: [] });
    expect(codes(index, 'old')).toEqual(['phone_shared']);
    index.add(buildLinkAd({ id: 'new', phones: ['+31699999999'], name: 'Kasia' }));
    expect(index.size).toBe(2);
    expect(codes(index, 'old')).toEqual([]);
  });
});
