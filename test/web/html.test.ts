import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw, safeHref } from '../../src/web/html.js';

const HOSTILE = `<script>alert(1)</script><img src=x onerror="alert('x')">&amp;\``;

describe('html template', () => {
  it('escapes every interpolation, in text and in quoted attributes', () => {
    const out = html`<p title="${HOSTILE}">${HOSTILE}</p>`.toString();
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).not.toMatch(/title="[^"]*"[^>]/); // the attribute stays closed
    expect(out).toBe(`<p title="${escapeHtml(HOSTILE)}">${escapeHtml(HOSTILE)}</p>`);
    expect(escapeHtml(HOSTILE)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;amp;&#96;');
  });

  it('nests fragments and lists without escaping them twice; raw() is trusted as is', () => {
    const items = ['<a>', 'b&c'];
    const out = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>${raw('<hr>')}`.toString();
    expect(out).toBe('<ul><li>&lt;a&gt;</li><li>b&amp;c</li></ul><hr>');
  });

  it('renders numbers, and nothing for null, undefined and booleans', () => {
    expect(html`${0}|${12.5}|${null}|${undefined}|${false}|${true}|${10n}`.toString()).toBe('0|12.5|||||10');
  });
});

describe('safeHref', () => {
  it('keeps http(s) URLs and local paths', () => {
    expect(safeHref('https://example.nl/ad/1?x=1')).toBe('https://example.nl/ad/1?x=1');
    expect(safeHref('/advertenties/12')).toBe('/advertenties/12');
  });

  it('neuters other schemes and protocol-relative URLs', () => {
    for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>', '//evil.example', '/\\evil.example', 'vbscript:x', '', null, undefined]) {
      expect(safeHref(url), String(url)).toBe('#');
    }
  });
});
