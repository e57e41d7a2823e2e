import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { readPhotoUrls } from '../../src/crawler/photo-urls.js';
import { PhotosSchema, SiteConfigSchema } from '../../src/crawler/site-config.js';
import { buildSite } from './local-site.js';

const PAGE = 'http://127.0.0.1:8080/vrouwen/eva_42';

function photosOf(html: string, config: Parameters<typeof PhotosSchema.parse>[0]) {
  return readPhotoUrls(load(html), PAGE, PhotosSchema.parse(config));
}

describe('readPhotoUrls', () => {
  it('reads src, resolves relative URLs and keeps page order, each photo once', () => {
    const html = `<div class="g"><img src="/img/a.png"><img src="b.jpg?w=800#zoom"><img src="/img/a.png"><img src="//127.0.0.1:8080/c.webp"></div>`;
    expect(photosOf(html, { selector: '.g img' }).urls).toEqual([
      'http://127.0.0.1:8080/img/a.png',
      'http://127.0.0.1:8080/vrouwen/b.jpg?w=800',
      'http://127.0.0.1:8080/c.webp',
    ]);
  });

  it('prefers the lazy-load attribute over the placeholder in src, per element', () => {
    const html = `<div class="g"><img src="/img/first.png">
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/second.png">
      <img src="/spacer.gif" data-lazy="/img/third.png"></div>`;
    expect(photosOf(html, { selector: '.g img' }).urls).toEqual(['http://127.0.0.1:8080/img/first.png', 'http://127.0.0.1:8080/img/second.png', 'http://127.0.0.1:8080/spacer.gif']);
    expect(photosOf(html, { selector: '.g img', attributes: ['data-lazy', 'data-src', 'src'] }).urls).toEqual([
      'http://127.0.0.1:8080/img/first.png',
      'http://127.0.0.1:8080/img/second.png',
      'http://127.0.0.1:8080/img/third.png',
    ]);
  });

  it('takes the first candidate of a srcset, honours `@attr` and falls back through `||`', () => {
    const html = `<picture><source data-srcset="/img/s-800.webp 800w, /img/s-1600.webp 1600w"></picture><a class="full" data-full="/img/full.jpg"></a>`;
    expect(photosOf(html, { selector: 'picture source', attributes: ['data-srcset'] }).urls).toEqual(['http://127.0.0.1:8080/img/s-800.webp']);
    expect(photosOf(html, { selector: '.gallery img || a.full@data-full' }).urls).toEqual(['http://127.0.0.1:8080/img/full.jpg']);
  });

  it('caps the photos per ad', () => {
    const html = Array.from({ length: 9 }, (_, i) => `<img class="p" src="/img/${i}.png">`).join('');
    expect(photosOf(html, { selector: 'img.p', maxPerAd: 3 }).urls).toEqual(['0', '1', '2'].map((i) => `http://127.0.0.1:8080/img/${i}.png`));
  });

  it("skips photos on other hosts unless listed, and never returns non-http URLs", () => {
    const html = `<img class="p" src="https://cdn.example.nl/a.jpg"><img class="p" src="http://169.254.169.254/latest">
      <img class="p" src="javascript:alert(1)"><img class="p" src="/img/own.png">`;
    expect(photosOf(html, { selector: 'img.p' })).toEqual({ urls: ['http://127.0.0.1:8080/img/own.png'], offHost: 2 });
    expect(photosOf(html, { selector: 'img.p', extraHosts: ['CDN.example.nl'] }).urls).toEqual([
      'https://cdn.example.nl/a.jpg',
      'http://127.0.0.1:8080/img/own.png',
    ]);
  });

  it('yields nothing for a page without photos or an invalid selector', () => {
    expect(photosOf('<p>geen foto</p>', { selector: '.g img' })).toEqual({ urls: [], offHost: 0 });
    expect(photosOf('<img src="/a.png">', { selector: 'img[' })).toEqual({ urls: [], offHost: 0 });
  });
});

describe('photos in the site config', () => {
  it('fills in defaults and refuses nonsense with the path of the problem', () => {
    const site = SiteConfigSchema.parse(buildSite({ detail: { urlPattern: '^/ad/(\\d+)$', fields: { text: '.text' }, photos: { selector: 'img' } } }));
    expect(site.detail.photos).toEqual({ selector: 'img', attributes: ['data-src', 'src'], maxPerAd: 4, maxBytes: 5_000_000, extraHosts: [] });
    const bad = SiteConfigSchema.safeParse(
      buildSite({ detail: { urlPattern: '^/ad/(\\d+)$', fields: { text: '.text' }, photos: { selector: 'img', maxPerAd: 0, maxBytes: 10, attributes: ['on click'] } } }),
    );
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['detail.photos.attributes.0', 'detail.photos.maxBytes', 'detail.photos.maxPerAd']);
  });
});
