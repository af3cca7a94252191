// Notes read in bulk: the list of annotated commits once, each note's text on demand.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { git, gitLines, gitText, type GitResult } from './run.ts';
import type { Repo } from './repo.ts';

/** commit id → note blob id, for every note under `ref` (empty when the ref does not exist). */
export async function listNotes(repo: Repo, ref: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!notesTip(repo, ref)) return out;
  for await (const line of gitLines(['notes', `--ref=${ref}`, 'list'], { cwd: repo.cwd })) {
    const [blob, commit] = line.split(' ');
    if (blob && commit) out.set(commit, blob);
  }
  return out;
}

/** The commit the notes ref points at, or undefined when there is none. */
export function notesTip(repo: Repo, ref: string): string | undefined {
  const result = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo.cwd, okCodes: [1, 128] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

// --- capture: copying notes and moving them between clones -------------------------------------
// Network commands carry a time limit and never ask for credentials (GIT_TERMINAL_PROMPT=0):
// they run inside the user's `git push` and must not hang it.

export function refOid(repo: Repo, ref: string): string | undefined {
  const result = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo.cwd, okCodes: [1, 128] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export function isAncestor(repo: Repo, ancestor: string, descendant: string): boolean {
  return git(['merge-base', '--is-ancestor', ancestor, descendant], { cwd: repo.cwd, okCodes: [1] }).status === 0;
}

export function updateRef(repo: Repo, ref: string, oid: string): void {
  git(['update-ref', '-m', 'git-provenance: notes', ref, oid], { cwd: repo.cwd });
}

/** commit id -> note blob id, read at once (hooks: small, synchronous). */
export function noteBlobs(repo: Repo, ref: string): Map<string, string> {
  const out = new Map<string, string>();
  const result = git(['notes', `--ref=${ref}`, 'list'], { cwd: repo.cwd, okCodes: [1, 128] });
  if (result.status !== 0) return out;
  for (const line of result.stdout.split('\n')) {
    const [blob, commit] = line.split(' ');
    if (blob && commit) out.set(commit, blob);
  }
  return out;
}

export function readBlobText(repo: Repo, oid: string): string {
  return gitText(['cat-file', 'blob', oid], { cwd: repo.cwd });
}

/** Whether an object exists locally (a remote oid in pre-push may be unknown here). */
export function hasObject(repo: Repo, oid: string): boolean {
  return git(['cat-file', '-e', `${oid}^{commit}`], { cwd: repo.cwd, okCodes: [1, 128] }).status === 0;
}

const NETWORK_ENV = { GIT_TERMINAL_PROMPT: '0' };

function networkEnv(interactive: boolean): NodeJS.ProcessEnv {
  return interactive ? process.env : { ...process.env, ...NETWORK_ENV };
}

export interface NetworkOptions {
  timeoutMs: number;
  /** Allow git to ask for credentials (only for `sync` run by hand). */
  interactive?: boolean;
}

/** Pushes one ref; never runs hooks (this is called from pre-push). Returns git's result. */
export function pushRef(repo: Repo, remote: string, refspec: string, options: NetworkOptions): GitResult {
  return git(['push', '--no-verify', '--quiet', '--porcelain', remote, refspec], {
    cwd: repo.cwd,
    okCodes: [1, 128],
    timeoutMs: options.timeoutMs,
    env: networkEnv(Boolean(options.interactive)),
  });
}

/** Fetches one remote ref into a local ref (forced: the destination is only a tracking ref). */
export function fetchRef(repo: Repo, remote: string, source: string, destination: string, options: NetworkOptions): GitResult {
  return git(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', remote, `+${source}:${destination}`], {
    cwd: repo.cwd,
    okCodes: [1, 128],
    timeoutMs: options.timeoutMs,
    env: networkEnv(Boolean(options.interactive)),
  });
}

/** Whether the remote has the ref (ls-remote), or undefined when the remote cannot be reached. */
export function remoteHasRef(repo: Repo, remote: string, ref: string, options: NetworkOptions): boolean | undefined {
  const result = git(['ls-remote', '--exit-code', remote, ref], {
    cwd: repo.cwd,
    okCodes: [1, 2, 128],
    timeoutMs: options.timeoutMs,
    env: networkEnv(Boolean(options.interactive)),
  });
  if (result.status === 0) return true;
  if (result.status === 2) return false;
  return undefined;
}

export type NotesMergeStart = { status: 'clean' } | { status: 'conflicts'; worktree: string; commits: string[] };

/**
 * Starts `git notes merge -s manual`: clean merges (and fast-forwards) are done at once; conflicts
 * leave one file per commit in NOTES_MERGE_WORKTREE for the caller to resolve, then
 * `finishNotesMerge`. git's own strategies would either pick one side or concatenate lines,
 * which breaks a one-JSON-object note.
 */
export function startNotesMerge(repo: Repo, ref: string, other: string): NotesMergeStart {
  const where = gitText(['rev-parse', '--git-path', 'NOTES_MERGE_WORKTREE'], { cwd: repo.cwd }).trim();
  const worktree = isAbsolute(where) ? where : join(repo.cwd, where);
  // A merge left half-done by a crash would block every later one.
  git(['notes', `--ref=${ref}`, 'merge', '--abort'], { cwd: repo.cwd, okCodes: [1, 128] });
  const result = git(['notes', `--ref=${ref}`, 'merge', '--strategy=manual', '--quiet', other], { cwd: repo.cwd, okCodes: [1] });
  if (result.status === 0) return { status: 'clean' };
  const commits: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path, prefix + entry);
      else commits.push(prefix + entry);
    }
  };
  if (existsSync(worktree)) walk(worktree, '');
  return { status: 'conflicts', worktree, commits };
}

export function finishNotesMerge(repo: Repo, ref: string): void {
  git(['notes', `--ref=${ref}`, 'merge', '--commit', '--quiet'], { cwd: repo.cwd });
}

export function abortNotesMerge(repo: Repo, ref: string): void {
  git(['notes', `--ref=${ref}`, 'merge', '--abort'], { cwd: repo.cwd, okCodes: [1, 128] });
}

export function removeNote(repo: Repo, commit: string, ref: string = 'refs/notes/provenance'): void {
  git(['notes', `--ref=${ref}`, 'remove', '--ignore-missing', commit], { cwd: repo.cwd });
}
