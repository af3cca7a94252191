// What a revision's tree holds: its file paths, a file's content, an object's content.

import type { Repo } from './repo.ts';
import { git, gitText } from './run.ts';

/** Every file path in a commit's tree. */
export function listFiles(repo: Repo, commit: string): string[] {
  return gitText(['-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--name-only', commit], { cwd: repo.cwd }).split('\0').filter(Boolean);
}

/** The content of a file at a revision (`REV:PATH`), or undefined when it does not exist there. */
export function readBlob(repo: Repo, spec: string): string | undefined {
  const result = git(['cat-file', '-p', spec], { cwd: repo.cwd, okCodes: [128] });
  return result.status === 0 ? result.stdout : undefined;
}

/** The text of a blob that must exist (e.g. a note listed by `git notes list`). */
export function readBlobText(repo: Repo, oid: string): string {
  return gitText(['cat-file', 'blob', oid], { cwd: repo.cwd });
}

/** The object ids of files at a revision (`REV:PATH` each), one per line, as one string. */
export function objectIds(repo: Repo, specs: readonly string[]): string {
  return gitText(['rev-parse', ...specs], { cwd: repo.cwd });
}
