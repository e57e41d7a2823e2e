import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import type { Logger } from '../log.js';

export class RedisUnavailableError extends Error {
  constructor(url: string) {
    super(
      `no Redis answers at ${url}. Start one, or set REDIS_URL:\n` +
        '  Debian/Ubuntu: sudo apt-get install -y redis-server\n' +
        '  macOS:         brew install redis && brew services start redis\n' +
        '  Docker:        docker compose up -d redis',
    );
    this.name = 'RedisUnavailableError';
  }
}

export async function pingRedis(url: string, timeoutMs = 1_500): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function isLocal(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * Makes sure a Redis answers at `url`. When none does and the URL is local, starts the
 * `redis-server` binary from PATH (no persistence; it lives as long as this process).
 * Returns the child to stop, or null when an existing server was found.
 */
export async function ensureRedis(url: string, mayStart: boolean, log: Logger): Promise<ChildProcess | null> {
  if (await pingRedis(url)) return null;
  const parsed = new URL(url);
  if (!mayStart || !isLocal(parsed)) throw new RedisUnavailableError(url);
  const port = parsed.port || '6379';
  const child = spawn('redis-server', ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const spawned = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(false));
    child.once('spawn', () => resolve(true));
  });
  if (!spawned) throw new RedisUnavailableError(url);
  for (let i = 0; i < 50; i += 1) {
    if (await pingRedis(url, 500)) {
      log.info({ port }, 'started a local redis-server');
      return child;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new RedisUnavailableError(url);
}
