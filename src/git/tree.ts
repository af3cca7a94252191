// The files of a commit's tree, for service detection and .gitattributes.

import { gitText } from './run.ts';
import type { Repo } from './repo.ts';

/** Every file path in a commit's tree. */
export function listFiles(repo: Repo, commit: string): string[] {
  return gitText(['-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--name-only', commit], { cwd: repo.cwd })
    .split('\0')
    .filter(Boolean);
}
