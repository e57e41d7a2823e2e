import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteConfigError, loadSiteConfigs, resolveSiteConfig } from '../../src/crawler/index.js';
import { buildSite } from './local-site.js';

const DEMO_DIR = path.resolve('config/demo-sites');

describe('loadSiteConfigs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zicht-config-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the three demo sites and substitutes {baseUrl} from the environment', async () => {
    const env = {
      ZICHT_SITE_DEMO_A_URL: 'http://127.0.0.1:9001/',
      ZICHT_SITE_DEMO_B_URL: 'http://127.0.0.1:9002',
      ZICHT_SITE_DEMO_C_URL: 'http://127.0.0.1:9003',
    };
    const sites = await loadSiteConfigs(DEMO_DIR, env);
    expect(sites.map((s) => s.id)).toEqual(['demo-a', 'demo-b', 'demo-c']);
    expect(sites[0]?.startUrls).toEqual([
      'http://127.0.0.1:9001/vrouwen?page=1',
      'http://127.0.0.1:9001/mannen?page=1',
      'http://127.0.0.1:9001/trans?page=1',
    ]);
    expect(sites[1]?.kind).toBe('playwright');
    expect(sites[1]?.clicks.revealPhone).toBe('button.toon-nummer');
    expect(sites[2]?.politeness.maxRetries).toBe(4); // default filled in
  });

  it('names the missing base URL of every site', async () => {
    const error = await loadSiteConfigs(DEMO_DIR, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiteConfigError);
    const problems = (error as SiteConfigError).problems;
    expect(problems.filter((p) => p.message.includes('ZICHT_SITE_DEMO_A_URL'))).toHaveLength(3);
    expect(problems.some((p) => p.message.includes('ZICHT_SITE_DEMO_C_URL') && p.path === 'startUrls.1')).toBe(true);
  });

  it('throws one error listing every problem of every file', async () => {
    await writeFile(path.join(dir, 'a-broken.json'), '{ "id": "x", ');
    const bad = {
      ...buildSite({ id: 'Bad Id', kind: 'selenium' as 'cheerio', startUrls: [] }),
      detail: { urlPattern: '(', fields: { text: '' } },
      politeness: { maxConcurrency: 0 },
    };
    await writeFile(path.join(dir, 'b-bad.json'), JSON.stringify(bad));
    await writeFile(path.join(dir, 'c-good.json'), JSON.stringify(buildSite({ baseUrl: 'http://127.0.0.1:1' })));
    await writeFile(path.join(dir, 'd-dup.json'), JSON.stringify(buildSite({ baseUrl: 'http://127.0.0.1:2' })));
    await writeFile(path.join(dir, 'notes.txt'), 'ignored');
    const error = (await loadSiteConfigs(dir, {}).catch((e: unknown) => e)) as SiteConfigError;
    expect(error).toBeInstanceOf(SiteConfigError);
    const where = error.problems.map((p) => `${path.basename(p.file)}:${p.path}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'a-broken.json:',
        'b-bad.json:id',
        'b-bad.json:kind',
        'b-bad.json:startUrls',
        'b-bad.json:detail.fields.text',
        'b-bad.json:politeness.maxConcurrency',
        'd-dup.json:id',
      ]),
    );
    expect(error.message).toContain('a-broken.json');
    expect(error.message).toContain('b-bad.json politeness.maxConcurrency');
    expect(error.message).toContain('d-dup.json id: site id "local" is also used by');
    expect(error.code).toBe('SITE_CONFIG_INVALID');
  });

  it('reports an invalid regex (zod only reaches refinements once the shape is valid)', async () => {
    const site = buildSite({ detail: { urlPattern: '([', fields: { text: '.t' } } });
    expect(() => resolveSiteConfig(site, 'http://127.0.0.1:1')).toThrow(/detail.urlPattern: not a valid regex/);
  });

  it('treats a missing directory as no sites', async () => {
    await expect(loadSiteConfigs(path.join(dir, 'nope'))).resolves.toEqual([]);
  });
});

describe('resolveSiteConfig', () => {
  it('validates, fills defaults and substitutes the given base URL', () => {
    const site = resolveSiteConfig(buildSite(), 'http://127.0.0.1:8080/');
    expect(site.startUrls).toEqual(['http://127.0.0.1:8080/list?page=1']);
    expect(site.baseUrl).toBe('http://127.0.0.1:8080');
    expect(site.clicks).toEqual({});
  });

  it('rejects clicks on a cheerio site and start URLs that are not http', () => {
    const input = buildSite({ clicks: { ageGate: 'button' }, startUrls: ['ftp://x/y'] });
    const error = (() => {
      try {
        resolveSiteConfig(input);
      } catch (e) {
        return e as SiteConfigError;
      }
    })();
    expect(error?.problems.map((p) => p.path)).toEqual(['clicks']);
    const noBase = (() => {
      try {
        resolveSiteConfig(buildSite({ startUrls: ['ftp://x/y', '{baseUrl}/a'] }));
      } catch (e) {
        return e as SiteConfigError;
      }
    })();
    expect(noBase?.problems.map((p) => p.path)).toEqual(['startUrls.0', 'startUrls.1']);
  });
});
