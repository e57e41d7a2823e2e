import { startDemoSites } from '../fixtures/index.js';
import { createLogger } from '../log.js';
import { demoEnv, onShutdown } from './context.js';

export interface DemoSitesCliOptions {
  ads: number;
  seed: number;
  day: number;
  chaos: boolean;
  portA?: number;
  portB?: number;
  portC?: number;
}

/** `zicht demo-sites`: serve the fixture ad sites until stopped. */
export async function demoSites(options: DemoSitesCliOptions): Promise<void> {
  const log = createLogger();
  const sites = await startDemoSites({
    ads: options.ads,
    seed: options.seed,
    day: options.day,
    chaos: options.chaos ? undefined : false,
    ports: { 'demo-a': options.portA ?? 0, 'demo-b': options.portB ?? 0, 'demo-c': options.portC ?? 0 },
  });
  console.log(`demo sites: ${options.ads} ads, seed ${options.seed}, day ${options.day}, chaos ${options.chaos ? 'on' : 'off'}`);
  for (const [id, url] of Object.entries(sites.urls)) console.log(`  ${id.padEnd(8)} ${url}   (ground truth: ${url}/_truth)`);
  console.log('\nTo crawl them from other processes, export:');
  for (const [name, value] of Object.entries(demoEnv(sites.urls))) console.log(`  export ${name}=${value}`);
  console.log('  export ZICHT_SITES_DIR=config/demo-sites');
  onShutdown(log, () => sites.close());
}
