import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, loggedIn, startWebHarness, WebClient, type WebHarness } from './web-harness.js';

let h: WebHarness;
beforeAll(async () => {
  h = await startWebHarness();
});
afterAll(() => h?.close());

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('security headers', () => {
  it('every response carries a strict CSP: no inline or eval script, no inline style, no framing, forms only to us', async () => {
    const admin = await loggedIn(h.app, await addUser(h.db, 'admin'));
    const anonymous = new WebClient(h.app);
    const responses = [
      await anonymous.get('/inloggen'),
      await anonymous.get('/bestaat-niet'), // 404 page
      await anonymous.get('/static/zicht.css'),
      await admin.get('/beheer/audit'),
      await admin.post('/uitloggen', {}, { csrf: false }), // 403 page
    ];
    for (const response of responses) {
      const csp = directives(String(response.headers['content-security-policy']));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      expect(String(response.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('pages are never cached; the static files may be', async () => {
    const page = await new WebClient(h.app).get('/inloggen');
    expect(page.headers['cache-control']).toBe('no-store');
    const css = await new WebClient(h.app).get('/static/zicht.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.headers['cache-control']).not.toBe('no-store');
    const js = await new WebClient(h.app).get('/static/zicht.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
  });

  it('pages hold no inline script, no inline style and no event-handler attributes', async () => {
    const admin = await loggedIn(h.app, await addUser(h.db, 'admin'));
    for (const url of ['/beheer', '/beheer/audit', '/beheer/gebruikers', '/bestaat-niet']) {
      const body = (await admin.get(url)).body;
      expect(body).toMatch(/^<!doctype html>\n<html lang="nl">/);
      expect(body, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(body, url).not.toMatch(/\sstyle=|<style/);
      expect(body, url).not.toMatch(/\son[a-z]+=/);
    }
  });

  it('the static folder serves only its own files', async () => {
    const client = new WebClient(h.app);
    for (const url of ['/static/', '/static/../app.ts', '/static/%2e%2e/app.ts', '/static/..%2fapp.ts']) {
      expect((await client.get(url)).statusCode, url).toBeGreaterThanOrEqual(400);
    }
  });

  it('refuses oversized and non-form bodies', async () => {
    const big = await h.app.inject({ method: 'POST', url: '/inloggen', payload: `gebruikersnaam=${'a'.repeat(100_000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(big.statusCode).toBe(413);
    const json = await h.app.inject({ method: 'POST', url: '/inloggen', payload: '{}', headers: { 'content-type': 'application/json' } });
    expect(json.statusCode).toBe(403); // parsed, but without the CSRF token
    const xml = await h.app.inject({ method: 'POST', url: '/inloggen', payload: '<a/>', headers: { 'content-type': 'text/xml' } });
    expect(xml.statusCode).toBe(415);
  });
});
