import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pingRedis } from '../../src/queue/index.js';
import { freePort } from './tcp-proxy.js';

export interface PrivateRedis {
  url: string;
  /** Kills the server (default SIGKILL: a crash, nothing flushed on the way out). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and data directory: with AOF, with the data it had. */
  start(): Promise<void>;
  /** Stops it and removes its data directory. */
  close(): Promise<void>;
}

/**
 * A `redis-server` of the test's own, on a free port, so a test can kill and restart it without
 * disturbing the machine's shared Redis. `appendOnly` as in docker-compose.yml (AOF, fsync every
 * second); without it the server keeps nothing across a restart, like `ensureRedis`'s local one.
 */
export async function startPrivateRedis(options: { appendOnly: boolean }): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'zicht-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', options.appendOnly ? 'yes' : 'no'];
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i += 1) {
      if (await pingRedis(url, 300)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };
  await start();
  return {
    url,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
