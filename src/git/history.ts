// Streaming history for the report: `git log -p -U0 -M` parsed commit by commit, never held
// whole. The parser follows the traps listed in docs/DECISIONS.md (section 9): split on "\n" only,
// pure renames without ---/+++ lines, TAB-suffixed and C-quoted names, content lines that look
// like headers (hunk counts decide), "\ No newline at end of file", binary files.
//
// Framing that content cannot forge: the diff stream carries no message, only a header line of
// a NUL byte, the commit id and its parents (no diff line can start with NUL: content lines start
// with +/-, names are quoted). Messages, authors and trailers are read separately, by id, from
// NUL-separated fields (`streamCommits` in commits.ts; git cuts a message at its first NUL byte). Callers
// pair both streams by commit id, never by position: git leaves out commits (empty ones, no-op
// merges, commits touching only excluded paths) from a diff stream.

import { readFileSync } from 'node:fs';
import type { Commit } from './commits.ts';
import { gitPath, type Repo } from './repo.ts';
import { git, gitBuffers, gitLines, gitRecords } from './run.ts';
import { toLineSet, type LineSet } from '../model/line-attribution.ts';

export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  /** Texts, only when the commit was read with texts (merges and branch commits). */
  removed?: string[];
  added?: string[];
}

export interface FileDiff {
  /** null for an added file. */
  oldPath: string | null;
  /** null for a deleted file. */
  newPath: string | null;
  binary: boolean;
  hunks: Hunk[];
}

/** A commit's diff against its first parent, from the diff stream. */
export interface CommitDiff {
  commit: string;
  /** Parents as the walk saw them (a shallow clone's boundary commits have none). */
  parents: string[];
  files: FileDiff[];
}

export interface HistoryCommit extends Commit {
  files: FileDiff[];
}

/** The diff stream's header line: NUL, the id, the parents (hex only). */
const DIFF_HEADER_FORMAT = '%x00%H %P';

/** Options that make `git log -p` output independent of the user's configuration. */
const DIFF_OPTIONS = [
  '-p',
  '-U0',
  '-M',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-notes',
  '--root',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--no-abbrev',
  '--diff-merges=first-parent',
];
const CONFIG = ['-c', 'core.quotePath=false', '-c', 'log.showSignature=false', '-c', 'diff.noprefix=false'];

/** Undoes git's C-style quoting of a path ("a\tb", octal bytes for non-UTF-8 names). */
export function unquotePath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && i + 1 < body.length) {
      const next = body[i + 1];
      if (/[0-7]/.test(next)) {
        bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
        i += 3;
        continue;
      }
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) bytes.push(byte);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A name from a ---/+++ line: null for /dev/null, prefix and git's TAB suffix removed. */
function fileName(raw: string, prefix: 'a/' | 'b/'): string | null {
  let name = raw.endsWith('\t') ? raw.slice(0, -1) : raw;
  if (name === '/dev/null') return null;
  name = unquotePath(name);
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/** The path of a `diff --git a/P b/P` line when both sides are equal (no rename). */
function pathFromGitLine(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    // Quoted: "a/..." "b/..." or mixed; find the end of the first quoted token.
    let i = 1;
    while (i < rest.length && rest[i] !== '"') i += rest[i] === '\\' ? 2 : 1;
    const first = unquotePath(rest.slice(0, i + 1));
    return first.startsWith('a/') ? first.slice(2) : first;
  }
  const len = (rest.length - 5) / 2;
  if (!Number.isInteger(len) || len < 1) return undefined;
  const path = rest.slice(2, 2 + len);
  return rest.slice(2 + len) === ` b/${path}` ? path : undefined;
}

export interface ParseOptions {
  /** Whether to keep the texts of a commit's lines (merges and the commits they bring in). */
  keepText?: (commit: string, parents: readonly string[]) => boolean;
}

type OpenFile = FileDiff & { sawNames: boolean; gitLine: string; added: boolean; deleted: boolean };

/** Turns lines of `git log --format=DIFF_HEADER_FORMAT -p -U0 …` output into commit diffs. */
class DiffParser {
  /** Commits completed so far, for the caller to take. */
  ready: CommitDiff[] = [];
  private current: CommitDiff | undefined;
  private keepText = false;
  private file: OpenFile | undefined;
  private hunk: Hunk | undefined;
  private removeLeft = 0;
  private addLeft = 0;

  constructor(private readonly options: ParseOptions) {}

  /**
   * Takes one line (bytes `start` to `end` of `chunk`, without its "\n"). A content line of the
   * current hunk is counted from its first byte alone, and its text is decoded only when kept:
   * most of the output is never turned into strings. Other lines are decoded one by one.
   */
  line(chunk: Buffer, start: number, end: number): void {
    const hunk = this.hunk;
    if (hunk && (this.removeLeft > 0 || this.addLeft > 0)) {
      const first = start < end ? chunk[start] : -1;
      if (first === 45 /* - */ && this.removeLeft > 0) {
        this.removeLeft--;
        if (this.keepText) hunk.removed!.push(chunk.toString('utf8', start + 1, end));
        return;
      }
      if (first === 43 /* + */ && this.addLeft > 0) {
        this.addLeft--;
        if (this.keepText) hunk.added!.push(chunk.toString('utf8', start + 1, end));
        return;
      }
      if (first === 92 /* \ */) return;
      // Counts and lines disagree: let the line be read as a header.
      this.removeLeft = this.addLeft = 0;
    }
    if (start === end || (!this.current && chunk[start] !== 0)) return;
    const first = chunk[start];
    // Hunk headers are read from their bytes; "index" and "similarity" lines carry nothing used.
    if (first === 64 /* @ */) this.hunkHeader(chunk, start, end);
    else if (first !== 105 /* i */ && first !== 115 /* s */) this.header(chunk.toString('utf8', start, end), hunk);
  }

  /** "@@ -a[,b] +c[,d] @@ ...": a new hunk of the current file; anything else is ignored. */
  private hunkHeader(chunk: Buffer, start: number, end: number): void {
    const file = this.file;
    if (!file || end - start < 3 || chunk[start + 1] !== 64 || chunk[start + 2] !== 32) return;
    const next: Hunk = { oldStart: 0, oldCount: 1, newStart: 0, newCount: 1 };
    let at = start + 3;
    for (let side = 0; side < 2; side++) {
      if (chunk[at++] !== (side ? 43 /* + */ : 45) /* - */) return;
      for (let part = 0; part < 2; part++) {
        if (part === 1 && chunk[at] !== 44 /* , */) break;
        if (part === 1) at++;
        const digits = at;
        let value = 0;
        while (at < end && chunk[at] >= 48 && chunk[at] <= 57) value = value * 10 + chunk[at++] - 48;
        if (at === digits) return;
        if (side === 0) {
          if (part === 0) next.oldStart = value;
          else next.oldCount = value;
        } else if (part === 0) next.newStart = value;
        else next.newCount = value;
      }
      if (chunk[at++] !== 32 /* space */) return;
    }
    if (chunk[at] !== 64 || chunk[at + 1] !== 64) return;
    if (this.keepText) {
      next.removed = [];
      next.added = [];
    }
    this.hunk = next;
    this.removeLeft = next.oldCount;
    this.addLeft = next.newCount;
    file.hunks.push(next);
  }

  private header(line: string, hunk: Hunk | undefined): void {
    if (line.charCodeAt(0) === 0) {
      this.closeCommit();
      const [commit, ...parents] = line.slice(1).split(' ');
      this.current = { commit, parents: parents.filter(Boolean), files: [] };
      this.keepText = this.options.keepText?.(commit, this.current.parents) ?? false;
      return;
    }
    if (!this.current) return;
    if (line.startsWith('diff --git ')) {
      this.closeFile();
      this.file = { oldPath: null, newPath: null, binary: false, hunks: [], sawNames: false, gitLine: line.slice(11), added: false, deleted: false };
      return;
    }
    const file = this.file;
    if (!file) return;
    if (hunk) return; // "\ No newline" after a hunk, or anything unexpected
    if (line.startsWith('--- ')) {
      file.oldPath = fileName(line.slice(4), 'a/');
      file.sawNames = true;
    } else if (line.startsWith('+++ ')) {
      file.newPath = fileName(line.slice(4), 'b/');
      file.sawNames = true;
    } else if (line.startsWith('rename from ')) {
      file.oldPath = unquotePath(line.slice(12));
      file.sawNames = true;
    } else if (line.startsWith('rename to ')) {
      file.newPath = unquotePath(line.slice(10));
      file.sawNames = true;
    } else if (line.startsWith('new file mode')) {
      file.added = true;
    } else if (line.startsWith('deleted file mode')) {
      file.deleted = true;
    } else if (line.startsWith('Binary files ')) {
      file.binary = true;
    }
  }

  finish(): void {
    this.closeCommit();
  }

  private closeFile(): void {
    const file = this.file;
    if (!file || !this.current) return;
    if (!file.sawNames) {
      // No ---/+++ lines (binary or mode-only change): the path comes from the `diff --git` line.
      const path = pathFromGitLine(file.gitLine);
      if (file.oldPath === null && file.newPath === null && path !== undefined) {
        file.oldPath = file.added ? null : path;
        file.newPath = file.deleted ? null : path;
      }
    }
    if (file.oldPath !== null || file.newPath !== null) {
      this.current.files.push({ oldPath: file.oldPath, newPath: file.newPath, binary: file.binary, hunks: file.hunks });
    }
    this.file = undefined;
    this.hunk = undefined;
    this.removeLeft = this.addLeft = 0;
  }

  private closeCommit(): void {
    this.closeFile();
    if (this.current) this.ready.push(this.current);
    this.current = undefined;
  }
}

/** Commit diffs from chunks of `git log -p` output, split on "\n" only. */
export async function* parseLog(chunks: AsyncIterable<Buffer | string>, options: ParseOptions = {}): AsyncGenerator<CommitDiff> {
  const parser = new DiffParser(options);
  let pending: Buffer | undefined;
  for await (const input of chunks) {
    const chunk = typeof input === 'string' ? Buffer.from(input) : input;
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(10, start);
      if (end < 0) {
        if (start < chunk.length) pending = pending ? Buffer.concat([pending, chunk.subarray(start)]) : chunk.subarray(start);
        break;
      }
      if (pending) {
        const line = Buffer.concat([pending, chunk.subarray(start, end)]);
        pending = undefined;
        parser.line(line, 0, line.length);
      } else parser.line(chunk, start, end);
      start = end + 1;
      // Each commit as soon as it is complete: parsed objects stay young (cheap to collect)
      // instead of waiting for the rest of the chunk.
      if (parser.ready.length) {
        const done = parser.ready;
        parser.ready = [];
        yield* done;
      }
    }
  }
  if (pending) parser.line(pending, 0, pending.length);
  parser.finish();
  yield* parser.ready;
}

export interface LogRequest {
  /** Revisions and exclusions, e.g. ["HEAD"] or ["HEAD", "^abc"]. */
  revs: string[];
  firstParent: boolean;
  /** Pathspecs that exclude paths whose objects are missing. */
  excludePaths?: string[];
  keepText?: ParseOptions['keepText'];
}

/** Oldest-first diffs against the first parent (git may leave out empty and excluded-only commits). */
export function readHistory(repo: Repo, request: LogRequest): AsyncGenerator<CommitDiff> {
  const args = [
    ...CONFIG,
    'log',
    '--reverse',
    ...(request.firstParent ? ['--first-parent'] : ['--topo-order']),
    `--format=${DIFF_HEADER_FORMAT}`,
    ...DIFF_OPTIONS,
    ...request.revs,
    '--',
    ...pathspecs(request.excludePaths),
  ];
  return parseLog(gitBuffers(args, { cwd: repo.cwd }), { keepText: request.keepText });
}

/** Diffs of the given commits against their first parents, in the given order, with texts. */
export function readCommitsWithDiffs(repo: Repo, commits: readonly string[], excludePaths: string[] = []): AsyncGenerator<CommitDiff> {
  const args = [...CONFIG, 'log', '--no-walk=unsorted', '--stdin', `--format=${DIFF_HEADER_FORMAT}`, ...DIFF_OPTIONS, '--', ...pathspecs(excludePaths)];
  return parseLog(gitBuffers(args, { cwd: repo.cwd, input: `${commits.join('\n')}\n` }), { keepText: () => true });
}

/** New-side line numbers of the lines each file gained in one first-parent diff (binary files have none). */
export function addedLines(files: readonly FileDiff[]): Map<string, LineSet> {
  const out = new Map<string, LineSet>();
  for (const file of files) {
    if (file.newPath === null || file.binary) continue;
    const lines = toLineSet(
      file.hunks.filter((hunk) => hunk.newCount > 0).map((hunk) => [hunk.newStart, hunk.newStart + hunk.newCount - 1] as [number, number]),
    );
    if (lines.length) out.set(file.newPath, lines);
  }
  return out;
}

/** commit id → the lines it added against its first parent (line numbers only; texts are not kept). */
export async function readAddedLines(repo: Repo, commits: readonly string[]): Promise<Map<string, Map<string, LineSet>>> {
  const out = new Map<string, Map<string, LineSet>>();
  if (!commits.length) return out;
  const args = [...CONFIG, 'log', '--no-walk=unsorted', '--stdin', `--format=${DIFF_HEADER_FORMAT}`, ...DIFF_OPTIONS, '--'];
  for await (const commit of parseLog(gitBuffers(args, { cwd: repo.cwd, input: `${commits.join('\n')}\n` }))) out.set(commit.commit, addedLines(commit.files));
  return out;
}

function pathspecs(excluded: readonly string[] = []): string[] {
  return excluded.length ? [':(top)', ...excluded.map((path) => `:(top,exclude,literal)${path}`)] : [];
}

/**
 * Objects missing from a partial or damaged clone, with the paths that name them: one listing of
 * missing objects, then one pass over the history's tree changes (not one per object).
 */
export async function findMissingObjects(repo: Repo, revs: readonly string[]): Promise<{ id: string; paths: string[] }[]> {
  const missing = new Map<string, Set<string>>();
  for await (const line of gitLines(['rev-list', '--objects', '--missing=print', ...revs, '--'], { cwd: repo.cwd })) {
    if (line.startsWith('?')) missing.set(line.slice(1).trim(), new Set());
  }
  if (!missing.size) return [];
  // `--raw -z`: ":mode mode old new status" NUL path NUL, for every file each commit changed
  // (merges against each parent, `-m`).
  let ids: string[] | undefined;
  const args = ['-c', 'core.quotePath=false', 'log', '--format=', '--raw', '-z', '--no-abbrev', '--no-renames', '-m', ...revs, '--'];
  for await (const token of gitRecords(args, { cwd: repo.cwd, separator: '\0' })) {
    const text = token.replace(/^\n+/, '');
    if (text.startsWith(':')) {
      ids = text.split(' ').slice(2, 4);
      continue;
    }
    if (!ids || !text) continue;
    for (const id of ids) missing.get(id)?.add(text);
    ids = undefined;
  }
  return [...missing].map(([id, paths]) => ({ id, paths: [...paths] }));
}

/** The boundary commits of a shallow clone (their parents were not fetched); empty otherwise. */
export function shallowBoundary(repo: Repo): Set<string> {
  const shallow = git(['rev-parse', '--is-shallow-repository'], { cwd: repo.cwd }).stdout.trim() === 'true';
  if (!shallow) return new Set();
  let text = '';
  try {
    text = readFileSync(gitPath(repo, 'shallow'), 'utf8');
  } catch {
    // Shallow without the file: nothing to mark.
  }
  return new Set(text.split('\n').filter((line) => /^[0-9a-f]{40,64}$/.test(line)));
}

/**
 * The index being committed against `base` (a commit or tree), with the texts of its lines: the
 * diff framed as one commit (a header line with a null id) and parsed like `git log -p` output.
 */
export async function readStagedDiff(repo: Repo, base: string): Promise<FileDiff[]> {
  const args = [
    ...CONFIG,
    'diff-index',
    '--cached',
    ...DIFF_OPTIONS.filter((option) => option !== '--no-notes' && option !== '--root' && !option.startsWith('--diff-merges')),
    base,
    '--',
  ];
  async function* framed(): AsyncGenerator<Buffer | string> {
    yield `\0${'0'.repeat(40)}\n`;
    yield* gitBuffers(args, { cwd: repo.cwd });
  }
  for await (const commit of parseLog(framed(), { keepText: () => true })) return commit.files;
  return [];
}
