// What the commit being made changes: the index (honours GIT_INDEX_FILE inside hooks) against
// HEAD, or against the empty tree before the first commit.

import type { FileChange } from './numstat.ts';
import { parseNumstatZ } from './numstat.ts';
import type { Repo } from './repo.ts';
import { emptyTree, headCommit } from './revisions.ts';
import { git, gitInBackground, gitText } from './run.ts';

function base(repo: Repo): string {
  return headCommit(repo) ?? emptyTree(repo);
}

/**
 * Files staged in the index being committed, with line counts. Counting reads every staged blob
 * (~380 ms for 10,000 files), so git runs in the background while the caller goes on; await
 * `changes` when they are needed.
 */
export function stagedChanges(repo: Repo): { changes: Promise<FileChange[]>; cancel(): void } {
  const background = gitInBackground(['-c', 'core.quotePath=false', 'diff-index', '--cached', '-M', '--numstat', '-z', base(repo), '--'], { cwd: repo.cwd });
  return { changes: background.output.then(parseNumstatZ), cancel: background.cancel };
}

export interface StagedPath {
  path: string;
  /** Set on renames. */
  oldPath?: string;
  status: string;
}

/**
 * Paths in the index being committed, with renames. Names only: line counts would make git read
 * every staged blob, which costs more than the whole gate.
 */
export function stagedPaths(repo: Repo): StagedPath[] {
  const parts = gitText(['-c', 'core.quotePath=false', 'diff-index', '--cached', '-M', '--name-status', '-z', base(repo), '--'], { cwd: repo.cwd }).split('\0');
  const out: StagedPath[] = [];
  for (let i = 0; i + 1 < parts.length; i++) {
    const status = parts[i];
    if (!status) continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      const oldPath = parts[++i];
      const path = parts[++i];
      out.push(status.startsWith('R') ? { status: 'R', path, oldPath } : { status: 'C', path });
    } else {
      out.push({ status, path: parts[++i] });
    }
  }
  return out;
}

/** Every tracked path in the index, for the whole-tree summary of `zones`. */
export function trackedPaths(repo: Repo): string[] {
  return gitText(['-c', 'core.quotePath=false', 'ls-files', '-z'], { cwd: repo.cwd }).split('\0').filter(Boolean);
}

/** The tree of the index being committed: what HEAD^{tree} will be. */
export function writeTree(repo: Repo): string {
  return gitText(['write-tree'], { cwd: repo.cwd }).trim();
}

/** The tree of HEAD (what a commit-msg `writeTree` predicted), or undefined before the first commit. */
export function headTree(repo: Repo): string | undefined {
  const result = git(['rev-parse', '-q', '--verify', 'HEAD^{tree}'], { cwd: repo.cwd, okCodes: [1] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
