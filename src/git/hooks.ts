// Git operations the capture hooks and `install` need: message trailers, identities, paths
// inside the git directory, and local config. Everything goes through the git CLI (run.ts): it
// honours GIT_INDEX_FILE and the other variables git sets for hooks.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseTrailerLines, type Trailer } from '../model/trailers.ts';
import { git, gitText } from './run.ts';
import { identity, type Ident, type Repo } from './repo.ts';

/** Trailers of a message file as git itself reads them (comments and the scissors line ignored). */
export function messageTrailers(repo: Repo, file: string): Trailer[] {
  return parseTrailerLines(gitText(['interpret-trailers', '--parse', '--', file], { cwd: repo.cwd }));
}

/**
 * Writes trailers into a message file in place. `--if-exists replace` makes it idempotent (the
 * default would append a second line with another value). Values must already be one safe line.
 */
export function writeMessageTrailers(repo: Repo, file: string, trailers: readonly Trailer[]): void {
  if (!trailers.length) return;
  const args = ['interpret-trailers', '--in-place', '--if-exists', 'replace', '--if-missing', 'add', '--where', 'end'];
  for (const { key, value } of trailers) args.push('--trailer', `${key}: ${value}`);
  args.push(file);
  git(args, { cwd: repo.cwd });
  // On an empty message (an editor is about to open) git writes one empty line before the
  // trailers: a subject typed on that line would swallow them. Leave two, as `commit -s` does.
  const path = isAbsolute(file) ? file : join(repo.cwd, file);
  const written = readFileSync(path, 'utf8');
  if (written.startsWith(`\n${trailers[0].key}: `)) writeFileSync(path, `\n${written}`);
}

/** An absolute path inside the git directory (`git rev-parse --git-path`), e.g. rebase-merge. */
export function gitPath(repo: Repo, name: string): string {
  const path = gitText(['rev-parse', '--git-path', name], { cwd: repo.cwd }).trim();
  return isAbsolute(path) ? path : join(repo.cwd, path);
}

/** Per-work-tree state files (rebase, cherry-pick) live in the work tree's own git dir. */
export function inGitDir(repo: Repo, name: string): string {
  return join(repo.gitDir, name);
}

export function gitDirHas(repo: Repo, name: string): boolean {
  return existsSync(inGitDir(repo, name));
}

/** Who the commit being made is by (`git var`: honours GIT_AUTHOR_* set by agents like Aider). */
export function commitIdents(repo: Repo): { author: Ident; committer: Ident } {
  return { author: identity(repo, 'author'), committer: identity(repo, 'committer') };
}

// --- local config -------------------------------------------------------------------------

export function localConfigAll(repo: Repo, key: string): string[] {
  const result = git(['config', '--local', '--get-all', key], { cwd: repo.cwd, okCodes: [1] });
  return result.status === 0 ? result.stdout.split('\n').filter(Boolean) : [];
}

export function localConfigGet(repo: Repo, key: string): string | undefined {
  const result = git(['config', '--local', '--get', key], { cwd: repo.cwd, okCodes: [1] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The value in force from any config file (local, global, system). */
export function effectiveConfig(repo: Repo, key: string): string | undefined {
  const result = git(['config', '--get', key], { cwd: repo.cwd, okCodes: [1] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export function setLocalConfig(repo: Repo, key: string, value: string): void {
  git(['config', '--local', key, value], { cwd: repo.cwd });
}

export function addLocalConfig(repo: Repo, key: string, value: string): void {
  git(['config', '--local', '--add', key, value], { cwd: repo.cwd });
}

export function unsetLocalConfig(repo: Repo, key: string): void {
  git(['config', '--local', '--unset-all', key], { cwd: repo.cwd, okCodes: [5] });
}

/** Removes the entries of a multi-valued key that equal `value` exactly. */
export function unsetLocalConfigValue(repo: Repo, key: string, value: string): void {
  const pattern = `^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  git(['config', '--local', '--unset-all', key, pattern], { cwd: repo.cwd, okCodes: [5] });
}

/** Removes a config section when it is empty (git leaves empty `[section]` headers behind). */
export function removeSectionIfEmpty(repo: Repo, section: string): void {
  const result = git(['config', '--local', '--get-regexp', `^${section.replace(/\./g, '\\.')}\\.`], { cwd: repo.cwd, okCodes: [1] });
  if (result.status === 1) git(['config', '--local', '--remove-section', section], { cwd: repo.cwd, okCodes: [128] });
}

export function remotes(repo: Repo): string[] {
  return gitText(['remote'], { cwd: repo.cwd }).split('\n').filter(Boolean);
}

/** True when the path is tracked or staged (so a hook file there is shared through commits). */
export function isTracked(repo: Repo, path: string): boolean {
  return git(['ls-files', '--error-unmatch', '--', path], { cwd: repo.cwd, okCodes: [1] }).status === 0;
}

/** The tree of the index being committed (honours GIT_INDEX_FILE): what HEAD^{tree} will be. */
export function writeTree(repo: Repo): string {
  return gitText(['write-tree'], { cwd: repo.cwd }).trim();
}

/** The tree of HEAD (what a commit-msg `writeTree` predicted), or undefined before the first commit. */
export function headTree(repo: Repo): string | undefined {
  const result = git(['rev-parse', '-q', '--verify', 'HEAD^{tree}'], { cwd: repo.cwd, okCodes: [1] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
