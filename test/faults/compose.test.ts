import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeSettings, loadSettings } from '../../src/config/settings.js';
import { spawnZicht } from '../helpers/cli.js';

// No Docker engine here: docker-compose.yml is checked by reading it. `docker compose up --scale
// worker=3` needs a worker service that can exist three times (no container name, no host port),
// the shared state in Postgres and Redis with volumes, and Redis persisting its queues.
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  container_name?: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
}

const ROOT = new URL('../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', ROOT), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const ZICHT_SERVICES = ['app', 'worker'];

/** `${NAME:-default}` as docker compose fills it in when NAME is unset. */
function interpolate(value: string): string {
  return value.replace(/\$\{\w+:-([^}]*)\}/g, '$1');
}

describe('docker-compose.yml', () => {
  it('has postgres, redis, the main job with the web app, and workers', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'postgres', 'redis', 'worker']);
    expect(services.app!.command).toEqual(['start']);
    expect(services.worker!.command).toEqual(['worker']);
    expect(services.app!.environment?.ZICHT_WEB_HOST).toBe('0.0.0.0');
    expect(services.app!.ports).toEqual(['127.0.0.1:8080:8080']);
  });

  it('lets the worker service scale: no container name, no host ports, restarts on failure', () => {
    const worker = services.worker!;
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(worker.restart).toBe('unless-stopped');
    // Its only volume is the read-only site configs: no state of its own.
    expect(worker.volumes).toEqual(['./config/sites:/app/config/sites:ro']);
  });

  it('keeps the shared state in Postgres and Redis, on named volumes, Redis with an append-only file', () => {
    expect(services.postgres!.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
    expect(services.redis!.volumes).toEqual(['redisdata:/data']);
    const redisArgs = services.redis!.command!.join(' ');
    expect(redisArgs).toContain('--appendonly yes');
    expect(redisArgs).toContain('--maxmemory-policy noeviction');
    const named = Object.values(services).flatMap((s) => (s.volumes ?? []).map((v) => v.split(':')[0]!)).filter((v) => !v.startsWith('.'));
    for (const volume of named) expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('gives every zicht process valid settings pointing at the compose services, after they are healthy', () => {
    const known = new Set(describeSettings().map((s) => s.env));
    for (const name of ZICHT_SERVICES) {
      const service = services[name]!;
      for (const key of Object.keys(service.environment ?? {})) expect(known, `${name}: ${key}`).toContain(key);
      const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
      const settings = loadSettings({}, env);
      expect(new URL(settings.databaseUrl!).hostname).toBe('postgres');
      expect(new URL(settings.redisUrl).hostname).toBe('redis');
      expect(settings.startRedis).toBe('never');
      expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    }
  });

  it('runs commands the image has', async () => {
    const dockerfile = readFileSync(new URL('Dockerfile', ROOT), 'utf8');
    expect(dockerfile).toMatch(/ENTRYPOINT \["node", "bin\/zicht\.js"\]/);
    expect(dockerfile).toMatch(/USER node/);
    for (const name of ZICHT_SERVICES) {
      const help = spawnZicht([...services[name]!.command!, '--help'], {});
      expect(await help.exited, help.stderr()).toBe(0);
    }
  }, 60_000);
});
