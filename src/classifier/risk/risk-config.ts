import { z } from 'zod';
import { INDICATOR_CODES, type IndicatorCode } from './indicator.js';

const IndicatorSetting = z.object({
  /** Probability-like strength in [0, 1): the share of risk this signal alone stands for (noisy-OR). */
  weight: z.number().min(0).max(0.99),
  enabled: z.boolean(),
});

const indicatorShape = Object.fromEntries(INDICATOR_CODES.map((code) => [code, IndicatorSetting])) as Record<
  IndicatorCode,
  typeof IndicatorSetting
>;

/** Thresholds that keep site numbers, stock photos and boilerplate from linking unrelated ads. */
const GuardsSchema = z.object({
  /** A phone in more distinct ads than this is a site's or agency's own number: it does not link. */
  maxAdsPerPhone: z.number().int().min(2),
  /** A phone on more sites than this does not link either. */
  maxSitesPerPhone: z.number().int().min(1),
  /** A photo hash in more distinct ads than this is a stock or generic photo. */
  maxAdsPerPhoto: z.number().int().min(2),
  maxSitesPerPhoto: z.number().int().min(1),
  /** A word shingle in at least this share of all ads is boilerplate and ignored … */
  stockShingleShare: z.number().gt(0).max(1),
  /** … but only once it occurs in at least this many ads (small batches keep every shingle). */
  stockShingleMinAds: z.number().int().min(2),
  /** An LSH bucket with more ads than this is a template and not used to propose pairs. */
  maxBucketSize: z.number().int().min(2),
  /** A cluster larger than this is reported as oversized (suspicious), not as one persona. */
  maxClusterSize: z.number().int().min(2),
});

const MinHashSchema = z
  .object({
    /** Words per shingle. */
    shingleSize: z.number().int().min(1).max(8),
    numHashes: z.number().int().min(4).max(256),
    bands: z.number().int().min(1),
    /** Estimated Jaccard similarity from which two texts count as near-duplicates. */
    threshold: z.number().gt(0).max(1),
    /** Texts with fewer distinct (non-boilerplate) shingles than this are not compared. */
    minShingles: z.number().int().min(1),
    seed: z.number().int(),
  })
  .refine((m) => m.numHashes % m.bands === 0, { message: 'numHashes must be a multiple of bands' });

export const RiskConfigSchema = z.object({
  indicators: z.object(indicatorShape),
  guards: GuardsSchema,
  minhash: MinHashSchema,
  /** multi_city: the window within which sightings in different municipalities count as rotation. */
  multiCityDays: z.number().positive(),
  lowPrice: z.object({
    /** Flag when the hourly price is below this share of the regional median. */
    ratio: z.number().gt(0).lt(1),
    /** Fewest priced ads a region needs before its median is trusted. */
    minPeers: z.number().int().min(1),
  }),
});

/** The validated contents of config/indicators.json. */
export type RiskConfig = z.infer<typeof RiskConfigSchema>;
export type LinkGuards = RiskConfig['guards'];
export type MinHashParams = RiskConfig['minhash'];
/** Weight and enabled flag per code. */
export type IndicatorWeights = RiskConfig['indicators'];
