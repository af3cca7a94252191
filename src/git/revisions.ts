// Which commits a name or a range means: resolving revisions, the one range grammar that `check`,
// `report`, the pre-push gate and `check --pre-receive` share, and walking the graph.

import { BadRevisionError, NoCommitsError, UsageError } from '../model/errors.ts';
import { remember, type Repo } from './repo.ts';
import { git, gitLines, gitRecordBatches, gitText } from './run.ts';

/** HEAD's commit id, or undefined before the first commit. */
export function headCommit(repo: Repo): string | undefined {
  // Asked by several steps of one hook run; no step of a run moves HEAD.
  return remember(repo, 'head', () => {
    const result = git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: repo.cwd, okCodes: [1] });
    return result.status === 0 ? result.stdout.trim() : undefined;
  });
}

/** The id of the empty tree (its length depends on the repository's hash function). */
export function emptyTree(repo: Repo): string {
  return remember(repo, 'empty-tree', () => gitText(['hash-object', '-t', 'tree', '--stdin'], { cwd: repo.cwd, input: '' }).trim());
}

/** Full object id of a commit; distinguishes "no commits yet" from a bad name. */
export function resolveCommit(repo: Repo, rev: string = 'HEAD'): string {
  if (rev.startsWith('-')) throw new BadRevisionError(rev);
  const result = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { cwd: repo.cwd, okCodes: [1, 128] });
  if (result.status === 0) return result.stdout.trim();
  if (rev === 'HEAD' && !headCommit(repo)) throw new NoCommitsError();
  throw new BadRevisionError(rev);
}

/** The commit a ref points at, or undefined when there is none. */
export function refTip(repo: Repo, ref: string): string | undefined {
  const result = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo.cwd, okCodes: [1, 128] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export function isAncestor(repo: Repo, ancestor: string, descendant: string): boolean {
  return git(['merge-base', '--is-ancestor', ancestor, descendant], { cwd: repo.cwd, okCodes: [1] }).status === 0;
}

// --- the range grammar ------------------------------------------------------------------------

/**
 * A range: the one commit it ends at and the revisions whose history it leaves out. Written as
 * `B` (B alone), `A..B`, `A..` (A..HEAD), `..B` (HEAD..B), `^A B`, or several of these words at
 * once (`^A ^C B`, `A..B ^C`) as long as they name exactly one end. `A...B` (two ends) is refused.
 */
export interface RevisionRange {
  /** The words as given, joined by a space (for messages). */
  text: string;
  end: string;
  exclude: string[];
  /** The word each revision was written in, `end` first, then `exclude` (for messages). */
  words: string[];
}

function revision(word: string, part: string): string {
  if (!part || part.startsWith('-') || part.startsWith('^') || part.includes('..')) throw new BadRevisionError(part || word, word);
  return part;
}

/**
 * Parses range words (each may hold several, separated by white space, as `"^A B"` does). Throws
 * a usage error naming the word for a range this grammar refuses; does not ask git.
 */
export function parseRange(args: readonly string[]): RevisionRange {
  const words = args.flatMap((arg) => arg.trim().split(/\s+/)).filter(Boolean);
  const text = words.join(' ');
  const ends: { rev: string; word: string }[] = [];
  const exclude: { rev: string; word: string }[] = [];
  for (const word of words) {
    if (word.includes('...')) {
      throw new UsageError(`symmetric ranges (${word}) are not supported`, 'use A..B: the commits of B that A does not have');
    }
    const dots = word.indexOf('..');
    if (dots >= 0) {
      if (word === '..') throw new BadRevisionError(word);
      exclude.push({ rev: dots === 0 ? 'HEAD' : revision(word, word.slice(0, dots)), word });
      ends.push({ rev: dots + 2 === word.length ? 'HEAD' : revision(word, word.slice(dots + 2)), word });
    } else if (word.startsWith('^')) {
      exclude.push({ rev: revision(word, word.slice(1)), word });
    } else {
      ends.push({ rev: revision(word, word), word });
    }
  }
  if (ends.length !== 1) {
    const what = ends.length ? `has ${ends.length} ends (${ends.map((end) => end.rev).join(', ')})` : 'has no end';
    throw new UsageError(`the range "${text}" ${what}`, 'name one commit to end at: B, A..B or ^A B');
  }
  return { text, end: ends[0].rev, exclude: exclude.map((one) => one.rev), words: [ends[0].word, ...exclude.map((one) => one.word)] };
}

/**
 * Resolves every revision of a range to a commit id in one git call, naming the first that is
 * not a commit (a tree or blob id is refused too: it names no commits).
 */
export function resolveRange(repo: Repo, range: RevisionRange): RevisionRange {
  const revs = [range.end, ...range.exclude];
  const ids = peelToCommits(repo, revs).map((id, i) => {
    if (id) return id;
    if (revs[i] === 'HEAD' && !headCommit(repo)) throw new NoCommitsError();
    throw new BadRevisionError(revs[i], range.words[i]);
  });
  return { ...range, end: ids[0], exclude: ids.slice(1) };
}

/**
 * Peels each object or revision to a commit in one `cat-file --batch-check` call: a tag peels to
 * its commit; names unknown here (e.g. commits a remote has that were never fetched), trees and
 * blobs give undefined.
 */
export function peelToCommits(repo: Repo, revs: readonly string[]): (string | undefined)[] {
  if (!revs.length) return [];
  const out = gitText(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd: repo.cwd, input: revs.map((rev) => `${rev}^{commit}\n`).join('') });
  return out
    .split('\n')
    .slice(0, revs.length)
    .map((line) => {
      const [id, type] = line.split(' ');
      return type === 'commit' ? id : undefined;
    });
}

/** What else to leave out: everything on these refs (`--all`, `--remotes`, `--remotes=NAME`). */
export type RefExclusion = '--all' | '--remotes' | `--remotes=${string}`;

/** The commits from `end` back, minus the excluded history, oldest first. */
export function rangeCommits(repo: Repo, range: Pick<RevisionRange, 'end' | 'exclude'>, excludeRefs?: RefExclusion): string[] {
  const args = [
    'rev-list',
    '--reverse',
    '--topo-order',
    range.end,
    ...range.exclude.map((rev) => `^${rev}`),
    ...(excludeRefs ? ['--not', excludeRefs] : []),
    '--',
  ];
  return gitText(args, { cwd: repo.cwd }).split('\n').filter(Boolean);
}

/**
 * The commits `check` checks for range words: one revision alone is that one commit, a range is
 * every commit it names, oldest first.
 */
export function commitsInRange(repo: Repo, words: readonly string[]): string[] {
  const range = resolveRange(repo, parseRange(words));
  return range.exclude.length ? rangeCommits(repo, range) : [range.end];
}

/** Commits reachable from `tip` that are on no remote-tracking branch, oldest first. */
export function unpushedCommits(repo: Repo, tip: string = 'HEAD'): string[] {
  const end = tip === 'HEAD' ? headCommit(repo) : refTip(repo, tip);
  return end ? rangeCommits(repo, { end, exclude: [] }, '--remotes') : [];
}

/** Commit ids of `git rev-list <args>`, as a set (for ranges with exclusions and dates). */
export async function revList(repo: Repo, args: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for await (const line of gitLines(['rev-list', ...args, '--'], { cwd: repo.cwd })) if (line) out.add(line);
  return out;
}

/** The newest commit on the first-parent line from `end` committed before `until` (a date git reads). */
export function lastFirstParentBefore(repo: Repo, end: string, until: string): string | undefined {
  return git(['rev-list', '-1', '--first-parent', `--until=${until}`, end, '--'], { cwd: repo.cwd }).stdout.trim() || undefined;
}

/** How many commits the first-parent line from `end` has. */
export function countFirstParent(repo: Repo, end: string): number {
  return Number(git(['rev-list', '--count', '--first-parent', end, '--'], { cwd: repo.cwd }).stdout.trim()) || 0;
}

/** Whether the first-parent line of `revs` has a merge. */
export function hasFirstParentMerge(repo: Repo, revs: readonly string[]): boolean {
  return git(['rev-list', '--first-parent', '--min-parents=2', '-n1', ...revs, '--'], { cwd: repo.cwd }).stdout.trim() !== '';
}

/** `git rev-list --parents` of a range in topological order, oldest first: commit → parents. */
export async function* readGraph(repo: Repo, revs: readonly string[]): AsyncGenerator<string[]> {
  for await (const lines of gitRecordBatches(['rev-list', '--topo-order', '--reverse', '--parents', ...revs, '--'], { cwd: repo.cwd, separator: '\n' })) {
    yield* lines.filter(Boolean).map((line) => line.split(' '));
  }
}

/** A commit's first parent, or the empty tree for a root commit (what its diff is taken against). */
export function firstParentOrEmptyTree(repo: Repo, commit: string): string {
  const result = git(['rev-parse', '-q', '--verify', `${commit}^1`], { cwd: repo.cwd, okCodes: [1, 128] });
  return result.status === 0 ? result.stdout.trim() : emptyTree(repo);
}
