// Photo hashing inside a real crawl of a local site: good, broken, oversized, throttled and disallowed photos.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite, resolveSiteConfig } from '../../src/crawler/index.js';
import { photoHash } from '../../src/crawler/photo-hash.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import { photoPng } from '../../src/fixtures/index.js';
import { buildSite, html, startLocalSite, type LocalSite, type Reply, type Route } from './local-site.js';

const MAX_BYTES = 50_000;

function adWithPhotos(id: number, photos: string[]): Route {
  const images = photos.map((src) => `<img src="${src}" alt="">`).join('');
  return () => html(`<h1>Ad ${id}</h1><div class="fotos">${images}</div><div class="text">Advertentie ${id}, lieve dame in Haarlem.</div>`);
}

function image(body: Buffer, type = 'image/png'): Reply {
  return { headers: { 'content-type': type, 'content-length': String(body.length) }, body };
}

interface PhotoRequestSeen {
  path: string;
  userAgent?: string;
  referer?: string;
}

/** Image files as the local site serves them, kept by the test (not the crawler) to compute expected hashes. */
const files = { a: photoPng('pa'), c: [0, 1, 2, 3, 4, 5].map((i) => photoPng(`pc${i}`)), throttled: photoPng('pt'), flaky: photoPng('pf'), moved: photoPng('pm') };

async function routes(seen: PhotoRequestSeen[]): Promise<Record<string, Route>> {
  const jpeg = await sharp(photoPng('pb')).resize(400, 400).jpeg({ quality: 80 }).toBuffer();
  const photo = (reply: (hit: number) => Reply | Promise<Reply>): Route => (hit, request) => {
    seen.push({ path: request.url ?? '', userAgent: request.headers['user-agent'], referer: request.headers.referer });
    return reply(hit);
  };
  return {
    '/robots.txt': () => ({ headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private/\n' }),
    '/list?page=1': () => html([1, 2, 3, 4, 5, 6, 7, 8].map((id) => `<a class="ad" href="/ad/${id}">ad</a>`).join('')),
    '/ad/1': adWithPhotos(1, ['/img/a.png', 'b.jpg']),
    '/ad/2': adWithPhotos(2, ['/img/missing.png', '/img/a.png']),
    '/ad/3': adWithPhotos(3, ['/img/page.png', '/img/garbage.png', '/img/truncated.png']),
    '/ad/4': adWithPhotos(4, ['/img/huge-declared.jpg', '/img/huge-chunked.jpg']),
    '/ad/5': adWithPhotos(5, files.c.map((_, i) => `/img/c${i}.png`)),
    '/ad/6': adWithPhotos(6, ['/img/throttled.png', '/img/flaky.png', '/private/p.png', '/img/slow.png']),
    '/ad/7': adWithPhotos(7, []),
    '/ad/8': adWithPhotos(8, ['/img/moved.png', '/img/moved-away.png']),
    '/img/a.png': photo(() => image(files.a)),
    '/ad/b.jpg': photo(() => image(jpeg, 'image/jpeg')),
    '/img/missing.png': photo(() => ({ status: 404, body: 'not found' })),
    '/img/page.png': photo(() => html('<h1>Deze foto is verwijderd</h1>')),
    '/img/garbage.png': photo(() => image(Buffer.from('definitely not a png, just text'))),
    '/img/truncated.png': photo(() => image(files.a.subarray(0, 80))),
    '/img/huge-declared.jpg': photo(() => image(Buffer.concat([jpeg, Buffer.alloc(MAX_BYTES)]), 'image/jpeg')),
    // No Content-Length (chunked): only counting the body finds out.
    '/img/huge-chunked.jpg': photo(() => ({ headers: { 'content-type': 'image/jpeg' }, body: Buffer.concat([jpeg, Buffer.alloc(MAX_BYTES)]) })),
    ...Object.fromEntries(files.c.map((bytes, i) => [`/img/c${i}.png`, photo(() => image(bytes))])),
    '/img/throttled.png': photo((hit) => (hit === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' } : image(files.throttled))),
    '/img/flaky.png': photo((hit) => (hit === 1 ? { status: 503, body: 'busy' } : image(files.flaky))),
    '/private/p.png': photo(() => image(files.a)),
    '/img/moved.png': photo(() => ({ status: 301, headers: { location: '/img/new/moved.png' } })),
    '/img/new/moved.png': photo(() => image(files.moved)),
    // A redirect to a host the config does not allow is not followed.
    '/img/moved-away.png': photo(() => ({ status: 302, headers: { location: 'http://192.0.2.1/x.png' } })),
    // Never answers within the site's request timeout.
    '/img/slow.png': photo(() => new Promise<Reply>((resolve) => setTimeout(() => resolve(image(files.a)), 8_000))),
  };
}

const SITE = buildSite({
  detail: { urlPattern: '^/ad/(\\d+)$', fields: { title: 'h1', text: '.text' }, photos: { selector: '.fotos img', maxPerAd: 4, maxBytes: MAX_BYTES } },
  politeness: { maxConcurrency: 4, maxRequestsPerMinute: 60_000, robotsTxt: 'respect', maxRetries: 2, requestTimeoutSecs: 5 },
});

/** The crawl storage directories crawlSite makes (zicht-crawl-*) and every file in them, read whole. */
async function crawlStorage(): Promise<{ dirs: number; files: Buffer[] }> {
  const dirs = (await readdir(tmpdir())).filter((name) => name.startsWith('zicht-crawl-'));
  const files: Buffer[] = [];
  for (const dir of dirs) {
    const entries = await readdir(path.join(tmpdir(), dir), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isFile()) files.push(await readFile(path.join(entry.parentPath, entry.name)).catch(() => Buffer.alloc(0)));
  }
  return { dirs: dirs.length, files };
}

describe('photo hashing during a crawl', () => {
  let site: LocalSite;
  const seen: PhotoRequestSeen[] = [];
  const logLines: Array<Record<string, unknown>> = [];
  const ads = new Map<string, ScrapedAd>();
  let storage: { dirs: number; files: Buffer[] } = { dirs: 0, files: [] };
  let stats: Awaited<ReturnType<typeof crawlSite>>;

  beforeAll(async () => {
    site = await startLocalSite(await routes(seen));
    const log = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
    stats = await crawlSite(resolveSiteConfig(SITE, site.url), {
      log,
      onAd: async (ad) => {
        ads.set(ad.siteAdId, ad);
        if (ads.size === 8) storage = await crawlStorage(); // mid-crawl: storage still open
      },
    });
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  it('stores every ad, with the hashes of the photos that could be hashed', async () => {
    const hash = (bytes: Buffer) => photoHash(bytes);
    const jpeg = await sharp(photoPng('pb')).resize(400, 400).jpeg({ quality: 80 }).toBuffer();
    expect([...ads.keys()].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(stats.pagesFailed).toBe(0);
    expect(ads.get('1')!.photoHashes).toEqual([await hash(files.a), await hash(jpeg)]);
    expect(ads.get('2')!.photoHashes).toEqual([await hash(files.a)]);
    expect(ads.get('3')!.photoHashes).toEqual([]);
    expect(ads.get('4')!.photoHashes).toEqual([]);
    expect(ads.get('5')!.photoHashes).toEqual(await Promise.all(files.c.slice(0, 4).map(hash)));
    expect(ads.get('6')!.photoHashes).toEqual([await hash(files.throttled), await hash(files.flaky)]);
    expect(ads.get('7')!.photoHashes).toEqual([]);
    expect(ads.get('8')!.photoHashes).toEqual([await hash(files.moved)]);
    for (const ad of ads.values()) for (const h of ad.photoHashes) expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect({ hashed: stats.photosHashed, skipped: stats.photosSkipped }).toEqual({ hashed: 9, skipped: 9 });
  });

  it('logs each skipped photo once with the reason, and never retries a broken one', () => {
    const skipped = logLines.filter((l) => l.msg === 'photo skipped').map((l) => [new URL(String(l.photoUrl)).pathname, l.code, new URL(String(l.url)).pathname]);
    expect(skipped.sort()).toEqual(
      [
        ['/img/missing.png', 'HTTP_STATUS', '/ad/2'],
        ['/img/page.png', 'NOT_IMAGE', '/ad/3'],
        ['/img/garbage.png', 'NOT_IMAGE', '/ad/3'],
        ['/img/truncated.png', 'UNDECODABLE', '/ad/3'],
        ['/img/huge-declared.jpg', 'TOO_LARGE', '/ad/4'],
        ['/img/huge-chunked.jpg', 'TOO_LARGE', '/ad/4'],
        ['/private/p.png', 'ROBOTS', '/ad/6'],
        ['/img/slow.png', 'ABORTED', '/ad/6'],
        ['/img/moved-away.png', 'HTTP_STATUS', '/ad/8'],
      ].sort(),
    );
    const hits = (p: string) => site.hits.get(p);
    expect([hits('/img/missing.png'), hits('/img/page.png'), hits('/img/truncated.png'), hits('/img/huge-chunked.jpg')]).toEqual([1, 1, 1, 1]);
    expect([hits('/img/throttled.png'), hits('/img/flaky.png')]).toEqual([2, 2]);
  });

  it('fetches each photo URL once per crawl, at most maxPerAd per ad, never what robots.txt disallows', () => {
    expect(site.hits.get('/img/a.png')).toBe(1); // shown in ads 1 and 2
    expect(site.hits.get('/img/c3.png')).toBe(1);
    expect(site.hits.has('/img/c4.png') || site.hits.has('/img/c5.png')).toBe(false);
    expect(site.hits.has('/private/p.png')).toBe(false);
  });

  it('asks for photos as itself, with the ad page as Referer', () => {
    const userAgent = resolveSiteConfig(SITE, site.url).politeness.userAgent;
    expect(seen.length).toBeGreaterThan(10);
    for (const request of seen) {
      expect(request.userAgent).toBe(userAgent);
      // After a redirect the Referer is the redirecting URL, as in a browser.
      const from = request.path === '/img/new/moved.png' ? `${site.url}/img/moved.png` : new RegExp(`^${site.url}/ad/\\d$`);
      expect(request.referer).toMatch(from);
    }
  });

  it('keeps no image bytes: not in the ad, not in crawl storage, not in the decoder cache', () => {
    expect(storage.dirs).toBeGreaterThan(0); // looked while this crawl's storage was open
    expect(storage.files.some((f) => f.includes(files.a.subarray(0, 8)) || f.includes(Buffer.from([0xff, 0xd8, 0xff])))).toBe(false);
    expect(existsSync('storage')).toBe(false); // crawlee's default local storage is never used
    const payload = JSON.stringify([...ads.values()]);
    expect(payload.length).toBeLessThan(4_000);
    expect(sharp.cache()).toMatchObject({ memory: { current: 0 }, items: { current: 0 } });
  });
});

describe('politeness of photo downloads', () => {
  let site: LocalSite;
  const arrivals: number[] = [];
  beforeAll(async () => {
    const stamp = (reply: Reply): Route => () => {
      arrivals.push(performance.now());
      return reply;
    };
    site = await startLocalSite({
      '/robots.txt': () => ({ headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow:\n' }),
      '/list?page=1': stamp(html('<a class="ad" href="/ad/1">1</a><a class="ad" href="/ad/2">2</a>')),
      '/ad/1': stamp(html('<div class="fotos"><img src="/img/1.png"><img src="/img/2.png"></div><div class="text">Eén</div>')),
      '/ad/2': stamp(html('<div class="fotos"><img src="/img/3.png"><img src="/img/4.png"></div><div class="text">Twee</div>')),
      ...Object.fromEntries([1, 2, 3, 4].map((i) => [`/img/${i}.png`, stamp(image(photoPng(`q${i}`)))])),
    });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('spaces page and photo requests alike by the site maxRequestsPerMinute', async () => {
    const config = resolveSiteConfig({ ...SITE, politeness: { ...SITE.politeness, maxRequestsPerMinute: 600 } }, site.url);
    const ads: ScrapedAd[] = [];
    const stats = await crawlSite(config, { log: pino({ level: 'silent' }), onAd: async (ad) => void ads.push(ad) });
    expect(stats.photosHashed).toBe(4);
    expect(arrivals).toHaveLength(7); // 1 listing, 2 ads, 4 photos
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
    // 600 per minute = one request start per 100 ms. Arrival times jitter on a busy machine, so each gap
    // is only checked loosely; the whole span (jitter only at its two ends) is checked closely.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(6 * 100 - 20);
  }, 30_000);
});
