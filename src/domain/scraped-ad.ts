import { z } from 'zod';

/**
 * One ad as the crawler read it from a detail page: raw strings only, no interpretation.
 * This is the payload of the `ads` queue, so it is validated again when a worker picks it up.
 */
export const ScrapedAdSchema = z.object({
  /** Site id from config/sites (e.g. `demo-a`). */
  site: z.string().min(1),
  /** The site's own id of the ad; with `site` the ad's stable identity across crawls. */
  siteAdId: z.string().min(1),
  url: z.string().url(),
  title: z.string().optional(),
  name: z.string().optional(),
  /** The site's structured place field ("Plaats: Zaandam"), when it has one. */
  location: z.string().optional(),
  /** The site's structured age field, raw ("23 jaar"). */
  age: z.string().optional(),
  category: z.string().optional(),
  /** The ad's description text. */
  text: z.string(),
  /** The phone number as shown on the page (structured field or after "Toon nummer"). */
  phoneText: z.string().optional(),
  /** Perceptual hashes of the ad's photos; the images themselves are never stored. */
  photoHashes: z.array(z.string()).default([]),
  /** When the crawler saw the page (ISO 8601). */
  seenAt: z.string().datetime({ offset: true }),
});

export type ScrapedAd = z.infer<typeof ScrapedAdSchema>;
export type ScrapedAdInput = z.input<typeof ScrapedAdSchema>;
