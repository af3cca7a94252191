// What a merge commit changes of its own: the difference between its tree and a clean merge of
// its parents. A merge that only combines its parents changes nothing of its own (their commits
// are checked one by one); an "evil" merge that edits a file, a conflict resolution, or a fake
// merge (`git commit-tree -p HEAD -p HEAD~1` with any tree) does, and is judged like a commit.

import type { PathChange } from '../model/zones.ts';
import type { Repo } from './repo.ts';
import { git, gitText } from './run.ts';

/** Paths whose content differs between two trees (names only, renames off: both sides count). */
function changedPaths(repo: Repo, from: string, to: string): string[] {
  return gitText(['-c', 'core.quotePath=false', 'diff-tree', '-r', '--name-only', '-z', '--no-renames', from, to], { cwd: repo.cwd })
    .split('\0')
    .filter(Boolean);
}

let mergeTreeSupported: boolean | undefined;

/**
 * The merge's own changes. Two parents on git 2.38+: its tree against `git merge-tree
 * --write-tree` of the parents (conflicted files in that tree carry markers, so a resolution
 * shows as a change). Otherwise (an octopus, older git): the paths whose content differs from
 * every parent, as `git diff --cc` shows them.
 */
export function mergeOwnChanges(repo: Repo, merge: string, parents: readonly string[]): PathChange[] {
  if (parents.length === 2 && mergeTreeSupported !== false) {
    const result = git(['merge-tree', '--write-tree', '--no-messages', parents[0], parents[1]], { cwd: repo.cwd, okCodes: [1, 128, 129] });
    const tree = result.stdout.split('\n')[0]?.trim();
    if ((result.status === 0 || result.status === 1) && tree && /^[0-9a-f]{40,64}$/.test(tree)) {
      mergeTreeSupported = true;
      return changedPaths(repo, tree, `${merge}^{tree}`).map((path) => ({ path }));
    }
    if (result.status === 129) mergeTreeSupported = false;
  }
  let common: Set<string> | undefined;
  for (const parent of parents) {
    const paths = new Set(changedPaths(repo, parent, merge));
    common = common ? new Set([...common].filter((path) => paths.has(path))) : paths;
  }
  return [...(common ?? [])].map((path) => ({ path }));
}
