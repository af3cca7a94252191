// The config for hooks, without loading the YAML parser and the schema library on every commit:
// they cost ~90 ms of module loading (docs/DECISIONS-zones.md). The validated config is kept in
// $GIT_DIR/provenance/config-cache.json, keyed by a hash of the file's text and of this build's
// version; any difference, or any problem reading the cache, falls back to the full loader.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, LoadedConfig } from '../../model/config.ts';
import type { Repo } from '../../git/repo.ts';
import pkg from '../../../package.json' with { type: 'json' };

const CONFIG_FILE = '.provenance.yml';

interface CacheEntry {
  key: string;
  file: string | null;
  config: Config;
}

function cacheKey(text: string | null): string {
  return createHash('sha256').update(`${pkg.version}\0${text ?? '\0no file'}`).digest('hex');
}

export async function loadConfigCached(repo: Repo): Promise<LoadedConfig> {
  if (!repo.topLevel) return (await import('../config.ts')).loadConfig(repo);
  let text: string | null;
  try {
    text = readFileSync(join(repo.topLevel, CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    text = null;
  }
  const key = cacheKey(text);
  const cacheFile = join(repo.gitDir, 'provenance', 'config-cache.json');
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheEntry;
    if (cached.key === key) return { config: cached.config, file: cached.file };
  } catch {
    // No cache yet, or an unreadable one: load and (re)write it below.
  }
  const loaded = (await import('../config.ts')).loadConfig(repo);
  try {
    mkdirSync(join(repo.gitDir, 'provenance'), { recursive: true });
    const temporary = `${cacheFile}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify({ key, file: loaded.file, config: loaded.config } satisfies CacheEntry));
    renameSync(temporary, cacheFile);
  } catch {
    // A read-only repository still works, just without the cache.
  }
  return loaded;
}
