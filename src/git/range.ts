// Many commits at once: which commits a push or a range adds, and each one's message, note and
// changed files read in ONE streaming `git log` (notes through %N, files through --numstat -z),
// so the push gate costs a fixed number of git processes however many commits it checks.

import { NOTES_REF } from '../model/note.ts';
import { parseTrailerLines, type Trailer } from '../model/trailers.ts';
import { BadRevisionError, GitFailedError } from '../model/errors.ts';
import { COMMIT_FORMAT, parseCommitRecord, type CommitInfo, type FileChange, type Repo } from './repo.ts';
import { git, gitRecords, gitText } from './run.ts';

export interface LoggedCommit {
  info: CommitInfo;
  /** Committer time, seconds since the epoch. */
  time: number;
  /** The raw note under refs/notes/provenance, if any. */
  noteText?: string;
  /** Changes against the first parent; empty for merges (their changes come from the merged commits). */
  changes: FileChange[];
}

const RECORD_START = '\x1e';
/** COMMIT_FORMAT's 11 fields, then committer time and the note. */
const HEADER_FIELDS = 13;
const LOG_FORMAT = `${RECORD_START}${COMMIT_FORMAT}%x00%ct%x00%N`;

function logArgs(): string[] {
  return [
    '-c', 'core.quotePath=false',
    '-c', 'log.showSignature=false',
    'log', '--no-color', '--no-ext-diff', '--no-textconv', '--diff-merges=off', '-M', '--numstat', '-z',
    '--no-notes', `--notes=${NOTES_REF}`, `--format=${LOG_FORMAT}`,
  ];
}

/**
 * Incremental parser for `git log -z --numstat` with LOG_FORMAT: a record starts with RECORD_START,
 * its header is HEADER_FIELDS NUL-separated fields, then numstat entries ("A\tD\tPATH", or
 * "A\tD\t" followed by OLD and NEW for a rename). Messages and notes never contain NUL, and a
 * numstat entry always starts with a digit or "-", so the record boundaries are unambiguous.
 */
export class LogParser {
  private header: string[] | undefined;
  private current: LoggedCommit | undefined;
  private renameParts: string[] | undefined;
  private renameHead: { added: number; deleted: number; binary: boolean } | undefined;

  /** Feeds one NUL-separated token; returns a commit when the previous one is complete. */
  feed(token: string): LoggedCommit | undefined {
    if (this.header) {
      this.header.push(token);
      if (this.header.length === HEADER_FIELDS) this.finishHeader();
      return undefined;
    }
    if (this.renameParts) {
      this.renameParts.push(token);
      if (this.renameParts.length === 2 && this.current && this.renameHead) {
        const [oldPath, path] = this.renameParts;
        this.current.changes.push({ status: 'R', path, oldPath, ...this.renameHead });
        this.renameParts = undefined;
        this.renameHead = undefined;
      }
      return undefined;
    }
    const text = token.replace(/^\n+/, '');
    if (text.startsWith(RECORD_START)) {
      const done = this.current;
      this.current = undefined;
      this.header = [text.slice(RECORD_START.length)];
      return done;
    }
    if (!text || !this.current) return undefined;
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(text);
    if (!match) return undefined;
    const binary = match[1] === '-';
    const head = { added: binary ? 0 : Number(match[1]), deleted: binary ? 0 : Number(match[2]), binary };
    if (match[3] === '') {
      this.renameParts = [];
      this.renameHead = head;
    } else {
      this.current.changes.push({ status: 'M', path: match[3], ...head });
    }
    return undefined;
  }

  finish(): LoggedCommit | undefined {
    const done = this.current;
    this.current = undefined;
    return done;
  }

  private finishHeader(): void {
    const fields = this.header as string[];
    this.header = undefined;
    const info = parseCommitRecord(fields.slice(0, 11).join('\0'));
    const note = fields[12];
    this.current = { info, time: Number(fields[11]), changes: [] };
    if (note) this.current.noteText = note;
  }
}

async function collect(args: string[], repo: Repo, input?: string): Promise<LoggedCommit[]> {
  const parser = new LogParser();
  const out: LoggedCommit[] = [];
  for await (const token of gitRecords(args, { cwd: repo.cwd, input, separator: '\0' })) {
    const commit = parser.feed(token);
    if (commit) out.push(commit);
  }
  const last = parser.finish();
  if (last) out.push(last);
  return out;
}

/** Reads the given commits (in the given order) with their notes and changed files. */
export async function readCommits(repo: Repo, commits: readonly string[]): Promise<LoggedCommit[]> {
  if (!commits.length) return [];
  return collect([...logArgs(), '--no-walk=unsorted', '--stdin', '--'], repo, `${commits.join('\n')}\n`);
}

/**
 * Reads every non-merge commit reachable from `tips` committed at or after `since` (seconds),
 * with changes limited to `pathspecs` when given (git then diffs only those folders).
 */
export async function readCommitsSince(repo: Repo, tips: readonly string[], since: number, pathspecs: readonly string[] = [], options: { changes?: boolean } = {}): Promise<LoggedCommit[]> {
  if (!tips.length) return [];
  // --full-history: a merge that kept one side must not hide the other side's commits.
  const limit = pathspecs.length ? ['--full-history'] : [];
  // Without changes (messages and notes only) git computes no diff at all.
  const args = options.changes === false ? logArgs().filter((arg) => arg !== '--numstat' && arg !== '-M') : logArgs();
  return collect([...args, '--no-merges', ...limit, `--since=@${Math.floor(since)}`, '--stdin', '--', ...pathspecs], repo, `${tips.join('\n')}\n`);
}

/**
 * The commits a revision range names, oldest first. "A..B", "A...B" and "^A B" are ranges as git
 * reads them; a single revision names that one commit.
 */
export function commitsInRange(repo: Repo, range: string): string[] {
  const words = range.trim().split(/\s+/).filter(Boolean);
  for (const word of words) if (word.startsWith('-')) throw new BadRevisionError(word);
  const isRange = words.length > 1 || words.some((word) => word.includes('..') || word.startsWith('^'));
  // rev-list takes a tree or blob id without complaint and lists nothing: every end must be a commit.
  const ends = words.flatMap((word) => word.replace(/^\^/, '').split(/\.{2,3}/)).filter(Boolean);
  if (git(['rev-parse', '--end-of-options', ...ends.map((end) => `${end}^{commit}`), '--'], { cwd: repo.cwd, okCodes: [128] }).status !== 0) {
    throw new BadRevisionError(range);
  }
  const args = ['rev-list', '--reverse', '--topo-order', ...(isRange ? [] : ['--no-walk']), '--end-of-options', ...words, '--'];
  try {
    return gitText(args, { cwd: repo.cwd }).split('\n').filter(Boolean);
  } catch (error) {
    if (error instanceof GitFailedError) throw new BadRevisionError(range);
    throw error;
  }
}

/** Commits reachable from `tip` that are on no remote-tracking branch, oldest first. */
export function unpushedCommits(repo: Repo, tip: string = 'HEAD'): string[] {
  if (git(['rev-parse', '--verify', '--quiet', `${tip}^{commit}`], { cwd: repo.cwd, okCodes: [1] }).status !== 0) return [];
  return gitText(['rev-list', '--reverse', '--topo-order', tip, '--not', '--remotes', '--'], { cwd: repo.cwd }).split('\n').filter(Boolean);
}

// ---- pre-push ------------------------------------------------------------------------------

export interface PushedRef {
  localRef: string;
  localOid: string;
  remoteRef: string;
  remoteOid: string;
}

/** Parses pre-push stdin: "<local ref> <local oid> <remote ref> <remote oid>" per line. */
export function parsePushInput(text: string): PushedRef[] {
  const out: PushedRef[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts.length !== 4) continue;
    const [localRef, localOid, remoteRef, remoteOid] = parts;
    out.push({ localRef, localOid, remoteRef, remoteOid });
  }
  return out;
}

const isZeroOid = (oid: string) => /^0+$/.test(oid);

/** The refs of a push that can add commits: deletions and notes refs are skipped. */
export function refsAddingCommits(refs: readonly PushedRef[]): PushedRef[] {
  return refs.filter((ref) => !isZeroOid(ref.localOid) && !ref.remoteRef.startsWith('refs/notes/') && !ref.localRef.startsWith('refs/notes/'));
}

/** `git push` may be given a URL instead of a remote name: find the remote it belongs to. */
export function remoteNameFor(repo: Repo, remoteOrUrl: string): string | undefined {
  const result = git(['config', '-z', '--get-regexp', '^remote\\..*\\.(url|pushurl)$'], { cwd: repo.cwd, okCodes: [1] });
  let byUrl: string | undefined;
  for (const entry of result.stdout.split('\0')) {
    const newline = entry.indexOf('\n');
    if (newline < 0) continue;
    const key = entry.slice(0, newline);
    const name = key.replace(/^remote\./, '').replace(/\.(url|pushurl)$/, '');
    if (name === remoteOrUrl) return name;
    if (entry.slice(newline + 1) === remoteOrUrl) byUrl ??= name;
  }
  return byUrl;
}

/**
 * Peels each object to a commit in one `cat-file --batch-check` call: a tag peels to its commit;
 * objects missing here (the remote has commits not fetched yet) or not commits give undefined.
 */
export function peelToCommits(repo: Repo, oids: readonly string[]): (string | undefined)[] {
  if (!oids.length) return [];
  const out = gitText(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd: repo.cwd, input: oids.map((oid) => `${oid}^{commit}\n`).join('') });
  return out
    .split('\n')
    .slice(0, oids.length)
    .map((line) => {
      const [oid, type] = line.split(' ');
      return type === 'commit' ? oid : undefined;
    });
}

/**
 * Every commit a push would add to the remote, oldest first, without duplicates: for each ref,
 * `<local> ^<remote>` when the remote's commit is known here, else everything not on any of the
 * remote's tracking branches (a new branch, or a remote ahead of our last fetch).
 */
export function commitsForPush(repo: Repo, remoteOrUrl: string, refs: readonly PushedRef[]): { commits: string[]; tips: string[] } {
  const adding = refsAddingCommits(refs);
  const peeled = peelToCommits(repo, adding.flatMap((ref) => [ref.localOid, isZeroOid(ref.remoteOid) ? ref.localOid : ref.remoteOid]));
  const remote = remoteNameFor(repo, remoteOrUrl);
  const seen = new Set<string>();
  const commits: string[] = [];
  const tips: string[] = [];
  adding.forEach((ref, i) => {
    const local = peeled[2 * i];
    if (!local) return; // a tag of a tree or blob adds no commit
    tips.push(local);
    const remoteCommit = isZeroOid(ref.remoteOid) ? undefined : peeled[2 * i + 1];
    const exclude = remoteCommit ? [`^${remoteCommit}`] : ['--not', remote ? `--remotes=${remote}` : '--remotes'];
    const list = gitText(['rev-list', '--reverse', '--topo-order', local, ...exclude, '--'], { cwd: repo.cwd });
    for (const commit of list.split('\n')) {
      if (commit && !seen.has(commit)) {
        seen.add(commit);
        commits.push(commit);
      }
    }
  });
  return { commits, tips };
}

// ---- pre-receive (server side) ----------------------------------------------------------------

/**
 * Every commit a receiving repository would gain, from pre-receive stdin ("<old> <new> <ref>"
 * per line): `<new> ^<old>` for an update, `<new> --not --all` for a new ref (the refs are not
 * updated yet while pre-receive runs). Deletions and notes refs are skipped.
 */
export function commitsForReceive(repo: Repo, text: string): string[] {
  const updates = text
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((parts) => parts.length === 3 && !isZeroOid(parts[1]) && !parts[2].startsWith('refs/notes/'));
  const peeled = peelToCommits(repo, updates.map(([, next]) => next));
  const seen = new Set<string>();
  const commits: string[] = [];
  updates.forEach(([old], i) => {
    const next = peeled[i];
    if (!next) return;
    const exclude = isZeroOid(old) ? ['--not', '--all'] : [`^${old}`];
    for (const commit of gitText(['rev-list', '--reverse', '--topo-order', next, ...exclude, '--'], { cwd: repo.cwd }).split('\n')) {
      if (commit && !seen.has(commit)) {
        seen.add(commit);
        commits.push(commit);
      }
    }
  });
  return commits;
}

// ---- commit-msg ----------------------------------------------------------------------------

export interface StagedPath {
  path: string;
  /** Set on renames. */
  oldPath?: string;
  status: string;
}

/**
 * Paths in the index being committed (honours GIT_INDEX_FILE), with renames. Names only: line
 * counts would make git read every staged blob, which costs more than the whole gate.
 */
export function stagedPaths(repo: Repo): StagedPath[] {
  const head = git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: repo.cwd, okCodes: [1] });
  const base = head.status === 0 ? head.stdout.trim() : gitText(['hash-object', '-t', 'tree', '--stdin'], { cwd: repo.cwd, input: '' }).trim();
  const parts = gitText(['-c', 'core.quotePath=false', 'diff-index', '--cached', '-M', '--name-status', '-z', base, '--'], { cwd: repo.cwd }).split('\0');
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
