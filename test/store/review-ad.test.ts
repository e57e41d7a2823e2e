import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_DISTRICTS,
  diffVersions,
  districtScope,
  getAdForReview,
  LINKED_ADS_SHOWN,
  recordDecision,
  saveLicenceAssessments,
  type Db,
} from '../../src/store/index.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { PLACES, ReviewSeed, seedUser } from './review-seed.js';

let t: TestDb;
let db: Db;
let seed: ReviewSeed;
const KENNEMERLAND = districtScope('Kennemerland');
const ids: Record<string, string> = {};
let coordinator: string;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  seed = new ReviewSeed(db);
  ids.textTwin = await seed.ad({ place: PLACES.velsen, title: 'Tekst-tweeling', seenAt: '2025-01-03T02:00:00Z' });
  ids.ad = await seed.ad({
    siteAdId: 'main',
    place: PLACES.haarlem,
    title: 'Nieuw in Haarlem',
    text: 'Hoi, ik ben Lisa, nieuw in Haarlem. Bel me.',
    phones: ['+31612345678'],
    photoHashes: ['p:aaaa', 'p:bbbb'],
    seenAt: '2025-01-06T02:00:00Z',
    score: 0.8,
    indicators: [
      { code: 'new_in_town', contribution: 0.1 },
      { code: 'phone_shared', contribution: 0.6 },
      { code: 'text_duplicate', contribution: 0.05, linkedAdIds: [ids.textTwin, 'not-an-id', '99999999'] },
    ],
    clusterId: '7',
  });
  await seed.version({ siteAdId: 'main', place: PLACES.velsen, title: 'Nieuw in Velsen', text: 'Hoi, ik ben Lisa, nieuw in IJmuiden. Bel of app me.', phones: ['+31612345678'], photoHashes: ['p:aaaa', 'p:bbbb'], seenAt: '2025-01-08T02:00:00Z' });
  await seed.version({ siteAdId: 'main', place: PLACES.velsen, title: 'Nieuw in Velsen', text: 'Hoi, ik ben Lisa, nieuw in IJmuiden. Bel of app me.', phones: ['+31612345678'], photoHashes: ['p:aaaa', 'p:bbbb'], seenAt: '2025-01-09T02:00:00Z' });
  ids.samePhoneElsewhere = await seed.ad({ place: PLACES.zaanstad, title: 'Lisa in Zaandam', phones: ['+31612345678'], seenAt: '2025-01-07T02:00:00Z', clusterId: '7' });
  ids.samePhoto = await seed.ad({ place: PLACES.haarlem, title: 'Foto-dubbel', photoHashes: ['p:bbbb'], seenAt: '2025-01-05T02:00:00Z' });
  ids.sameCluster = await seed.ad({ place: PLACES.haarlem, title: 'Zelfde persona', seenAt: '2025-01-04T02:00:00Z', clusterId: '7' });
  ids.unrelated = await seed.ad({ place: PLACES.haarlem, phones: ['+31699999999'], photoHashes: ['p:cccc'], clusterId: '8' });
  coordinator = await seedUser(db, 'coordinator', 'Kennemerland');
});
afterAll(() => t.cleanup());

describe('ad page scope', () => {
  it('is null for another district, an unknown ad and a malformed id', async () => {
    expect(await getAdForReview(db, ids.ad!, districtScope('Zaanstreek-Waterland'))).toBeNull();
    expect(await getAdForReview(db, ids.samePhoneElsewhere!, KENNEMERLAND)).toBeNull();
    expect(await getAdForReview(db, '999999999', KENNEMERLAND)).toBeNull();
    for (const bad of ['abc', '1 OR 1=1', '-1', '0', '99999999999999999999', '']) expect(await getAdForReview(db, bad, ALL_DISTRICTS)).toBeNull();
  });

  it("is the ad for its district's coordinator and for an admin", async () => {
    expect((await getAdForReview(db, ids.ad!, KENNEMERLAND))?.id).toBe(ids.ad);
    expect((await getAdForReview(db, ids.samePhoneElsewhere!, ALL_DISTRICTS))?.district).toBe('Zaanstreek-Waterland');
  });
});

describe('ad page content', () => {
  it('has the current version, the earlier one for a diff, and the extracted fields', async () => {
    const ad = (await getAdForReview(db, ids.ad!, KENNEMERLAND))!;
    expect(ad.current).toMatchObject({ title: 'Nieuw in Velsen', text: 'Hoi, ik ben Lisa, nieuw in IJmuiden. Bel of app me.' });
    expect(ad.earlierVersions.map((v) => v.title)).toEqual(['Nieuw in Haarlem']);
    expect(ad.analysis?.municipality?.name).toBe('Velsen');
    expect(ad.phones).toEqual([{ e164: '+31612345678', country: 'NL', type: 'mobile', obfuscated: false }]);
    const text = diffVersions(ad.earlierVersions[0]!, ad.current!).find((f) => f.field === 'text')!;
    expect(text.changed).toBe(true);
    expect(text.parts.filter((p) => p.change === 'removed').map((p) => p.text.trim())).toEqual(['Haarlem']);
    expect(text.parts.filter((p) => p.change === 'added').map((p) => p.text.trim())).toEqual(['IJmuiden', 'of app']);
  });

  it('has the sightings timeline with the place each version named', async () => {
    const ad = (await getAdForReview(db, ids.ad!, KENNEMERLAND))!;
    expect(ad.sightingsTotal).toBe(3);
    expect(ad.sightings.map((s) => [s.seenAt.toISOString(), s.site, s.change, s.municipalityName])).toEqual([
      ['2025-01-06T02:00:00.000Z', seed.site, 'new', 'Haarlem'],
      ['2025-01-08T02:00:00.000Z', seed.site, 'changed', 'Velsen'],
      ['2025-01-09T02:00:00.000Z', seed.site, 'unchanged', 'Velsen'],
    ]);
  });

  it('has the risk indicators largest contribution first, and the licence with its history', async () => {
    await saveLicenceAssessments(db, null, [{ adId: ids.ad!, status: 'unlicensed', permit: null, evidence: [{ kind: 'location', detail: 'Velsen, geen vergunning' }] }], 'crawl');
    const ad = (await getAdForReview(db, ids.ad!, KENNEMERLAND))!;
    expect(ad.risk.score).toBeCloseTo(0.8, 6);
    expect(ad.risk.indicators.map((i) => i.code)).toEqual(['phone_shared', 'new_in_town', 'text_duplicate']);
    expect(ad.risk.indicators[0]).toMatchObject({ contribution: 0.6, evidence: { spans: [] } });
    expect(ad.licence).toMatchObject({ status: 'unlicensed', evidence: [{ kind: 'location' }] });
    expect(ad.licenceHistory.map((h) => [h.status, h.cause])).toEqual([['unlicensed', 'crawl']]);
    expect(ad.clusterId).toBe('7');
  });

  it('lists linked ads with how they are linked; another district shows town and dates but no title', async () => {
    const { linked } = (await getAdForReview(db, ids.ad!, KENNEMERLAND))!;
    expect(linked.total).toBe(4);
    expect(linked.ads.map((l) => [l.id, l.links, l.inScope, l.title, l.municipalityName])).toEqual([
      [ids.samePhoneElsewhere, ['cluster', 'phone'], false, null, 'Zaanstad'],
      [ids.samePhoto, ['photo'], true, 'Foto-dubbel', 'Haarlem'],
      [ids.sameCluster, ['cluster'], true, 'Zelfde persona', 'Haarlem'],
      [ids.textTwin, ['text'], true, 'Tekst-tweeling', 'Velsen'],
    ]);
    expect(linked.ads[0]!.lastSeen).toEqual(new Date('2025-01-07T02:00:00Z'));
    const fromAdmin = (await getAdForReview(db, ids.ad!, ALL_DISTRICTS))!.linked.ads[0]!;
    expect(fromAdmin).toMatchObject({ inScope: true, title: 'Lisa in Zaandam' });
  });

  it('caps the linked ads and still counts them all', async () => {
    const hub = await seed.ad({ place: PLACES.haarlem, phones: ['+31677777777'] });
    await seed.ads(Array.from({ length: LINKED_ADS_SHOWN + 5 }, () => ({ place: PLACES.velsen, phones: ['+31677777777'] })));
    const { linked } = (await getAdForReview(db, hub, KENNEMERLAND))!;
    expect(linked.total).toBe(LINKED_ADS_SHOWN + 5);
    expect(linked.ads).toHaveLength(LINKED_ADS_SHOWN);
    expect(new Set(linked.ads.map((l) => l.id)).size).toBe(LINKED_ADS_SHOWN);
  });

  it('has the decision history with usernames, newest first', async () => {
    await recordDecision(db, { adId: ids.ad!, scope: KENNEMERLAND, userId: coordinator, decision: 'inspection_planned', note: 'Vrijdag' });
    await recordDecision(db, { adId: ids.ad!, scope: KENNEMERLAND, userId: coordinator, decision: 'inspected_unlicensed', note: null });
    const ad = (await getAdForReview(db, ids.ad!, KENNEMERLAND))!;
    expect(ad.decisions.map((d) => [d.decision, d.note, d.username?.startsWith('user')])).toEqual([
      ['inspected_unlicensed', null, true],
      ['inspection_planned', 'Vrijdag', true],
    ]);
    expect(ad.reviewDecision).toBe('inspected_unlicensed');
    expect(ad.reviewedAt).toEqual(ad.decisions[0]!.decidedAt);
  });
});

describe('diffVersions', () => {
  const version = (over: Partial<Parameters<typeof diffVersions>[0]>) => ({ title: 'Lisa', name: 'Lisa', location: 'Haarlem', age: '24', category: 'escort', text: '', phoneText: '06-12345678', ...over });

  it('marks words added and removed per field, and unchanged fields as unchanged', () => {
    const diff = diffVersions(version({ text: 'Nieuw in Haarlem, bel me' }), version({ text: 'Nieuw in Zaandam, bel me nu', age: null }));
    expect(diff.find((f) => f.field === 'title')).toEqual({ field: 'title', changed: false, parts: [{ text: 'Lisa', change: 'same' }] });
    expect(diff.find((f) => f.field === 'text')!.parts).toEqual([
      { text: 'Nieuw in ', change: 'same' },
      { text: 'Haarlem', change: 'removed' },
      { text: 'Zaandam', change: 'added' },
      { text: ', bel me ', change: 'same' },
      { text: 'nu', change: 'added' },
    ]);
    expect(diff.find((f) => f.field === 'age')).toEqual({ field: 'age', changed: true, parts: [{ text: '24', change: 'removed' }] });
  });

  it('gives the newer text back from its same and added parts, and ignores whitespace-only changes', () => {
    const newer = 'Nieuw!  <script>alert(1)</script> in Zaandam';
    const parts = diffVersions(version({ text: 'Nieuw in Haarlem' }), version({ text: newer })).find((f) => f.field === 'text')!.parts;
    expect(parts.filter((p) => p.change !== 'removed').map((p) => p.text).join('')).toBe(newer);
    expect(diffVersions(version({ text: 'a  b\nc' }), version({ text: 'a b c' })).find((f) => f.field === 'text')!.changed).toBe(false);
  });
});
