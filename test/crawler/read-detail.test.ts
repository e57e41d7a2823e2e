import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readDetail, resolveSiteConfig, type SiteConfigInput } from '../../src/crawler/index.js';
import { parseSelector } from '../../src/crawler/field-selector.js';
import { ScrapedAdSchema } from '../../src/domain/scraped-ad.js';
import { buildSite } from './local-site.js';

const SEEN = new Date('2025-03-01T21:00:00.000Z');

async function demoSite(id: string) {
  const input = JSON.parse(await readFile(`config/demo-sites/${id}.json`, 'utf8')) as SiteConfigInput;
  return resolveSiteConfig(input, 'http://127.0.0.1:1');
}

describe('parseSelector', () => {
  it('splits fallbacks and attribute reads, leaving @ inside attribute values alone', () => {
    expect(parseSelector('img.photo@src || .x')).toEqual([{ css: 'img.photo', attr: 'src' }, { css: '.x' }]);
    expect(parseSelector('a[href^="mailto:x@y"]')).toEqual([{ css: 'a[href^="mailto:x@y"]' }]);
    expect(parseSelector('a[href^="mailto:x@y"]@href')).toEqual([{ css: 'a[href^="mailto:x@y"]', attr: 'href' }]);
  });
});

describe('readDetail', () => {
  const site = resolveSiteConfig(
    buildSite({
      detail: {
        urlPattern: '^/ad/(\\d+)$',
        fields: {
          title: 'h1.missing || h1',
          name: '.naam || .name',
          age: '.profile@data-age',
          location: '.place',
          phone: 'a.tel@href || .phone',
          text: '.text',
        },
      },
    }),
    'http://127.0.0.1:1',
  );
  const page = `<html><body>
    <h1>  Nieuw   in\tHaarlem </h1>
    <div class="profile" data-age=" 23 jaar "><span class="name">Eva</span></div>
    <span class="place">Haarlem&nbsp;Centrum</span>
    <span class="phone">06 - 12 34 56 78</span>
    <div class="text"><p>Lieve dame,<br>ook <b>thuis</b>ontvangst.</p><p>Bel me!</p><script>var x = 1;</script></div>
  </body></html>`;

  it('reads every field with fallbacks, @attr and normalised whitespace', () => {
    const ad = readDetail(page, 'http://127.0.0.1:1/ad/42', site, SEEN);
    expect(ad).toEqual({
      site: 'local',
      siteAdId: '42',
      url: 'http://127.0.0.1:1/ad/42',
      title: 'Nieuw in Haarlem',
      name: 'Eva',
      age: '23 jaar',
      location: 'Haarlem Centrum',
      phoneText: '06 - 12 34 56 78',
      text: 'Lieve dame, ook thuisontvangst. Bel me!',
      photoHashes: [],
      seenAt: '2025-03-01T21:00:00.000Z',
    });
    expect(ScrapedAdSchema.parse(ad)).toEqual(ad);
  });

  it('returns null without ad text or for a URL that is not a detail page', () => {
    expect(readDetail('<h1>Leeg</h1>', 'http://127.0.0.1:1/ad/42', site, SEEN)).toBeNull();
    expect(readDetail(page, 'http://127.0.0.1:1/list?page=1', site, SEEN)).toBeNull();
    expect(readDetail(page, 'not a url', site, SEEN)).toBeNull();
  });

  it("reads demo-c's definition list with :contains('…')", async () => {
    const demoC = await demoSite('demo-c');
    const html = `<h1>Sandra</h1><dl class="kenmerken">
      <dt>Naam</dt><dd>Sandra</dd><dt>Plaats:</dt><dd> Zaandam </dd><dt>Leeftijd</dt><dd>27</dd>
      <dt>Telefoon</dt><dd>nul zes 1 2 3 4 5 6 7 8</dd></dl><div class="tekst">Hoi, ik ben Sandra.</div>`;
    const ad = readDetail(html, 'http://127.0.0.1:1/advertentie/977/sandra-zaandam', demoC, SEEN);
    expect(ad).toMatchObject({
      site: 'demo-c',
      siteAdId: '977',
      name: 'Sandra',
      location: 'Zaandam',
      age: '27',
      phoneText: 'nul zes 1 2 3 4 5 6 7 8',
      text: 'Hoi, ik ben Sandra.',
    });
  });

  it('still reads the fields of a truncated, badly nested page', async () => {
    const demoA = await demoSite('demo-a');
    const html = `<html><body><div class="ad"><h1 class="ad-title">Mooie <b>Lisa</h1></b>
      <p class="ad-place">Alkmaar<p class="ad-phone">0612345678
      <div class="ad-description">Nieuw in Alkmaar <i>discreet <u>en</i> lief</u><table><tr><td>24/7`;
    const ad = readDetail(html, 'http://127.0.0.1:1/vrouwen/lisa-alkmaar_5123', demoA, SEEN);
    expect(ad).toMatchObject({ siteAdId: '5123', title: 'Mooie Lisa', location: 'Alkmaar', phoneText: '0612345678' });
    expect(ad?.text).toBe('Nieuw in Alkmaar discreet en lief 24/7');
  });
});

describe('readDetail on hostile pages', () => {
  it('reads text nested deeper than the call stack and a 2 MB description', () => {
    const site = resolveSiteConfig(buildSite(), 'http://127.0.0.1:1');
    const deep = `<div class="text">${'<b>'.repeat(20_000)}diep${'</b>'.repeat(20_000)}</div>`;
    expect(readDetail(deep, 'http://127.0.0.1:1/ad/1', site, SEEN)?.text).toBe('diep');
    const words = '<span>woord</span> '.repeat(100_000);
    const big = readDetail(`<div class="text">${words}</div>`, 'http://127.0.0.1:1/ad/1', site, SEEN);
    expect(big?.text.length).toBe('woord '.length * 100_000 - 1);
  });
});
