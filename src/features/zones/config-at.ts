// `.provenance.yml` as it is at a revision: CI reads the target branch's rules, so a change
// cannot loosen the rules it is checked against.

import { CONFIG_FILE, defaultConfig, parseConfig, type LoadedConfig } from '../../model/config.ts';
import { readBlob, resolveCommit, type Repo } from '../../git/repo.ts';

export function loadConfigAt(repo: Repo, rev: string): LoadedConfig {
  const commit = resolveCommit(repo, rev);
  const text = readBlob(repo, `${commit}:${CONFIG_FILE}`);
  return text === undefined ? { config: defaultConfig(), file: null } : { config: parseConfig(text, `${rev}:${CONFIG_FILE}`), file: `${rev}:${CONFIG_FILE}` };
}
