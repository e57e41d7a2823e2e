import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { ensureRedis, pingRedis, RedisUnavailableError } from '../../src/queue/index.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const log = createLogger('silent');

describe('ensureRedis', () => {
  it('uses a Redis that answers and starts nothing', async () => {
    expect(await ensureRedis('redis://127.0.0.1:6379', true, log)).toBeNull();
  });

  it('starts the local redis-server binary when none answers on a local URL', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    expect(await pingRedis(url)).toBe(false);
    const child = await ensureRedis(url, true, log);
    try {
      expect(child).not.toBeNull();
      expect(await pingRedis(url)).toBe(true);
    } finally {
      child?.kill();
    }
  });

  it('says how to get a Redis when it may not start one', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const error = await ensureRedis(url, false, log).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(String((error as Error).message)).toMatch(/apt-get install -y redis-server[\s\S]*docker compose up -d redis/);
  });
});
