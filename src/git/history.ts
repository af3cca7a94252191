// Streaming history for the report: `git log -p -U0 -M` parsed commit by commit, never held
// whole. The parser follows the traps listed in docs/DECISIONS.md (section 9): split on "\n" only,
// pure renames without ---/+++ lines, TAB-suffixed and C-quoted names, content lines that look
// like headers (hunk counts decide), "\ No newline at end of file", binary files.

import { COMMIT_FORMAT, parseCommitFields, type Commit } from './commits.ts';
import type { Repo } from './repo.ts';
import { gitLines } from './run.ts';

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

export interface HistoryCommit extends Commit {
  files: FileDiff[];
}

const HEADER_START = '\x01';
const HEADER_END = '\x02';
/** COMMIT_FORMAT ends with %B, the only field that spans lines: HEADER_END closes it. */
const LOG_FORMAT = `${HEADER_START}${COMMIT_FORMAT}${HEADER_END}`;

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
function unquotePath(text: string): string {
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

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export interface ParseOptions {
  /** Whether to keep the texts of a commit's lines (decided from its parents). */
  keepText?: (parents: readonly string[]) => boolean;
}

function parseHeader(text: string): Commit {
  return parseCommitFields(text.split('\0'));
}

/** Turns lines of `git log --format=LOG_FORMAT -p -U0 …` output into commits. */
async function* parseLog(lines: AsyncIterable<string>, options: ParseOptions = {}): AsyncGenerator<HistoryCommit> {
  let current: HistoryCommit | undefined;
  let header: string[] | undefined;
  let keepText = false;
  let file: (FileDiff & { sawNames: boolean; gitLine: string; added: boolean; deleted: boolean }) | undefined;
  let hunk: Hunk | undefined;
  let removeLeft = 0;
  let addLeft = 0;

  const closeFile = () => {
    if (!file || !current) return;
    if (!file.sawNames) {
      // No ---/+++ lines (binary or mode-only change): the path comes from the `diff --git` line.
      const path = pathFromGitLine(file.gitLine);
      if (file.oldPath === null && file.newPath === null && path !== undefined) {
        file.oldPath = file.added ? null : path;
        file.newPath = file.deleted ? null : path;
      }
    }
    if (file.oldPath !== null || file.newPath !== null) {
      current.files.push({ oldPath: file.oldPath, newPath: file.newPath, binary: file.binary, hunks: file.hunks });
    }
    file = undefined;
    hunk = undefined;
  };

  for await (const line of lines) {
    if (header) {
      header.push(line);
      if (line.endsWith(HEADER_END)) {
        const text = header.join('\n');
        header = undefined;
        current = { ...parseHeader(text.slice(1, -1)), files: [] };
        keepText = options.keepText?.(current.parents) ?? false;
      }
      continue;
    }
    if (hunk && (removeLeft > 0 || addLeft > 0)) {
      const first = line.charCodeAt(0);
      if (first === 45 /* - */ && removeLeft > 0) {
        removeLeft--;
        if (keepText) hunk.removed!.push(line.slice(1));
        continue;
      }
      if (first === 43 /* + */ && addLeft > 0) {
        addLeft--;
        if (keepText) hunk.added!.push(line.slice(1));
        continue;
      }
      if (first === 92 /* \ */) continue;
      // Counts and lines disagree: fall through and let the line be read as a header.
      removeLeft = addLeft = 0;
    }
    if (line.startsWith(HEADER_START)) {
      closeFile();
      if (current) yield current;
      current = undefined;
      if (line.endsWith(HEADER_END) && line.length > 1) {
        current = { ...parseHeader(line.slice(1, -1)), files: [] };
        keepText = options.keepText?.(current.parents) ?? false;
      } else {
        header = [line];
      }
      continue;
    }
    if (!current) continue;
    if (line.startsWith('diff --git ')) {
      closeFile();
      file = { oldPath: null, newPath: null, binary: false, hunks: [], sawNames: false, gitLine: line.slice(11), added: false, deleted: false };
      continue;
    }
    if (!file) continue;
    if (line.startsWith('@@ ')) {
      const match = HUNK.exec(line);
      if (!match) continue;
      hunk = {
        oldStart: Number(match[1]),
        oldCount: match[2] === undefined ? 1 : Number(match[2]),
        newStart: Number(match[3]),
        newCount: match[4] === undefined ? 1 : Number(match[4]),
      };
      if (keepText) {
        hunk.removed = [];
        hunk.added = [];
      }
      removeLeft = hunk.oldCount;
      addLeft = hunk.newCount;
      file.hunks.push(hunk);
      continue;
    }
    if (hunk) continue; // "\ No newline" after a hunk, or anything unexpected
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
  closeFile();
  if (current) yield current;
}

export interface LogRequest {
  /** Revisions and exclusions, e.g. ["HEAD"] or ["HEAD", "^abc"]. */
  revs: string[];
  firstParent: boolean;
  /** Pathspecs that exclude paths whose objects are missing. */
  excludePaths?: string[];
  keepText?: (parents: readonly string[]) => boolean;
}

/** Oldest-first commits with their diffs against the first parent. */
export function readHistory(repo: Repo, request: LogRequest): AsyncGenerator<HistoryCommit> {
  const args = [
    ...CONFIG,
    'log',
    '--reverse',
    ...(request.firstParent ? ['--first-parent'] : ['--topo-order']),
    `--format=${LOG_FORMAT}`,
    ...DIFF_OPTIONS,
    ...request.revs,
    '--',
    ...pathspecs(request.excludePaths),
  ];
  return parseLog(gitLines(args, { cwd: repo.cwd }), { keepText: request.keepText });
}

/** The given commits, in the given order, each with its diff against its first parent. */
export function readCommitsWithDiffs(repo: Repo, commits: readonly string[], excludePaths: string[] = []): AsyncGenerator<HistoryCommit> {
  const args = [...CONFIG, 'log', '--no-walk=unsorted', '--stdin', `--format=${LOG_FORMAT}`, ...DIFF_OPTIONS, '--', ...pathspecs(excludePaths)];
  return parseLog(gitLines(args, { cwd: repo.cwd, input: `${commits.join('\n')}\n` }), { keepText: () => true });
}

function pathspecs(excluded: readonly string[] = []): string[] {
  return excluded.length ? [':(top)', ...excluded.map((path) => `:(top,exclude,literal)${path}`)] : [];
}

/** Objects missing from a partial clone, with the paths that name them. */
export async function findMissingObjects(repo: Repo, revs: readonly string[]): Promise<{ id: string; paths: string[] }[]> {
  const ids: string[] = [];
  for await (const line of gitLines(['rev-list', '--objects', '--missing=print', ...revs, '--'], { cwd: repo.cwd })) {
    if (line.startsWith('?')) ids.push(line.slice(1).trim());
  }
  const out: { id: string; paths: string[] }[] = [];
  for (const id of ids) {
    const paths = new Set<string>();
    for await (const line of gitLines(['-c', 'core.quotePath=false', 'log', '--format=', '--name-only', '--no-renames', `--find-object=${id}`, ...revs, '--'], {
      cwd: repo.cwd,
      okCodes: [128],
    })) {
      if (line) paths.add(line);
    }
    out.push({ id, paths: [...paths] });
  }
  return out;
}
