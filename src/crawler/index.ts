// The crawler's public surface: sites are configuration, crawlee stays inside this module.
export { crawlSite, ChromiumMissingError } from './crawl-site.js';
export { DEFAULT_CHROMIUM_PATH, type CrawlOptions } from './crawl-options.js';
export type { CrawlProgress, CrawlStats } from './crawl-stats.js';
export { readDetail } from './read-detail.js';
export {
  loadSiteConfigs,
  resolveSiteConfig,
  baseUrlEnvName,
  SiteConfigError,
  type SiteConfigProblem,
} from './site-config-loader.js';
export { SiteConfigSchema, type SiteConfig, type SiteConfigInput, type Politeness } from './site-config.js';
