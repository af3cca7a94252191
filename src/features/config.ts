// Reading `.provenance.yml` from the work tree (or from HEAD in a bare repository).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, defaultConfig, parseConfig, type LoadedConfig } from '../model/config.ts';
import { readBlob, type Repo } from '../git/repo.ts';

export function loadConfig(repo: Repo): LoadedConfig {
  if (repo.topLevel) {
    const file = join(repo.topLevel, CONFIG_FILE);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: defaultConfig(), file: null };
      throw error;
    }
    return { config: parseConfig(text, CONFIG_FILE), file };
  }
  const text = readBlob(repo, `HEAD:${CONFIG_FILE}`);
  return text === undefined ? { config: defaultConfig(), file: null } : { config: parseConfig(text, `HEAD:${CONFIG_FILE}`), file: `HEAD:${CONFIG_FILE}` };
}
