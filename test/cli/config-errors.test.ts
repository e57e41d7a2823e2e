import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings } from '../../src/config/settings.js';
import { spawnZicht } from '../helpers/cli.js';

describe('configuration errors', () => {
  it('lists every invalid setting at once', () => {
    const env = { REDIS_URL: 'not a url', ZICHT_ADS_BATCH_SIZE: '0', LOG_LEVEL: 'loud', ZICHT_CONFIG: '/nonexistent.json' };
    try {
      loadSettings({}, env);
      expect.unreachable('loadSettings accepted invalid values');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['redisUrl', 'adsBatchSize', 'logLevel', 'ZICHT_CONFIG']) expect(problems).toContain(name);
    }
  });

  it('flags beat the environment, which beats the config file and the defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zicht-config-'));
    const file = join(dir, 'zicht.json');
    writeFileSync(file, JSON.stringify({ adsBatchSize: 50, queuePrefix: 'from-file', crawlConcurrency: 3 }));
    const settings = loadSettings({ adsBatchSize: 10 }, { ZICHT_CONFIG: file, ZICHT_QUEUE_PREFIX: 'from-env' });
    expect(settings).toMatchObject({ adsBatchSize: 10, queuePrefix: 'from-env', crawlConcurrency: 3, adsConcurrency: 4 });
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('a bad site configuration stops `zicht crawl` with every problem and a non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zicht-sites-'));
    writeFileSync(join(dir, 'one.json'), JSON.stringify({ id: 'Bad Id', kind: 'wget', startUrls: [] }));
    writeFileSync(join(dir, 'two.json'), '{ not json');
    const run = spawnZicht(['crawl'], { ZICHT_SITES_DIR: dir });
    expect(await run.exited).not.toBe(0);
    const err = run.stderr();
    expect(err).toContain('one.json');
    expect(err).toContain('two.json');
    expect(err).toMatch(/kind/);
    expect(err).toMatch(/startUrls/);
  }, 60_000);
});
