import { load, type CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACES, ReviewSeed, type SeedAd } from '../store/review-seed.js';
import { personalDataIn, type Forbidden } from './personal-data.js';
import { addUser, loggedIn, startWebHarness, type WebHarness } from './web-harness.js';

// The overview counts "this week" as the 7 days before the request: seed relative to now.
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const OLD = daysAgo(40);
const THIS_WEEK = daysAgo(2);

let h: WebHarness;
const forbidden = { phones: [] as string[], words: [] as string[], urls: ['127.0.0.1/', '/escort/'] } satisfies Forbidden;
let n = 0;

/** `count` ads like `spec`, each with its own name and number in its text (which must never show). */
function ads(count: number, spec: SeedAd): SeedAd[] {
  return Array.from({ length: count }, () => {
    n += 1;
    const phone = `+3161234${String(n).padStart(4, '0')}`;
    const name = `Roxanne${n}`;
    forbidden.phones.push(phone);
    forbidden.words.push(name);
    return { ...spec, phones: [phone], title: `${name} nieuw hier`, text: `Ik ben ${name}, bel ${phone.replace('+31', '0')}` };
  });
}

beforeAll(async () => {
  h = await startWebHarness();
  // As in test/store/review-overview.test.ts, which checks the counting and suppression themselves.
  await new ReviewSeed(h.db).ads([
    ...ads(12, { place: PLACES.haarlem, licence: 'unlicensed', seenAt: OLD }),
    ...ads(6, { place: PLACES.haarlem, licence: 'licensed', seenAt: THIS_WEEK }),
    ...ads(2, { place: PLACES.haarlem, licence: null, seenAt: OLD }),
    ...ads(3, { place: PLACES.haarlem, licence: 'unlicensed', seenAt: OLD, status: 'gone', goneAt: daysAgo(1) }),
    ...ads(7, { place: PLACES.velsen, licence: 'invalid_permit', seenAt: OLD }),
    ...ads(5, { place: PLACES.zaanstad, licence: 'unlicensed', seenAt: THIS_WEEK }),
    ...ads(2, { place: PLACES.utrecht, licence: 'out_of_region', seenAt: OLD }),
  ]);
});
afterAll(() => h?.close());

async function overviewAs(role: 'admin' | 'analyst' | 'coordinator', path = '/overzicht'): Promise<{ $: CheerioAPI; body: string }> {
  const client = await loggedIn(h.app, await addUser(h.db, role, { district: 'Kennemerland' }));
  const response = await client.get(path);
  expect(response.statusCode).toBe(200);
  return { $: load(response.body), body: response.body };
}

const sectionNames = ($: CheerioAPI) => $('section.overview-district h2').map((_, h2) => $(h2).text()).get();
const figures = ($: CheerioAPI, district: string) =>
  $('section.overview-district').filter((_, s) => $(s).find('h2').text() === district).find('.figure').map((_, f) => $(f).text()).get();

/** A municipality's row: the licence columns, online total, new, gone. */
function row($: CheerioAPI, municipality: string): Record<string, string> {
  const headers = $('table.overview-table').first().find('thead th').map((_, th) => $(th).text()).get();
  const tr = $('table.overview-table tbody tr').filter((_, r) => $(r).find('th').text() === municipality);
  const values = tr.find('th, td').map((_, c) => $(c).text().trim()).get();
  return Object.fromEntries(headers.map((header, i) => [header, values[i]!]));
}

describe('/overzicht', () => {
  it('shows an admin every district: online ads per municipality and licence status, new and gone this week', async () => {
    const { $ } = await overviewAs('admin');
    expect(sectionNames($)).toEqual(['Zaanstreek-Waterland', 'Kennemerland', 'Buiten de drie districten of plaats onbekend']);
    expect(figures($, 'Kennemerland')).toEqual(['27', '6', '3']);
    expect(figures($, 'Zaanstreek-Waterland')).toEqual(['5', '5', '0']);
    expect(row($, 'Haarlem')).toEqual({
      Gemeente: 'Haarlem',
      Vergund: '6',
      'Vergunningnummer klopt niet': '0',
      'Buiten de regio': '0',
      'Plaats onbekend': '0',
      'Geen vergunning gevonden': '12',
      'Nog niet getoetst': '2',
      'Online totaal': '20',
      Nieuw: '6',
      Verdwenen: '3',
    });
    expect(row($, 'Velsen')['Vergunningnummer klopt niet']).toBe('7');
    expect($('select#f-district').length).toBe(1);
    expect($('.suppression-note').length).toBe(0);
  });

  it('lets an admin or analyst choose one district', async () => {
    const { $ } = await overviewAs('admin', '/overzicht?district=Zaanstreek-Waterland');
    expect(sectionNames($)).toEqual(['Zaanstreek-Waterland']);
    expect($('#f-district option[selected]').attr('value')).toBe('Zaanstreek-Waterland');
    expect((await (await loggedIn(h.app, await addUser(h.db, 'admin'))).get('/overzicht?district=Amsterdam')).statusCode).toBe(400);
  });

  it("shows a coordinator their own district only, whatever the query asks", async () => {
    for (const path of ['/overzicht', '/overzicht?district=Zaanstreek-Waterland']) {
      const { $ } = await overviewAs('coordinator', path);
      expect($('h1').text()).toBe('Overzicht Kennemerland');
      expect(sectionNames($)).toEqual(['Kennemerland']);
      expect($('table.overview-table tbody th').map((_, th) => $(th).text()).get()).toEqual(['Haarlem', 'Velsen']);
      expect($('select#f-district').length).toBe(0);
    }
  });

  it('withholds small counts from an analyst, visibly, and explains why', async () => {
    const { $, body } = await overviewAs('analyst');
    expect($('.suppression-note').text()).toContain('Kleine aantallen zijn weggelaten');
    const haarlem = row($, 'Haarlem');
    // 2 not assessed is withheld, and the licensed 6 with it (20 − 12 − 6 would give the 2 back).
    expect([haarlem['Nog niet getoetst'], haarlem.Vergund, haarlem['Geen vergunning gevonden']]).toEqual(['verborgen', 'verborgen', '12']);
    expect(haarlem.Verdwenen).toBe('verborgen');
    expect(figures($, 'Kennemerland')).toEqual(['27', '6', 'verborgen']);
    // Zaanstreek-Waterland's 5 is withheld to protect the 2 outside the districts; its only
    // municipality must not give it back.
    expect(figures($, 'Zaanstreek-Waterland')[0]).toBe('verborgen');
    expect(row($, 'Zaanstad')).toMatchObject({ 'Online totaal': 'verborgen', 'Geen vergunning gevonden': 'verborgen', Vergund: '0' });
    const shownCounts = $('td.num, .figure').map((_, c) => $(c).text().trim()).get().filter((t) => /^\d+$/.test(t)).map(Number);
    expect(shownCounts.filter((c) => c > 0 && c < 5)).toEqual([]);
    expect(personalDataIn(body, forbidden)).toEqual([]);
  });

  it('never shows a phone number, name, text or URL to anyone', async () => {
    for (const role of ['admin', 'coordinator'] as const) expect(personalDataIn((await overviewAs(role)).body, forbidden)).toEqual([]);
  });
});

describe('the personal data scan', () => {
  it('finds what it looks for, so a clean page means something', () => {
    const phone = forbidden.phones[0]!;
    expect(personalDataIn(`<p>Bel ${phone.replace('+31', '0')}</p>`, forbidden).length).toBeGreaterThan(0);
    expect(personalDataIn('<p>nul zes een twee drie vier nul nul nul een</p>', forbidden)).not.toEqual([]);
    expect(personalDataIn(`<a href="http://127.0.0.1/x/escort/lisa_1">link</a>`, forbidden)).not.toEqual([]);
    expect(personalDataIn(`<span title="${forbidden.words[0]}">x</span>`, forbidden)).toEqual([`ad content "${forbidden.words[0]}"`]);
    expect(personalDataIn('<p>14 advertenties in week 2025-W03, 01-12-2025 02:05:55</p>', forbidden)).toEqual([]);
  });
});
