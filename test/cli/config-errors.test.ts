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

  it('a config file with several wrong values stops `zicht worker` with every problem and a non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zicht-config-'));
    const file = join(dir, 'zicht.json');
    writeFileSync(file, JSON.stringify({ adsBatchSize: 0, logLevel: 'loud', redisUrl: 'nope', crawlConcurrency: 99, colour: 'blue' }));
    // LOG_LEVEL emptied: the helper's default would otherwise hide the file's bad logLevel.
    const run = spawnZicht(['worker'], { ZICHT_CONFIG: file, LOG_LEVEL: '' });
    expect(await run.exited).toBe(2);
    const problems = run.stderr().split('\n').filter((line) => line.startsWith('  - '));
    expect(problems).toHaveLength(5);
    for (const name of ['adsBatchSize', 'logLevel', 'redisUrl', 'crawlConcurrency', '"colour"']) {
      expect(problems.some((line) => line.includes(name)), name).toBe(true);
    }
  }, 60_000);

  it('a bad site configuration stops `zicht crawl` with every problem and a non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zicht-sites-'));
    writeFileSync(join(dir, 'one.json'), JSON.stringify({ id: 'Bad Id', kind: 'wget', startUrls: [], politeness: { maxConcurrency: 0 } }));
    writeFileSync(join(dir, 'two.json'), '{ not json');
    const run = spawnZicht(['crawl'], { ZICHT_SITES_DIR: dir });
    expect(await run.exited).not.toBe(0);
    const err = run.stderr();
    // Every problem of both files, one per line: the id, the missing and the wrong fields, the broken JSON.
    expect(err).toContain('invalid site configuration (8 problems)');
    for (const path of ['id', 'name', 'kind', 'startUrls', 'listing', 'detail', 'politeness.maxConcurrency']) {
      expect(err).toMatch(new RegExp(`one\\.json ${path.replace('.', '\\.')}: `));
    }
    expect(err).toMatch(/two\.json: cannot read JSON/);
  }, 60_000);
});
