import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SiteConfigSchema, type SiteConfig, type SiteConfigInput } from './site-config.js';

/** One thing wrong with one site config file. `path` is the dotted path inside the JSON ('' for the file). */
export interface SiteConfigProblem {
  file: string;
  path: string;
  message: string;
}

/** Every problem of every site config file at once, so a user can fix them in one go. */
export class SiteConfigError extends Error {
  readonly code = 'SITE_CONFIG_INVALID';
  constructor(readonly problems: SiteConfigProblem[]) {
    super(
      `invalid site configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`).join('\n'),
    );
    this.name = 'SiteConfigError';
  }
}

/** The environment variable that overrides a site's base URL: `ZICHT_SITE_<ID>_URL`, dashes → underscores. */
export function baseUrlEnvName(siteId: string): string {
  return `ZICHT_SITE_${siteId.toUpperCase().replace(/-/g, '_')}_URL`;
}

/** Validates and substitutes one config; returns the problems instead of throwing. */
function resolveOne(input: unknown, file: string, baseUrlFor: (id: string) => string | undefined) {
  const parsed = SiteConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({ file, path: issue.path.join('.'), message: issue.message }));
    return { problems };
  }
  const site = parsed.data;
  const baseUrl = (baseUrlFor(site.id) ?? site.baseUrl)?.replace(/\/+$/, '');
  const problems: SiteConfigProblem[] = [];
  const startUrls = site.startUrls.map((url, index) => {
    const where = `startUrls.${index}`;
    if (url.includes('{baseUrl}') && baseUrl === undefined) {
      problems.push({ file, path: where, message: `uses {baseUrl} but neither baseUrl nor ${baseUrlEnvName(site.id)} is set` });
      return url;
    }
    const resolved = baseUrl === undefined ? url : url.replaceAll('{baseUrl}', baseUrl);
    if (!URL.canParse(resolved) || !/^https?:$/.test(new URL(resolved).protocol)) {
      problems.push({ file, path: where, message: `not an http(s) URL: ${resolved}` });
    }
    return resolved;
  });
  return { problems, site: { ...site, ...(baseUrl === undefined ? {} : { baseUrl }), startUrls } };
}

/**
 * Validates one site config and substitutes `{baseUrl}` in its start URLs (`baseUrl` argument first,
 * then the config's own `baseUrl`). Throws a {@link SiteConfigError} listing every problem.
 *
 * @example
 * const site = resolveSiteConfig(demoA, 'http://127.0.0.1:8080');
 */
export function resolveSiteConfig(input: SiteConfigInput, baseUrl?: string): SiteConfig {
  const { problems, site } = resolveOne(input, '<config>', () => baseUrl);
  if (problems.length > 0 || !site) throw new SiteConfigError(problems);
  return site;
}

async function listJsonFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readJson(file: string): Promise<{ value?: unknown; problem?: SiteConfigProblem }> {
  try {
    return { value: JSON.parse(await readFile(file, 'utf8')) as unknown };
  } catch (error) {
    return { problem: { file, path: '', message: `cannot read JSON: ${(error as Error).message}` } };
  }
}

/**
 * Reads every `*.json` site config in `dir` (sorted by file name; a missing directory means no sites),
 * validates each with zod and substitutes `{baseUrl}` (env `ZICHT_SITE_<ID>_URL` overrides the file's
 * `baseUrl`). Throws ONE {@link SiteConfigError} listing every problem of every file, including
 * duplicate site ids.
 */
export async function loadSiteConfigs(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<SiteConfig[]> {
  const problems: SiteConfigProblem[] = [];
  const sites: SiteConfig[] = [];
  const fileOfId = new Map<string, string>();
  for (const name of await listJsonFiles(dir)) {
    const file = path.join(dir, name);
    const { value, problem } = await readJson(file);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const result = resolveOne(value, file, (id) => env[baseUrlEnvName(id)] || undefined);
    problems.push(...result.problems);
    if (!result.site) continue;
    const other = fileOfId.get(result.site.id);
    if (other) problems.push({ file, path: 'id', message: `site id "${result.site.id}" is also used by ${other}` });
    fileOfId.set(result.site.id, file);
    sites.push(result.site);
  }
  if (problems.length > 0) throw new SiteConfigError(problems);
  return sites;
}
