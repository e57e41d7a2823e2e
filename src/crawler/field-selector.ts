import type { AnyNode, CheerioAPI, Element } from 'cheerio';

/** One alternative of a configured selector: a CSS selector and, for `selector@attr`, the attribute to read. */
interface SelectorPart {
  css: string;
  attr?: string;
}

const ATTR_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;

/**
 * Splits a configured selector (`a || b`, `img.photo@src`) into its alternatives, in order.
 * An `@` is only taken as the attribute marker when what follows it is a plain attribute name,
 * so `a[href^="mailto:x@y"]` stays a CSS selector.
 */
export function parseSelector(selector: string): SelectorPart[] {
  return selector
    .split('||')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const at = part.lastIndexOf('@');
      const attr = at > 0 ? part.slice(at + 1).trim() : '';
      return ATTR_NAME.test(attr) ? { css: part.slice(0, at).trim(), attr } : { css: part };
    });
}

/** Collapses runs of whitespace (incl. non-breaking spaces) to one space and trims. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

// Elements whose boundaries separate words: cheerio's .text() would glue "a<br>b" into "ab".
const BREAKING = new Set([
  'br', 'p', 'div', 'li', 'ul', 'ol', 'dd', 'dt', 'dl', 'tr', 'td', 'th', 'table', 'section', 'article',
  'header', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'hr', 'option',
]);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template']);

// Iterative, not recursive: a hostile page may nest tags deeper than the call stack goes.
function collectText(root: AnyNode): string[] {
  const out: string[] = [];
  const stack: Array<AnyNode | string> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') out.push(node);
    else if (node.type === 'text') out.push(node.data);
    else if (node.type === 'tag' || node.type === 'root') {
      const element = node as Element;
      if (SKIPPED.has(element.name)) continue;
      const gap = BREAKING.has(element.name) ? ' ' : '';
      stack.push(gap);
      for (let i = element.children.length - 1; i >= 0; i -= 1) stack.push(element.children[i]!);
      stack.push(gap);
    }
  }
  return out;
}

/** The visible text of one element, words kept apart across tags, whitespace normalised. */
export function elementText(node: AnyNode): string {
  return normaliseWhitespace(collectText(node).join(''));
}

function valuesOf($: CheerioAPI, part: SelectorPart): string[] {
  return $(part.css)
    .toArray()
    .map((element) => (part.attr ? normaliseWhitespace($(element).attr(part.attr) ?? '') : elementText(element)))
    .filter((value) => value.length > 0);
}

/**
 * All non-empty values of the first alternative that yields any.
 * An invalid CSS selector counts as "no match" (the config was validated, the page is hostile).
 */
export function readValues($: CheerioAPI, selector: string): string[] {
  for (const part of parseSelector(selector)) {
    try {
      const values = valuesOf($, part);
      if (values.length > 0) return values;
    } catch {
      continue;
    }
  }
  return [];
}

/** The first non-empty value of a field selector, or undefined. */
export function readField($: CheerioAPI, selector: string | undefined): string | undefined {
  return selector === undefined ? undefined : readValues($, selector)[0];
}

/**
 * Absolute http(s) URLs of the links a selector finds (its `@attr`, else `href`), fragments dropped,
 * resolved against the page URL, restricted to the page's origin, de-duplicated in document order.
 */
export function readLinks($: CheerioAPI, selector: string, pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  const links = new Set<string>();
  for (const part of parseSelector(selector)) {
    const hrefs = safeSelect($, part.css).map((element) => $(element).attr(part.attr ?? 'href') ?? '');
    for (const href of hrefs) {
      const url = resolveUrl(href, pageUrl);
      if (url && url.origin === origin) links.add(url.href);
    }
    if (links.size > 0) break;
  }
  return [...links];
}

/** The elements a CSS selector finds; none for a selector cheerio cannot parse. */
export function safeSelect($: CheerioAPI, css: string): AnyNode[] {
  try {
    return $(css).toArray();
  } catch {
    return [];
  }
}

/** An absolute http(s) URL for a link or image reference on a page (fragment dropped), or undefined. */
export function resolveUrl(href: string, base: string): URL | undefined {
  const trimmed = href.trim();
  if (trimmed === '') return undefined;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url;
  } catch {
    return undefined;
  }
}
