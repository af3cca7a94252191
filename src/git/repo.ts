// The repository a command or hook runs in, opened once per process: where it is, and the
// answers already asked of git in this run (so a hook asking twice starts git once).

import { existsSync, lstatSync, readFileSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
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

/**
 * The repository a hook runs in, from the file system when that is certain: git starts hooks
 * at the top of the work tree, so a `.git` folder there (no GIT_DIR, GIT_WORK_TREE or
 * GIT_COMMON_DIR telling otherwise) is the repository. Anything else (worktrees, submodules,
 * bare repositories, a `.git` file or link) asks git, as `openRepo` does. Saves a git start per
 * hook. (`locateRepository` walks up and follows links: right for agents' edits, too loose here.)
 */
export function openHookRepo(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Repo {
  if (env.GIT_DIR === undefined && env.GIT_WORK_TREE === undefined && env.GIT_COMMON_DIR === undefined) {
    const gitDir = join(cwd, '.git');
    try {
      if (lstatSync(gitDir).isDirectory() && !existsSync(join(gitDir, 'commondir'))) {
        return { cwd, gitDir, commonDir: gitDir, topLevel: cwd, answers: new Map() };
      }
    } catch {
      // No .git folder here: ask git.
    }
  }
  return openRepo(cwd);
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

/** Removes a file if it is there (`unlinkSync`: `rmSync` loads node's rimraf, ms of a hook's start). */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export function gitDirHas(repo: Repo, name: string): boolean {
  return existsSync(inGitDir(repo, name));
}

/**
 * The repository holding `path`, found by reading the file system only (no git process: agents'
 * hooks call this on every edit). Follows a `.git` file (worktrees, submodules) and its
 * `commondir`; undefined when no repository encloses the path.
 */
export function locateRepository(path: string): { topLevel: string; gitDir: string; commonDir: string } | undefined {
  let dir = resolve(path);
  for (;;) {
    const dotGit = join(dir, '.git');
    try {
      const stat = statSync(dotGit);
      if (stat.isDirectory()) return { topLevel: dir, gitDir: dotGit, commonDir: dotGit };
      if (stat.isFile()) {
        const match = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'));
        if (match) {
          const gitDir = resolve(dir, match[1].trim());
          let commonDir = gitDir;
          try {
            commonDir = resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim());
          } catch {
            // Not a linked worktree: the git directory is the common one.
          }
          return { topLevel: dir, gitDir, commonDir };
        }
      }
    } catch {
      // No .git here: look in the parent.
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Where a write to `path` would really land (symlinks resolved; for a file not created yet, its
 * nearest existing folder's real path plus the rest), or undefined when that is outside the real
 * path of `top`. Every write into a work tree goes through this: a repository is hostile input.
 */
export function realPathInside(top: string, path: string): string | undefined {
  const realTop = realpathSync(top);
  let existing = resolve(path);
  const missing: string[] = [];
  for (;;) {
    try {
      existing = realpathSync(existing);
      break;
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return undefined;
      missing.unshift(existing.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
      existing = parent;
    }
  }
  const real = join(existing, ...missing);
  const inside = relative(realTop, real);
  return inside.startsWith('..') || isAbsolute(inside) ? undefined : real;
}
