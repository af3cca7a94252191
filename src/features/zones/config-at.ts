// `.provenance.yml` as it is at a revision: CI reads the target branch's rules, so a change
// cannot loosen the rules it is checked against.

import { CONFIG_FILE, defaultConfig, type LoadedConfig } from '../../model/config-defaults.ts';
import type { Repo } from '../../git/repo.ts';
import { resolveCommit } from '../../git/revisions.ts';
import { readBlob } from '../../git/tree.ts';

export async function loadConfigAt(repo: Repo, rev: string): Promise<LoadedConfig> {
  const commit = resolveCommit(repo, rev);
  const text = readBlob(repo, `${commit}:${CONFIG_FILE}`);
  if (text === undefined) return { config: defaultConfig(), file: null };
  const { parseConfig } = await import('../../model/config.ts');
  return { config: parseConfig(text, `${rev}:${CONFIG_FILE}`), file: `${rev}:${CONFIG_FILE}` };
}
