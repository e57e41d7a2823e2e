import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtScope, recordDecision } from '../../src/store/index.js';
import { PLACES, ReviewSeed } from '../store/review-seed.js';
import { addUser, loggedIn, startWebHarness, type TestAccount, type WebClient, type WebHarness } from './web-harness.js';

// The work queue page through HTTP: scope per role, every filter, search, keyset paging, errors,
// empty states and hostile titles. Ads are stored through the real crawl path (ReviewSeed).
let h: WebHarness;
let coordinator: WebClient;
const ids: Record<string, string> = {};
const filler: string[] = [];
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(1)> "quoted"';
let seed: ReviewSeed;
let account: TestAccount;

beforeAll(async () => {
  h = await startWebHarness();
  seed = new ReviewSeed(h.db, 'site-main');
  const other = new ReviewSeed(h.db, 'site-other');
  ids.top = await seed.ad({
    place: PLACES.haarlem, score: 0.9, title: HOSTILE, phones: ['+31612345001'], licence: 'unlicensed', seenAt: '2025-01-05T10:00:00Z',
    indicators: [{ code: 'phone_shared', contribution: 0.5 }, { code: 'unlicensed', contribution: 0.4 }, { code: 'under_21', contribution: 0.3 }, { code: 'always_available', contribution: 0.05 }, { code: 'new_in_town', contribution: 0.01 }],
  });
  ids.velsen = await other.ad({ place: PLACES.velsen, score: 0.7, title: 'Velsen', licence: 'licensed', permitNumbers: ['HLM-2023-001'], indicators: [{ code: 'hotel_location', contribution: 0.7 }], seenAt: '2025-02-10T10:00:00Z' });
  ids.reviewed = await seed.ad({ place: PLACES.haarlem, score: 0.6, title: 'Beoordeeld', licence: 'unlicensed' });
  ids.gone = await seed.ad({ place: PLACES.haarlem, score: 0.5, title: 'Verdwenen', status: 'gone', licence: 'unlicensed' });
  ids.zaanstad = await seed.ad({ place: PLACES.zaanstad, score: 0.95, title: 'Zaandam', phones: ['+31612345001'], licence: 'unlicensed' });
  ids.utrecht = await seed.ad({ place: PLACES.utrecht, score: 0.99, title: 'Utrecht' });
  for (let i = 0; i < 55; i += 1) filler.push(await seed.ad({ place: PLACES.haarlem, score: 0.1 + i / 1000, title: `Vulling ${i}`, licence: 'unlicensed' }));
  account = await addUser(h.db, 'coordinator', { district: 'Kennemerland' });
  await recordDecision(h.db, { adId: ids.reviewed!, scope: districtScope('Kennemerland'), userId: account.user.id, decision: 'passed_care', note: null });
  coordinator = await loggedIn(h.app, account);
}, 60_000);
afterAll(() => h?.close());

/** The ad ids of the rows, in page order. */
function rowIds(body: string): string[] {
  const table = body.split('<tbody>')[1]?.split('</tbody>')[0] ?? '';
  return [...table.matchAll(/<a href="\/advertenties\/(\d+)">/g)].map((m) => m[1]!);
}

async function queue(client: WebClient, query = ''): Promise<{ status: number; body: string; ids: string[] }> {
  const response = await client.get(`/werkvoorraad${query}`);
  return { status: response.statusCode, body: response.body, ids: rowIds(response.body) };
}

describe('GET /werkvoorraad', () => {
  it("shows a coordinator their district's live, unreviewed ads, highest risk first, with Dutch labels", async () => {
    const page = await queue(coordinator);
    expect(page.status).toBe(200);
    expect(page.ids.slice(0, 2)).toEqual([ids.top, ids.velsen]);
    expect(page.ids).not.toContain(ids.zaanstad);
    expect(page.ids).not.toContain(ids.utrecht);
    expect(page.ids).not.toContain(ids.reviewed);
    expect(page.ids).not.toContain(ids.gone);
    expect(page.body).toContain('Nummer bij meerdere profielen');
    expect(page.body).toContain('Jonger dan 21');
    expect(page.body).toContain('Geen vergunning gevonden');
    // Top indicators are the risk score's: the licence breach (compliance, scored apart) is not one of them.
    const topRow = page.body.slice(page.body.indexOf(`/advertenties/${ids.top}`), page.body.indexOf('</tr>', page.body.indexOf(`/advertenties/${ids.top}`)));
    expect([...topRow.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1])).toEqual(['Nummer bij meerdere profielen', 'Jonger dan 21', 'Altijd beschikbaar (24/7)']);
    expect(page.body).toMatch(/<meter min="0" max="1"[^>]* value="0\.9000"/);
  });

  it('escapes a hostile title', async () => {
    const { body } = await queue(coordinator);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;');
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
  });

  it.each([
    ['?licence=licensed', 'velsen'],
    ['?indicator=hotel_location', 'velsen'],
    ['?municipality=GM0453', 'velsen'],
    ['?site=site-other', 'velsen'],
    ['?firstSeenFrom=2025-02-01&firstSeenTo=2025-02-28', 'velsen'],
    ['?lastSeenTo=2025-01-05&lastSeenFrom=2025-01-05', 'top'],
    ['?review=yes', 'reviewed'],
    ['?review=passed_care', 'reviewed'],
    ['?status=gone', 'gone'],
    ['?phone=06%2012%2034%205001', 'top'],
    ['?permit=hlm%202023%20001', 'velsen'],
  ])('filters %s', async (query, expected) => {
    const page = await queue(coordinator, query);
    expect(page.status).toBe(200);
    expect(page.ids).toEqual([ids[expected]]);
  });

  it('widens a phone search to reviewed and gone ads, but never beyond the district', async () => {
    await h.db.query(`INSERT INTO ad_phones (ad_id, e164, country, type, obfuscated) SELECT id, '+31612345001', 'NL', 'mobile', false FROM ads WHERE id = ANY($1::bigint[]) ON CONFLICT DO NOTHING`, [[ids.gone, ids.reviewed]]);
    const page = await queue(coordinator, '?phone=%2B31612345001');
    expect(new Set(page.ids)).toEqual(new Set([ids.top, ids.reviewed, ids.gone]));
    expect(page.body).toContain('Zoeken doorzoekt alle advertenties');
  });

  it('pages by keyset: next page link, no row twice, back to the start', async () => {
    const first = await queue(coordinator, '?review=all&status=all');
    expect(first.ids).toHaveLength(50);
    const next = /<a href="([^"]+)" rel="next">/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(/^\/werkvoorraad\?review=all&status=all&cursor=/);
    const second = await queue(coordinator, next!.slice('/werkvoorraad'.length));
    expect(second.body).toContain('Terug naar het begin');
    expect(second.body).not.toContain('rel="next"');
    const all = [...first.ids, ...second.ids];
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set([ids.top, ids.velsen, ids.reviewed, ids.gone, ...filler]));
    expect(all.slice(-3)).toEqual([filler[2], filler[1], filler[0]]);
  });

  it('answers bad filters with the form and Dutch messages, not a bare error', async () => {
    const page = await queue(coordinator, '?phone=geen-nummer&cursor=xyz&review=misschien');
    expect(page.status).toBe(400);
    expect(page.body).toContain('Telefoonnummer: hierin is niet precies één telefoonnummer te herkennen.');
    expect(page.body).toContain('Deze paginalink is ongeldig');
    expect(page.body).toContain('Beoordeling: deze waarde is ongeldig.');
    expect(page.body).toContain('value="geen-nummer"');
    expect(page.ids).toEqual([]);
    const range = await queue(coordinator, '?firstSeenFrom=2025-03-01&firstSeenTo=2025-01-01');
    expect(range.status).toBe(400);
    expect(range.body).toContain('Eerst gezien tot en met: deze datum ligt vóór de begindatum.');
  });

  it('keeps a coordinator inside their district whatever the query says', async () => {
    expect((await queue(coordinator, '?district=Zaanstreek-Waterland&review=all&status=all')).ids).toEqual([]);
    const zaanstreek = await loggedIn(h.app, await addUser(h.db, 'coordinator', { district: 'Zaanstreek-Waterland' }));
    const page = await queue(zaanstreek, '?review=all&status=all');
    expect(page.ids).toEqual([ids.zaanstad]);
    expect(page.body).not.toContain('name="district"');
  });

  it('shows an admin every ad, with a district filter', async () => {
    const admin = await loggedIn(h.app, await addUser(h.db, 'admin'));
    const page = await queue(admin);
    expect(page.ids.slice(0, 3)).toEqual([ids.utrecht, ids.zaanstad, ids.top]);
    expect(page.body).toContain('name="district"');
    expect((await queue(admin, '?district=Zaanstreek-Waterland')).ids).toEqual([ids.zaanstad]);
  });

  it('refuses analysts', async () => {
    const analyst = await loggedIn(h.app, await addUser(h.db, 'analyst'));
    const response = await analyst.get('/werkvoorraad');
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('Vulling');
  });

  it('says so in Dutch when there is nothing to show', async () => {
    const empty = await loggedIn(h.app, await addUser(h.db, 'coordinator', { district: 'Noord-Holland Noord' }));
    expect((await queue(empty)).body).toContain('Er zijn geen advertenties die nog beoordeeld moeten worden.');
    expect((await queue(coordinator, '?indicator=photo_reuse')).body).toContain('Geen advertenties gevonden met deze filters.');
  });

  it('keeps the filters in the form, so the URL and the page agree', async () => {
    const { body } = await queue(coordinator, '?licence=licensed&indicator=hotel_location&site=site-other&review=all');
    expect(body).toMatch(/<option value="licensed" selected>/);
    expect(body).toMatch(/<option value="hotel_location" selected>/);
    expect(body).toMatch(/<option value="site-other" selected>/);
    expect(body).toMatch(/<option value="all" selected>Alle<\/option>/);
    expect(body).toMatch(/<option value="GM0453">Velsen<\/option>/);
    expect(body).not.toContain('Zaanstad</option>');
  });
});
