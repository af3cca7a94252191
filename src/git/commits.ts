// What a commit is: its header (one format, one parser) and, read in bulk, its note and changed
// files. Many commits are read in ONE streaming `git log` (notes through %N, files through
// --numstat -z), so the push gate costs a fixed number of git processes however many it checks.

import { parseTrailerLines, type Trailer } from '../model/trailers.ts';
import { NOTES_REF } from './notes.ts';
import { NumstatReader, parseNumstatZ, type FileChange } from './numstat.ts';
import type { Repo } from './repo.ts';
import { gitRecordBatches, gitText } from './run.ts';

export interface Commit {
  commit: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  authorDate: string;
  committerName: string;
  committerEmail: string;
  committerDate: string;
  /** Committer time, seconds since the epoch. */
  time: number;
  subject: string;
  message: string;
  trailers: Trailer[];
}

/**
 * The header fields, NUL-separated (messages cannot contain NUL). %B is last, so a reader of
 * lines (history.ts) can close the header with a marker of its own right after the message.
 */
export const COMMIT_FORMAT = ['%H', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%ct', '%s', '%(trailers:only,unfold)', '%B'].join('%x00');
const COMMIT_FIELDS = 12;

/** A commit from the COMMIT_FIELDS fields of COMMIT_FORMAT. */
export function parseCommitFields(fields: readonly string[]): Commit {
  const [commit, parents, authorName, authorEmail, authorDate, committerName, committerEmail, committerDate, time, subject, trailers, message] = fields;
  return {
    commit,
    parents: parents ? parents.split(' ') : [],
    authorName,
    authorEmail,
    authorDate,
    committerName,
    committerEmail,
    committerDate,
    time: Number(time),
    subject,
    message: message ?? '',
    trailers: parseTrailerLines(trailers ?? ''),
  };
}

export function readCommit(repo: Repo, commit: string): Commit {
  const text = gitText(['-c', 'log.showSignature=false', 'show', '-s', `--format=${COMMIT_FORMAT}%x00`, commit, '--'], { cwd: repo.cwd });
  return parseCommitFields(text.slice(0, text.lastIndexOf('\0')).split('\0'));
}

/** Files a commit changed against its first parent (or the empty tree for a root commit). */
export function commitChanges(repo: Repo, commit: string): FileChange[] {
  const text = gitText(['-c', 'core.quotePath=false', 'diff-tree', '-r', '--root', '-M', '--no-commit-id', '--numstat', '-z', commit, '--'], { cwd: repo.cwd });
  return parseNumstatZ(text);
}

export interface LoggedCommit {
  info: Commit;
  /** The raw note under NOTES_REF, if any. */
  noteText?: string;
  /** Changes against the first parent; empty for merges (their changes come from the merged commits). */
  changes: FileChange[];
}

const RECORD_START = '\x1e';
/** COMMIT_FORMAT's fields, then the note. */
const HEADER_FIELDS = COMMIT_FIELDS + 1;
const LOG_FORMAT = `${RECORD_START}${COMMIT_FORMAT}%x00%N`;

function logArgs(changes: boolean): string[] {
  return [
    '-c',
    'core.quotePath=false',
    '-c',
    'log.showSignature=false',
    'log',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--diff-merges=off',
    '-M',
    ...(changes ? ['--numstat'] : []),
    '-z',
    '--no-notes',
    `--notes=${NOTES_REF}`,
    `--format=${LOG_FORMAT}`,
  ];
}

/**
 * Incremental parser for `git log -z --numstat` with LOG_FORMAT: a record starts with RECORD_START,
 * its header is HEADER_FIELDS NUL-separated fields, then numstat entries. Messages and notes never
 * contain NUL, and a numstat entry always starts with a digit or "-", so the record boundaries are
 * unambiguous.
 */
export class LogParser {
  private header: string[] | undefined;
  private current: LoggedCommit | undefined;
  private numstat = new NumstatReader();

  /** Feeds one NUL-separated token; returns a commit when the previous one is complete. */
  feed(token: string): LoggedCommit | undefined {
    if (this.header) {
      this.header.push(token);
      if (this.header.length === HEADER_FIELDS) this.finishHeader();
      return undefined;
    }
    if (!this.numstat.inRename) {
      const text = token.replace(/^\n+/, '');
      if (text.startsWith(RECORD_START)) {
        const done = this.current;
        this.current = undefined;
        this.header = [text.slice(RECORD_START.length)];
        return done;
      }
      if (!text || !this.current) return undefined;
    }
    const change = this.numstat.feed(token);
    if (change && this.current) this.current.changes.push(change);
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
    const note = fields[COMMIT_FIELDS];
    this.current = { info: parseCommitFields(fields.slice(0, COMMIT_FIELDS)), changes: [] };
    if (note) this.current.noteText = note;
  }
}

async function* streamLog(repo: Repo, args: string[], input: string): AsyncGenerator<LoggedCommit> {
  const parser = new LogParser();
  for await (const tokens of gitRecordBatches(args, { cwd: repo.cwd, input, separator: '\0' })) {
    const done: LoggedCommit[] = [];
    for (const token of tokens) {
      const commit = parser.feed(token);
      if (commit) done.push(commit);
    }
    yield* done;
  }
  const last = parser.finish();
  if (last) yield last;
}

async function collect(commits: AsyncIterable<LoggedCommit>): Promise<LoggedCommit[]> {
  const out: LoggedCommit[] = [];
  for await (const commit of commits) out.push(commit);
  return out;
}

/**
 * The given commits, in the given order, with their notes and (unless `changes` is false)
 * changed files, streamed.
 */
export async function* streamCommits(repo: Repo, commits: readonly string[], options: { changes?: boolean } = {}): AsyncGenerator<LoggedCommit> {
  if (!commits.length) return;
  yield* streamLog(repo, [...logArgs(options.changes ?? true), '--no-walk=unsorted', '--stdin', '--'], `${commits.join('\n')}\n`);
}

/** The given commits (in the given order) with their notes and changed files. */
export function readCommits(repo: Repo, commits: readonly string[]): Promise<LoggedCommit[]> {
  return collect(streamCommits(repo, commits));
}

/**
 * Every non-merge commit reachable from `tips` committed at or after `since` (seconds),
 * with changes limited to `pathspecs` when given (git then diffs only those folders).
 */
export async function readCommitsSince(
  repo: Repo,
  tips: readonly string[],
  since: number,
  pathspecs: readonly string[] = [],
  options: { changes?: boolean } = {},
): Promise<LoggedCommit[]> {
  if (!tips.length) return [];
  // --full-history: a merge that kept one side must not hide the other side's commits.
  const limit = pathspecs.length ? ['--full-history'] : [];
  return collect(
    streamLog(
      repo,
      [...logArgs(options.changes ?? true), '--no-merges', ...limit, `--since=@${Math.floor(since)}`, '--stdin', '--', ...pathspecs],
      `${tips.join('\n')}\n`,
    ),
  );
}
