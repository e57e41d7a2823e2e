import { z } from 'zod';

/**
 * A field selector: a CSS selector whose text is taken, or `selector@attr` for an attribute
 * (e.g. `img.photo@src`). Several selectors separated by `||` are tried in order.
 */
const Selector = z.string().min(1);

export const PolitenessSchema = z.object({
  /** Parallel requests to this site. */
  maxConcurrency: z.number().int().min(1).max(64).default(4),
  /** Upper bound on requests per minute to this site. */
  maxRequestsPerMinute: z.number().int().min(1).max(100_000).default(120),
  userAgent: z.string().min(1).default('zicht-monitor/0.1 (BTP Noord-Holland; +https://example.invalid/zicht)'),
  /** `respect`: skip URLs that robots.txt disallows for our user agent; `ignore`: crawl them anyway. */
  robotsTxt: z.enum(['respect', 'ignore']).default('respect'),
  /** Attempts per page after the first (429 and 5xx back off; 404 is not retried). */
  maxRetries: z.number().int().min(0).max(20).default(4),
  /** Seconds a single page may take. */
  requestTimeoutSecs: z.number().int().min(1).max(600).default(30),
});

const AttributeName = z.string().regex(/^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/, 'an HTML attribute name');

/** Which images of a detail page are the ad's photos, and how many and how large we download to hash them. */
export const PhotosSchema = z.object({
  /** The photos' elements (`.gallery img`); `a || b` alternatives; `img@data-full` reads only that attribute. */
  selector: Selector,
  /** Attributes holding the image URL, first non-empty one per element: lazy-loading sites keep the real URL in `data-src`. */
  attributes: z.array(AttributeName).min(1).default(['data-src', 'src']),
  /** Photos hashed per ad, in page order; enough to link reposts while keeping the request count polite. */
  maxPerAd: z.number().int().min(1).max(50).default(4),
  /** A larger file is not downloaded (or the download is cut off): bytes. */
  maxBytes: z.number().int().min(1024).max(100_000_000).default(5_000_000),
  /** Hosts besides the page's own that may serve the photos (a CDN, `img.example.nl`); other hosts are skipped. */
  extraHosts: z.array(z.string().regex(/^[a-z0-9.-]+$/i, 'a host name')).default([]),
});

export const SiteConfigSchema = z
  .object({
    /** Stable id: part of every ad's identity, so never change it for a live site. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    name: z.string().min(1),
    kind: z.enum(['cheerio', 'playwright']),
    /** Listing pages to start from; `{baseUrl}` is replaced by the configured base URL. */
    startUrls: z.array(z.string().min(1)).min(1),
    /** Substituted for `{baseUrl}` in startUrls (env `ZICHT_SITE_<ID>_URL` overrides it). */
    baseUrl: z.string().url().optional(),
    listing: z.object({
      /** Links from a listing page to ad detail pages. */
      detailLinks: Selector,
      /** Links to further listing pages (`a[rel=next]`, `.pagination a`). */
      pageLinks: Selector.optional(),
    }),
    detail: z.object({
      /** Regex a detail URL's pathname matches; its first capture group is the site's ad id. */
      urlPattern: z.string().min(1),
      fields: z.object({
        text: Selector,
        title: Selector.optional(),
        name: Selector.optional(),
        location: Selector.optional(),
        age: Selector.optional(),
        phone: Selector.optional(),
        category: Selector.optional(),
      }),
      /** The ad's photos: downloaded, perceptually hashed and dropped (never stored). Absent: no photo hashes. */
      photos: PhotosSchema.optional(),
    }),
    /** Buttons a browser must click (playwright sites only), in this order. */
    clicks: z
      .object({
        ageGate: Selector.optional(),
        cookieBanner: Selector.optional(),
        revealPhone: Selector.optional(),
        /** Wait for this selector before reading a page (client-rendered content). */
        waitFor: Selector.optional(),
      })
      .default({}),
    politeness: PolitenessSchema.default(PolitenessSchema.parse({})),
    /** Cron pattern of its nightly crawl (`30 3 * * *`, in ZICHT_SCHEDULE_TZ); absent: a default slot 01:00–05:00. */
    schedule: z.string().min(1).optional(),
  })
  .superRefine((site, ctx) => {
    try {
      new RegExp(site.detail.urlPattern);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['detail', 'urlPattern'], message: `not a valid regex: ${String(error)}` });
    }
    const hasClicks = Object.values(site.clicks).some(Boolean);
    if (site.kind === 'cheerio' && hasClicks) {
      ctx.addIssue({ code: 'custom', path: ['clicks'], message: 'clicks need a browser: use kind "playwright"' });
    }
  });

export type SiteConfig = z.infer<typeof SiteConfigSchema>;
export type SiteConfigInput = z.input<typeof SiteConfigSchema>;
export type Politeness = z.infer<typeof PolitenessSchema>;
export type PhotosConfig = z.infer<typeof PhotosSchema>;
