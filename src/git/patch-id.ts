// Patch ids: what a review approved. `git patch-id` hashes a change without its line numbers, so
// the id survives a rebase onto a moved base and changes with any edit of the change itself.
// `--verbatim` (git 2.39+) keeps whitespace, which matters (indentation in Python, YAML);
// older git falls back to `--stable`, which ignores whitespace-only edits.

import type { Repo } from './repo.ts';
import { git, gitText } from './run.ts';

let verbatimSupported: boolean | undefined;

/** Each commit's patch id against its first parent ("" for a commit that changes nothing). */
export function patchIds(repo: Repo, commits: readonly string[]): Map<string, string> {
  const out = new Map<string, string>(commits.map((commit) => [commit, '']));
  if (!commits.length) return out;
  const diff = gitText(
    [
      '-c',
      'core.quotePath=false',
      'diff-tree',
      '--stdin',
      '-p',
      '-r',
      '--root',
      '-m',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--full-index',
      '--no-renames',
    ],
    {
      cwd: repo.cwd,
      input: `${commits.join('\n')}\n`,
    },
  );
  if (!diff) return out;
  const ids = patchIdLines(repo, diff);
  const seen = new Set<string>();
  for (const line of ids.split('\n')) {
    const [patch, commit] = line.split(' ');
    // A merge is diffed against each parent in turn: the first is its first parent.
    if (!patch || !commit || seen.has(commit) || !out.has(commit)) continue;
    seen.add(commit);
    out.set(commit, patch);
  }
  return out;
}

function patchIdLines(repo: Repo, diff: string): string {
  if (verbatimSupported !== false) {
    const result = git(['patch-id', '--verbatim'], { cwd: repo.cwd, input: diff, okCodes: [129] });
    if (result.status === 0) {
      verbatimSupported = true;
      return result.stdout;
    }
    verbatimSupported = false;
  }
  return gitText(['patch-id', '--stable'], { cwd: repo.cwd, input: diff });
}
