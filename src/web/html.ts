/**
 * HTML by tagged template, escaped by default. Everything interpolated into `html\`…\`` is
 * escaped unless it already is {@link SafeHtml} (another `html` fragment, or `raw()` for a
 * trusted constant). Ad texts, usernames, URLs: all hostile input, all escaped, no opt-out to
 * forget. Attribute values must be quoted in the template (`href="${url}"`), which escaping
 * `"` and `'` then keeps closed.
 *
 * @example
 * html`<p class="note">${ad.text}</p>`            // ad.text "<script>" → &lt;script&gt;
 * html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`
 */
export class SafeHtml {
  constructor(private readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), numbers, fragments, lists of those; nullish/false render nothing. */
export type HtmlValue = SafeHtml | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i += 1) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks a trusted string as HTML. Only for constants of our own, never for data. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

/**
 * A URL that is safe in an `href`: http(s) or a path on this site. Anything else (`javascript:`,
 * `data:`, protocol-relative `//host`) becomes `#`, because escaping alone does not neuter a
 * scheme. Ad URLs come from crawled pages: always pass them through this.
 */
export function safeHref(url: string | null | undefined): string {
  if (!url) return '#';
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : '#';
  } catch {
    return '#';
  }
}
