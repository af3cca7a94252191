// Reading `.provenance.yml` from the work tree (or from HEAD in a bare repository).
// Hooks load the config on every commit, so a validated config is cached in
// .git/provenance/config-cache.json, keyed by the file's hash and this tool's version; the
// schema module (yaml + zod) is loaded only when the file changed.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { Config } from '../model/config.ts';
import { CONFIG_FILE, defaultConfig, type LoadedConfig } from '../model/config-defaults.ts';
import type { Repo } from '../git/repo.ts';
import { readBlob } from '../git/tree.ts';
import { ConfigError } from '../model/errors.ts';

interface CacheEntry {
  /** This tool's version and the file's whole text: compared, not hashed (no crypto on the hook path). */
  key: string;
  config: Config;
}

function readConfigText(repo: Repo): { text: string; file: string } | undefined {
  if (repo.topLevel) {
    const file = join(repo.topLevel, CONFIG_FILE);
    try {
      return { text: readFileSync(file, 'utf8'), file };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      const reason =
        code === 'EISDIR'
          ? 'is a folder, not a file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'cannot be read: permission denied'
            : `cannot be read (${(error as Error).message})`;
      throw new ConfigError(CONFIG_FILE, reason, { hint: `make ${CONFIG_FILE} a readable YAML file, or remove it to use the defaults` });
    }
  }
  const text = readBlob(repo, `HEAD:${CONFIG_FILE}`);
  return text === undefined ? undefined : { text, file: `HEAD:${CONFIG_FILE}` };
}

function configCachePath(repo: Repo): string {
  return join(repo.commonDir, 'provenance', 'config-cache.json');
}

function readCache(path: string, key: string): Config | undefined {
  try {
    const entry = JSON.parse(readFileSync(path, 'utf8')) as CacheEntry;
    return entry.key === key ? entry.config : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(path: string, entry: CacheEntry): void {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, path);
  } catch {
    // A read-only .git only costs the next run a parse.
  }
}

export async function loadConfig(repo: Repo): Promise<LoadedConfig> {
  const found = readConfigText(repo);
  if (!found) return { config: defaultConfig(), file: null };
  const key = `${pkg.version}\n${found.text}`;
  const cachePath = configCachePath(repo);
  const cached = readCache(cachePath, key);
  if (cached) return { config: cached, file: found.file };
  const { parseConfig } = await import('../model/config.ts');
  const config = parseConfig(found.text, repo.topLevel ? CONFIG_FILE : found.file);
  writeCache(cachePath, { key, config });
  return { config, file: found.file };
}
