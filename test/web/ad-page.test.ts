import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/store/index.js';
import { PAYLOADS, PERMIT, seedReviewAds, type ReviewAds } from './review-ads.js';
import { addUser, loggedIn, startWebHarness, type WebClient, type WebHarness } from './web-harness.js';

// The ad page through HTTP, on ads stored and scored by the real pipeline (review-ads.ts).
let h: WebHarness;
let ads: ReviewAds;
let kennemerland: WebClient;
let page: string;

beforeAll(async () => {
  h = await startWebHarness();
  ads = await seedReviewAds(h.db);
  kennemerland = await loggedIn(h.app, await addUser(h.db, 'coordinator', { district: 'Kennemerland' }));
  const response = await kennemerland.get(`/advertenties/${ads.hostile}`);
  expect(response.statusCode).toBe(200);
  page = response.body;
}, 120_000);
afterAll(() => h?.close());

/** The HTML of one section of the page, by its heading id. */
function section(id: string): string {
  const start = page.indexOf(`<section aria-labelledby="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('GET /advertenties/:id', () => {
  it('renders every hostile payload as text: nothing of it becomes markup', () => {
    for (const payload of Object.values(PAYLOADS)) expect(page, payload).not.toContain(payload);
    expect(page).not.toMatch(/<(script|img|svg|iframe)\b(?![^>]*src="\/static\/)/i);
    // No tag carries an event handler (escaped text has no '<', so every '<' here starts real markup).
    expect(page).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Nieuw in Haarlem');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&quot; onmouseover=&quot;alert(1)&quot; x=&quot;');
    // The ad's own URL was javascript:: the link to it is inert.
    expect(page).toMatch(/<a href="#" rel="noopener noreferrer nofollow" target="_blank">Advertentie op de site/);
  });

  it('marks each indicator\'s evidence in the current text with its label and number', () => {
    const text = section('h-tekst');
    expect(text).toMatch(/<mark class="hl" title="Onbeschermde diensten">zonder condoom<\/mark><sup class="hl-ref"[^>]*><span class="visually-hidden"> \(indicator <\/span>\d+<span class="visually-hidden">: Onbeschermde diensten\)<\/span><\/sup>/);
    expect(text).toMatch(/<mark class="hl" title="Altijd beschikbaar \(24\/7\)">dag en nacht<\/mark>/);
    expect(text).toMatch(/<mark class="hl" title="Jonger dan 21">19<\/mark>/);
    // Marked in the title and in the text, with the hostile title around it escaped.
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; <mark class="hl" title="Nieuw in de stad (omstreden signaal)">Nieuw in Haarlem</mark>');
  });

  it('lists each indicator with weight, contribution and evidence, the compliance part apart', () => {
    const risk = section('h-risico');
    expect(risk).toContain('Nummer bij meerdere profielen');
    expect(risk).toMatch(/Onbeschermde diensten <span class="muted code">unprotected<\/span><\/th>\s*<td class="num">0,15<\/td>\s*<td class="num">0,08<\/td>/);
    expect(risk).toContain('<q>zonder condoom</q>');
    expect(risk).toMatch(/Verschillende namen<\/dt><dd>3<\/dd>/); // not the names of another district's ad
    expect(risk).not.toContain('nina');
    expect(risk).toContain('Haarlem, Zaanstad');
    expect(risk).not.toContain('Geen vergunning</th>');
    const compliance = section('h-naleving');
    expect(compliance).toMatch(/Geen vergunning <span class="muted code">unlicensed<\/span>/);
    expect(compliance).toContain('niet mee in de risicoscore');
  });

  it('shows the extracted fields and the licence assessment with its evidence', async () => {
    const fields = section('h-velden');
    expect(fields).toContain(`<span class="phone">${ads.phone.e164}</span>`);
    expect(fields).toMatch(/Haarlem <span class="muted">\(GM0392\)<\/span> — zekerheid \d+%/);
    expect(fields).toMatch(/<dt>Leeftijd<\/dt><dd>19<\/dd>/);
    expect(section('h-vergunning')).toContain('Geen vergunning gevonden');
    const licensed = (await kennemerland.get(`/advertenties/${ads.licensed}`)).body;
    expect(licensed).toContain(`vergunning <strong>${PERMIT}</strong>`);
    expect(licensed).toContain('Geldige vergunning in het register');
  });

  it('shows what changed between the versions as a word diff, escaped', () => {
    const versions = section('h-versies');
    expect(versions).toContain('Versie 1 → versie 2');
    expect(versions).toMatch(/<del>24\/7<\/del>/);
    expect(versions).toMatch(/<ins>dag en nacht<\/ins>/);
    expect(versions).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(versions).not.toContain('<script>');
  });

  it('shows the timeline of sightings with site, town and change', () => {
    const timeline = section('h-tijdlijn');
    expect([...timeline.matchAll(/<tr><td><time/g)]).toHaveLength(2);
    expect(timeline).toContain(ads.site);
    expect(timeline).toContain('Haarlem');
    expect(timeline).toContain('gewijzigd');
  });

  it("lists linked ads; another district's only by town, site and dates", () => {
    const linked = section('h-gekoppeld');
    expect(linked).toContain(`<a href="/advertenties/${ads.sibling}">Mira &quot;&gt;&lt;svg onload=alert(1)&gt;</a>`);
    expect(linked).toContain('zelfde telefoonnummer');
    expect(linked).toContain('Zaanstad');
    expect(linked).toContain('advertentie in Zaanstreek-Waterland (niet in te zien)');
    expect(linked).not.toContain(`/advertenties/${ads.zaandam}`);
    expect(page).not.toContain('Zaandam geheim');
  });

  it('has the decision form with the Dutch decisions and the CSRF token', () => {
    const review = section('h-besluit');
    expect(review).toContain(`action="/advertenties/${ads.hostile}/besluit"`);
    expect(review).toMatch(/<input type="hidden" name="_csrf" value="[\w-]{20,}">/);
    expect(review).toContain('<option value="passed_police">Overgedragen aan politie (AVIM)</option>');
    expect(review).toContain('Besluit voor het hele cluster (2 advertenties in uw district)');
    expect(review).toContain('1 advertentie(s) in andere gebieden blijven ongemoeid');
  });

  it('records every view in the audit log', async () => {
    const { entries } = await listAuditEntries(h.db, { action: 'ad_view' }, { limit: 50 });
    expect(entries.some((e) => e.target === ads.hostile)).toBe(true);
  });

  it("is a 404 for another district's coordinator, a 403 for an analyst, open to an admin", async () => {
    const zaanstreek = await loggedIn(h.app, await addUser(h.db, 'coordinator', { district: 'Zaanstreek-Waterland' }));
    const before = (await listAuditEntries(h.db, { action: 'ad_view' }, { limit: 100 })).entries.length;
    const other = await zaanstreek.get(`/advertenties/${ads.hostile}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).toContain('Niet gevonden');
    expect(other.body).not.toContain('Haarlem');
    expect((await listAuditEntries(h.db, { action: 'ad_view' }, { limit: 100 })).entries.length).toBe(before);
    // Its own district's ad, linked back: the Kennemerland ads are listed without a link.
    const own = await zaanstreek.get(`/advertenties/${ads.zaandam}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(`/advertenties/${ads.hostile}"`);
    expect(own.body).not.toContain('Nieuw in Haarlem');

    expect((await (await loggedIn(h.app, await addUser(h.db, 'analyst'))).get(`/advertenties/${ads.hostile}`)).statusCode).toBe(403);
    const admin = (await (await loggedIn(h.app, await addUser(h.db, 'admin'))).get(`/advertenties/${ads.hostile}`)).body;
    expect(admin).toContain(`<a href="/advertenties/${ads.zaandam}">Zaandam geheim</a>`);
    expect(admin).toContain('nina');
  });

  it('is a 404 for an ad that does not exist or an id that cannot be one', async () => {
    for (const id of ['999999', 'abc', '0', '1e3', '99999999999999999999']) expect((await kennemerland.get(`/advertenties/${id}`)).statusCode, id).toBe(404);
  });
});
