// Notes: every notes ref name this tool uses, reading and writing one note, reading many, and
// moving notes between clones. Network commands carry a time limit and never ask for credentials
// (GIT_TERMINAL_PROMPT=0): they run inside the user's `git push` and must not hang it.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NOTE_SIZE_LIMIT } from '../model/note.ts';
import { nodeCrypto } from '../model/lazy-builtins.ts';
import { remotes } from './config.ts';
import { gitPath, type Repo } from './repo.ts';
import { emptyTree, isAncestor, refTip } from './revisions.ts';
import { git, gitLines, type GitResult } from './run.ts';

// --- ref names --------------------------------------------------------------------------------

/** Where provenance notes live (docs/FORMAT.md). */
export const NOTES_REF = 'refs/notes/provenance';
/** The notes ref git-ai writes (schema authorship/3.x, one note per commit): `report` reads levels from it too. */
export const GIT_AI_NOTES_REF = 'refs/notes/ai';
const NOTES_NAMESPACE = 'refs/notes/';

/** Whether a ref is a notes ref (a push or receive of notes adds no commits to check). */
export function isNotesRef(ref: string): boolean {
  return ref.startsWith(NOTES_NAMESPACE);
}

/** Where a remote's notes are fetched to; a URL (pre-push may get one) gets a stable name. */
export function trackingNotesRef(repo: Repo, remote: string, ref: string = NOTES_REF): string {
  const name = remotes(repo).includes(remote) ? remote : `url-${nodeCrypto().createHash('sha1').update(remote).digest('hex').slice(0, 12)}`;
  return `${NOTES_NAMESPACE}remotes/${name}/${ref.slice(NOTES_NAMESPACE.length)}`;
}

/**
 * The fetch refspec `install` adds per remote. A glob, because an exact ref that the remote does
 * not have yet makes every `git fetch` fail.
 */
export function notesFetchRefspec(remote: string): string {
  return `+${NOTES_REF}*:${NOTES_NAMESPACE}remotes/${remote}/provenance*`;
}

// --- one note ---------------------------------------------------------------------------------

/**
 * The text of a commit's note. A note over NOTE_SIZE_LIMIT bytes is not read: `onTooLarge` hears
 * its size and the result is undefined, as for no note.
 */
export function readNote(repo: Repo, commit: string, ref: string = NOTES_REF, onTooLarge?: (bytes: number) => void): string | undefined {
  const result = git(['notes', `--ref=${ref}`, 'show', commit], { cwd: repo.cwd, okCodes: [1, 128], maxBytes: NOTE_SIZE_LIMIT });
  if (result.overflow) {
    const blob = git(['notes', `--ref=${ref}`, 'list', commit], { cwd: repo.cwd, okCodes: [1, 128] }).stdout.trim();
    onTooLarge?.(blob ? Number(git(['cat-file', '-s', blob], { cwd: repo.cwd }).stdout.trim()) : NOTE_SIZE_LIMIT + 1);
    return undefined;
  }
  return result.status === 0 ? result.stdout : undefined;
}

/** Where a note is written before it is swapped in; never under a name the fetch refspec copies. */
export const NOTES_WRITE_PREFIX = `${NOTES_NAMESPACE}git-provenance-write/`;
/** Concurrent commits in several worktrees each retry until their swap lands. */
const NOTES_WRITE_ATTEMPTS = 50;

const workRefName = () => `${NOTES_WRITE_PREFIX}${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}`;

/**
 * Changes a notes ref as a compare-and-swap: `git notes` works on a private copy of the ref, and
 * one `update-ref --stdin` transaction moves the ref to the result only if it still points where
 * the copy started (the new notes commit's parent), else starts again. `git notes add` on the
 * ref itself would overwrite a note another worktree wrote in between.
 */
function changeNotes(repo: Repo, ref: string, change: (workRef: string) => void): void {
  const work = workRefName();
  for (let attempt = 0; attempt < NOTES_WRITE_ATTEMPTS; attempt++) {
    const copied = git(['update-ref', work, ref], { cwd: repo.cwd, okCodes: [128] }).status === 0;
    if (!copied) git(['update-ref', '-d', work], { cwd: repo.cwd, okCodes: [1, 128] });
    change(work);
    if (swapRef(repo, ref, work, copied ? `${work}^` : undefined, 'notes: git-provenance', `delete ${work}\n`)) return;
  }
  git(['update-ref', '-d', work], { cwd: repo.cwd, okCodes: [1, 128] });
  throw keptChanging(ref);
}

/**
 * Moves `ref` to `to` only if it is still at `from` (absent: only if it does not exist), in one
 * `update-ref --stdin` transaction with `also` (more commands); false when it had moved.
 */
function swapRef(repo: Repo, ref: string, to: string, from: string | undefined, message: string, also = ''): boolean {
  const swap = from ? `update ${ref} ${to} ${from}` : `create ${ref} ${to}`;
  return git(['update-ref', '-m', message, '--stdin'], { cwd: repo.cwd, input: `${swap}\n${also}`, okCodes: [1, 128] }).status === 0;
}

const keptChanging = (ref: string) => new Error(`could not update ${ref}: it kept changing under ${NOTES_WRITE_ATTEMPTS} attempts`);

export function writeNote(repo: Repo, commit: string, text: string, ref: string = NOTES_REF): void {
  changeNotes(repo, ref, (work) => git(['notes', `--ref=${work}`, 'add', '-f', '-F', '-', commit], { cwd: repo.cwd, input: text }));
}

export function removeNote(repo: Repo, commit: string, ref: string = NOTES_REF): void {
  // Removing nothing makes no notes commit, which the swap would take for a lost race.
  if (readNote(repo, commit, ref) === undefined) return;
  changeNotes(repo, ref, (work) => git(['notes', `--ref=${work}`, 'remove', '--ignore-missing', commit], { cwd: repo.cwd }));
}

// --- many notes -------------------------------------------------------------------------------

/** commit id → note blob id, for every note under `ref` (empty when the ref does not exist), streamed. */
export async function listNotes(repo: Repo, ref: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!refTip(repo, ref)) return out;
  for await (const line of gitLines(['notes', `--ref=${ref}`, 'list'], { cwd: repo.cwd })) {
    const [blob, commit] = line.split(' ');
    if (blob && commit) out.set(commit, blob);
  }
  return out;
}

/** commit id → note blob id, read at once (hooks: small, synchronous). */
export function noteBlobs(repo: Repo, ref: string = NOTES_REF): Map<string, string> {
  const out = new Map<string, string>();
  const result = git(['notes', `--ref=${ref}`, 'list'], { cwd: repo.cwd, okCodes: [1, 128] });
  if (result.status !== 0) return out;
  for (const line of result.stdout.split('\n')) {
    const [blob, commit] = line.split(' ');
    if (blob && commit) out.set(commit, blob);
  }
  return out;
}

/** Commit ids whose notes differ between two tips of a notes ref (null: no ref); fan-out removed. */
export async function changedNotes(repo: Repo, from: string | null, to: string | null): Promise<string[]> {
  const out: string[] = [];
  for await (const line of gitLines(['diff-tree', '-r', '--no-commit-id', '--name-only', '--no-renames', from ?? emptyTree(repo), to ?? emptyTree(repo)], {
    cwd: repo.cwd,
  })) {
    if (line) out.push(line.replace(/\//g, ''));
  }
  return out;
}

// --- merging notes ----------------------------------------------------------------------------

export type NotesMergeOutcome = 'nothing' | 'up-to-date' | 'fast-forward' | 'merged';

/**
 * Merges another notes ref into `ref` as a compare-and-swap, like every other note write: the
 * merge is made on a private copy of `ref` (`merge(workRef)`), and `ref` moves to the result only
 * if it still points where the copy started, else everything starts again from the new tip.
 * `git notes merge` on the ref itself (and a plain `update-ref` for a fast-forward) would
 * overwrite a note a commit wrote in the meantime.
 */
export function mergeNotesRef(repo: Repo, ref: string, other: string, merge: (workRef: string) => void): NotesMergeOutcome {
  const theirs = refTip(repo, other);
  if (!theirs) return 'nothing';
  for (let attempt = 0; attempt < NOTES_WRITE_ATTEMPTS; attempt++) {
    const ours = refTip(repo, ref);
    if (ours && (ours === theirs || isAncestor(repo, theirs, ours))) return 'up-to-date';
    let result = theirs;
    let outcome: NotesMergeOutcome = 'fast-forward';
    if (ours && !isAncestor(repo, ours, theirs)) {
      const work = workRefName();
      git(['update-ref', work, ours], { cwd: repo.cwd });
      try {
        merge(work);
        result = refTip(repo, work) ?? ours;
      } catch (error) {
        abortNotesMerge(repo, work);
        throw error;
      } finally {
        git(['update-ref', '-d', work], { cwd: repo.cwd, okCodes: [1, 128] });
      }
      outcome = 'merged';
    }
    if (swapRef(repo, ref, result, ours, 'notes: git-provenance merge')) return outcome;
  }
  throw keptChanging(ref);
}

export type NotesMergeStart = { status: 'clean' } | { status: 'conflicts'; worktree: string; commits: string[] };

/**
 * Starts `git notes merge -s manual`: clean merges (and fast-forwards) are done at once; conflicts
 * leave one file per commit in NOTES_MERGE_WORKTREE for the caller to resolve, then
 * `finishNotesMerge`. git's own strategies would either pick one side or concatenate lines,
 * which breaks a one-JSON-object note.
 */
export function startNotesMerge(repo: Repo, ref: string, other: string): NotesMergeStart {
  const worktree = gitPath(repo, 'NOTES_MERGE_WORKTREE');
  // A merge left half-done by a crash would block every later one.
  abortNotesMerge(repo, ref);
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

/**
 * Merges another notes ref with one of git's own strategies (`ours`: where both sides annotated
 * a commit, the local note is kept whole). For notes in another tool's format, which this tool
 * must not rewrite.
 */
export function mergeNotesKeepingOurs(repo: Repo, ref: string, other: string): void {
  abortNotesMerge(repo, ref);
  git(['notes', `--ref=${ref}`, 'merge', '--strategy=ours', '--quiet', other], { cwd: repo.cwd });
}

export function finishNotesMerge(repo: Repo, ref: string): void {
  git(['notes', `--ref=${ref}`, 'merge', '--commit', '--quiet'], { cwd: repo.cwd });
}

export function abortNotesMerge(repo: Repo, ref: string): void {
  git(['notes', `--ref=${ref}`, 'merge', '--abort'], { cwd: repo.cwd, okCodes: [1, 128] });
}

// --- between clones ---------------------------------------------------------------------------

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
