// The repository a command or hook runs in, opened once per process: where it is, and the
// answers already asked of git in this run (so a hook asking twice starts git once).

import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { GitFailedError, NotARepositoryError } from '../model/errors.ts';
import { gitText } from './run.ts';

export interface Repo {
  /** Working directory commands run in. */
  cwd: string;
  /** Root of the work tree, or null in a bare repository. */
  topLevel: string | null;
  gitDir: string;
  commonDir: string;
  /**
   * Answers that cannot change while this process runs unless it changes them itself, keyed by
   * question; writers through src/git/ forget what they change (see `forget`).
   */
  readonly answers: Map<string, unknown>;
}

export function openRepo(cwd: string = process.cwd()): Repo {
  let out: string;
  try {
    out = gitText(['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir', '--is-bare-repository', '--show-toplevel'], { cwd });
  } catch (error) {
    if (error instanceof GitFailedError && /not a git repository/i.test(error.stderr)) throw new NotARepositoryError(resolve(cwd));
    // A bare repository (e.g. a server's pre-receive hook) has no work tree to show.
    if (!(error instanceof GitFailedError && /must be run in a work tree/i.test(error.stderr))) throw error;
    out = gitText(['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir', '--is-bare-repository'], { cwd });
  }
  const [gitDir, commonDir, bare, topLevel] = out.split('\n');
  return { cwd, gitDir, commonDir, topLevel: bare === 'true' ? null : topLevel || null, answers: new Map() };
}

/** The answer to `question` from this run, or `ask()`'s answer, remembered. */
export function remember<T>(repo: Repo, question: string, ask: () => T): T {
  if (repo.answers.has(question)) return repo.answers.get(question) as T;
  const answer = ask();
  repo.answers.set(question, answer);
  return answer;
}

/** Forgets remembered answers whose question starts with `prefix` (after this process changed them). */
export function forget(repo: Repo, prefix: string): void {
  for (const question of repo.answers.keys()) if (question.startsWith(prefix)) repo.answers.delete(question);
}

/** An absolute path inside the git directory (`git rev-parse --git-path`), e.g. hooks, NOTES_MERGE_WORKTREE. */
export function gitPath(repo: Repo, name: string): string {
  return remember(repo, `git-path:${name}`, () => {
    const path = gitText(['rev-parse', '--git-path', name], { cwd: repo.cwd }).trim();
    return isAbsolute(path) ? path : join(repo.cwd, path);
  });
}

/** Per-work-tree state files (rebase, cherry-pick) live in the work tree's own git dir. */
export function inGitDir(repo: Repo, name: string): string {
  return join(repo.gitDir, name);
}

export function gitDirHas(repo: Repo, name: string): boolean {
  return existsSync(inGitDir(repo, name));
}
