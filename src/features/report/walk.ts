// One oldest-first walk of the first-parent line, feeding the ledger. With merges credited to
// their branches (the default), a second stream brings, just before each merge, the branch
// commits it merged (M^1..M), so that the merge's lines can be matched to the commits that wrote
// them. All streams are read lazily: memory holds one merge's branch diffs at most.
//
// Which commits exist, and in which order, comes from `git rev-list` alone; diffs and metadata
// are matched to it by commit id. git leaves commits out of a diff stream (empty commits, no-op
// merges, commits that only touch excluded paths): they are then commits without changes, never
// a reason to stop.

import { type Commit, streamCommits } from '../../git/commits.ts';
import { addedLines, type CommitDiff, type FileDiff, readCommitsWithDiffs, readHistory } from '../../git/history.ts';
import { GIT_AI_NOTES_REF, listNotes, NOTES_REF } from '../../git/notes.ts';
import type { Repo } from '../../git/repo.ts';
import { hasFirstParentMerge, readGraph } from '../../git/revisions.ts';
import { GitObjectReader } from '../../git/run.ts';
import { shortId } from '../../model/display.ts';
import { configuredLevelFor } from '../../model/inference.ts';
import { attributeLines, commitClaims, lineKindRuns, type FileLines, type LineAttribution } from '../../model/line-attribution.ts';
import { NOTE_SIZE_LIMIT, noteTooLarge, parseNote } from '../../model/note.ts';
import { resolveRecord } from '../../model/record.ts';
import { type AddedLineLevels, branchOrigins, type CommitLevel, type Ledger } from './engine.ts';

export type MergeMode = 'all-parents' | 'first-parent';

/** Resolves each commit's level exactly as `show` does (declared > noted > inferred > unknown). */
export class LevelResolver {
  readonly warnings: string[] = [];
  private constructor(
    private readonly levels: readonly string[],
    private readonly provenance: Map<string, string>,
    private readonly ai: Map<string, string>,
    private readonly reader: GitObjectReader | undefined,
  ) {}

  static async open(repo: Repo, levels: readonly string[]): Promise<LevelResolver> {
    const [provenance, ai] = await Promise.all([listNotes(repo, NOTES_REF), listNotes(repo, GIT_AI_NOTES_REF)]);
    const reader = provenance.size || ai.size ? new GitObjectReader({ cwd: repo.cwd }) : undefined;
    return new LevelResolver(levels, provenance, ai, reader);
  }

  private async text(commit: string, blob: string | undefined): Promise<string | undefined> {
    if (!blob || !this.reader) return undefined;
    const object = await this.reader.read(blob, NOTE_SIZE_LIMIT);
    if (object && !object.content) this.warn(`${shortId(commit)}: ${noteTooLarge(object.size)}`);
    return object?.content?.toString('utf8');
  }

  private warn(warning: string): void {
    if (this.warnings.length < 1000) this.warnings.push(warning);
  }

  /**
   * The commit's level and, given its first-parent diff, its line evidence. Without the diff,
   * `needsDiff` says whether the commit has line evidence (a git-ai note or note ranges). A
   * promise only when a note must be read first: most commits have none.
   */
  resolve(commit: Commit, files?: readonly FileDiff[]): ResolvedCommit | Promise<ResolvedCommit> {
    const noteBlob = this.provenance.get(commit.commit);
    const aiBlob = this.ai.get(commit.commit);
    if (!noteBlob && !aiBlob) return this.resolveTexts(commit, files, undefined, undefined);
    return this.readAndResolve(commit, files, noteBlob, aiBlob);
  }

  private async readAndResolve(commit: Commit, files: readonly FileDiff[] | undefined, noteBlob?: string, aiBlob?: string): Promise<ResolvedCommit> {
    const noteText = await this.text(commit.commit, noteBlob);
    const aiText = await this.text(commit.commit, aiBlob);
    return this.resolveTexts(commit, files, noteText, aiText);
  }

  private resolveTexts(commit: Commit, files: readonly FileDiff[] | undefined, noteText: string | undefined, aiText: string | undefined): ResolvedCommit {
    const note = noteText === undefined ? undefined : parseNote(noteText, this.levels);
    const { claims, warnings } = commitClaims(note?.note, aiText);
    const lines = claims && files ? attributeLines(addedLines(files), claims) : undefined;
    const record = resolveRecord(this.levels, { ...commit, note, ...(lines ? { lines } : {}) });
    for (const warning of [...record.warnings, ...warnings]) this.warn(`${shortId(commit.commit)}: ${warning}`);
    return {
      level: this.levels.indexOf(record.level),
      source: record.source,
      needsDiff: claims !== undefined && !files,
      ...(lines ? { lineLevels: lineLevelsOf(lines, this.levels) } : {}),
    };
  }

  close(): void {
    this.reader?.close();
  }
}

export interface ResolvedCommit extends CommitLevel {
  lineLevels?: AddedLineLevels;
  needsDiff: boolean;
}

/** AI lines take the most-AI level, human lines the first, unknown lines stay unknown (-1). */
function lineLevelsOf(lines: LineAttribution, levels: readonly string[]): AddedLineLevels {
  const files = new Map<string, FileLines>(lines.files.map((file) => [file.path, file]));
  const index = { ai: levels.indexOf(configuredLevelFor(levels, 'generated')), human: 0, unknown: -1 };
  return {
    runs(path, start, count) {
      const file = files.get(path);
      if (!file) return undefined;
      const runs = lineKindRuns(file, start, count);
      return { lens: runs.lens, levels: runs.kinds.map((kind) => index[kind]) };
    },
  };
}

/**
 * The first-parent line of `revs`, oldest first, each commit with its parents; and, when merges
 * are credited to their branches, for each merge on it the non-merge commits it brings in
 * (reachable from the merge, not from its first parent), oldest first in topological order.
 * One `git rev-list` answers both when the line has merges.
 */
async function readLines(repo: Repo, end: string, revs: readonly string[], mode: MergeMode): Promise<{ mainline: string[][]; groups: Map<string, string[]> }> {
  const groups = new Map<string, string[]>();
  if (mode === 'first-parent' || !hasFirstParentMerge(repo, revs)) {
    const mainline: string[][] = [];
    for await (const entry of readGraph(repo, ['--first-parent', ...revs])) mainline.push(entry);
    return { mainline, groups };
  }
  const parents = new Map<string, string[]>();
  const order = new Map<string, number>();
  let position = 0;
  for await (const [commit, ...rest] of readGraph(repo, revs)) {
    parents.set(commit, rest);
    order.set(commit, position++);
  }
  const line: string[] = [];
  const seen = new Set<string>();
  for (let commit: string | undefined = end; commit !== undefined && parents.has(commit); commit = parents.get(commit)![0]) {
    line.push(commit);
    seen.add(commit);
  }
  line.reverse();
  for (const merge of line) {
    const own = parents.get(merge)!;
    if (own.length < 2) continue;
    const members: string[] = [];
    const stack = own.slice(1);
    while (stack.length) {
      const commit = stack.pop()!;
      if (seen.has(commit) || !parents.has(commit)) continue;
      seen.add(commit);
      const its = parents.get(commit)!;
      if (its.length < 2) members.push(commit);
      stack.push(...its);
    }
    members.sort((a, b) => order.get(a)! - order.get(b)!);
    groups.set(merge, members);
  }
  return { mainline: line.map((commit) => [commit, ...parents.get(commit)!]), groups };
}

export interface WalkRequest {
  /** Newest commit of the walk. */
  end: string;
  /** Where a cached ledger stopped (exclusive start), if resuming. */
  after?: string;
  mode: MergeMode;
  excludePaths: string[];
  /** A shallow clone's boundary commits: their lines are history before the report. */
  boundary?: ReadonlySet<string>;
  onCommit?: () => void;
  /** The first-parent diffs, if started early (used when started for this very request). */
  started?: MainDiffs;
}

/**
 * Items of an oldest-first stream taken by commit id, in the order of an authoritative list:
 * an id the stream left out gives undefined, an item for an id not asked for is dropped.
 */
class ById<T extends { commit: string }> {
  private next: T | undefined;
  /** The first read, started at once so that git works while the caller does other things. */
  private first: Promise<IteratorResult<T>> | undefined;
  private done = false;
  constructor(
    private readonly stream: AsyncGenerator<T>,
    private readonly expected: ReadonlySet<string>,
  ) {
    this.first = stream.next();
    this.first.catch(() => undefined); // a failure surfaces at the first take
  }

  async take(id: string): Promise<T | undefined> {
    for (;;) {
      if (!this.next && !this.done) {
        const step = await (this.first ?? this.stream.next());
        this.first = undefined;
        if (step.done) this.done = true;
        else this.next = step.value;
      }
      if (!this.next) return undefined;
      if (this.next.commit === id) {
        const found = this.next;
        this.next = undefined;
        return found;
      }
      // An id still to come: this one was left out. Anything else was not asked for.
      if (this.expected.has(this.next.commit)) return undefined;
      this.next = undefined;
    }
  }

  async close(): Promise<void> {
    await this.stream.return(undefined);
  }
}

/** Metadata for a commit git did not describe (never expected; keeps the walk going). */
function placeholder(commit: string, parents: string[]): Commit {
  return {
    commit,
    parents,
    authorName: '',
    authorEmail: '',
    authorDate: '',
    committerName: '',
    committerEmail: '',
    committerDate: '',
    time: 0,
    subject: '',
    message: '',
    trailers: [],
  };
}

/** Commits' metadata by id, in the given order (NUL-separated fields: content cannot forge them). */
async function* metadata(repo: Repo, commits: readonly string[]): AsyncGenerator<Commit> {
  for await (const { info } of streamCommits(repo, commits, { changes: false })) yield info;
}

/** Feeds every commit of the first-parent line (and, per mode, merged branches) into the ledger. */
/**
 * The first-parent diff stream of a walk, started on its own: it needs nothing from the commit
 * graph, so git can work on it while the caller resolves configuration and the graph is read.
 * Merges keep their texts when their lines are credited to branches (their header has parents).
 */
export class MainDiffs {
  readonly stream: ById<CommitDiff>;
  /** The first-parent commits, filled in once the graph is read. */
  readonly expected = new Set<string>();
  readonly started: string;

  constructor(repo: Repo, request: Pick<WalkRequest, 'end' | 'after' | 'mode' | 'excludePaths'>) {
    this.started = startKey(request);
    this.stream = new ById(
      readHistory(repo, {
        revs: revisionsOf(request),
        firstParent: true,
        excludePaths: request.excludePaths,
        keepText: request.mode === 'all-parents' ? (_, parents) => parents.length > 1 : undefined,
      }),
      this.expected,
    );
  }

  close(): Promise<void> {
    return this.stream.close();
  }
}

const startKey = (request: Pick<WalkRequest, 'end' | 'after' | 'mode' | 'excludePaths'>) =>
  JSON.stringify([request.end, request.after ?? null, request.mode, request.excludePaths]);
const revisionsOf = (request: Pick<WalkRequest, 'end' | 'after'>) => (request.after ? [request.end, `^${request.after}`] : [request.end]);

/** Feeds every commit of the first-parent line (and, per mode, merged branches) into the ledger. */
export async function walkHistory(repo: Repo, ledger: Ledger, resolver: LevelResolver, request: WalkRequest): Promise<void> {
  const revs = revisionsOf(request);
  const boundary = request.boundary ?? new Set<string>();
  const main = request.started?.started === startKey(request) ? request.started : new MainDiffs(repo, request);
  if (request.started && main !== request.started) await request.started.close();
  const mainDiffs = main.stream;
  const mainSet = main.expected;
  const streams: { close(): Promise<void> }[] = [main];
  try {
    const { mainline, groups } = await readLines(repo, request.end, revs, request.mode);
    if (request.after && (mainline.length ? mainline[0][1] !== request.after : request.after !== request.end)) throw new HistoryRewrittenError();
    if (!mainline.length) return;
    const branchOrder: string[] = [];
    for (const members of groups.values()) branchOrder.push(...members);
    const mainIds = mainline.map(([id]) => id);
    for (const id of mainIds) mainSet.add(id);
    const branchSet = new Set(branchOrder);
    const mainInfo = new ById(metadata(repo, mainIds), mainSet);
    streams.push(mainInfo);
    const branch = branchOrder.length
      ? { info: new ById(metadata(repo, branchOrder), branchSet), diffs: new ById(readCommitsWithDiffs(repo, branchOrder, request.excludePaths), branchSet) }
      : undefined;
    if (branch) streams.push(branch.info, branch.diffs);
    for (const entry of mainline) {
      const id = entry[0];
      const info = (await mainInfo.take(id)) ?? placeholder(id, entry.slice(1));
      const files = (await mainDiffs.take(id))?.files ?? [];
      const resolved = await resolver.resolve(info, files);
      const index = ledger.register(info, resolved, true, boundary.has(id));
      const members = groups.get(id);
      if (members?.length && branch) {
        const merged: { index: number; files: FileDiff[]; lineLevels?: AddedLineLevels }[] = [];
        for (const member of members) {
          const memberInfo = (await branch.info.take(member)) ?? placeholder(member, []);
          const memberFiles = (await branch.diffs.take(member))?.files ?? [];
          // A boundary commit's "diff" is its whole tree: it wrote none of the merge's lines.
          const isBoundary = boundary.has(member);
          const memberResolved = await resolver.resolve(memberInfo, memberFiles);
          const memberIndex = ledger.register(memberInfo, memberResolved, false, isBoundary);
          if (!isBoundary) merged.push({ index: memberIndex, files: memberFiles, lineLevels: memberResolved.lineLevels });
        }
        ledger.apply(index, files, branchOrigins(merged), resolved.lineLevels);
      } else {
        ledger.apply(index, files, undefined, resolved.lineLevels);
      }
      request.onCommit?.();
    }
  } finally {
    await Promise.all(streams.map((stream) => stream.close()));
  }
}

/** The cached tip is no longer the first parent of the new commits: history was rewritten. */
export class HistoryRewrittenError extends Error {
  constructor() {
    super('history was rewritten since the cache was written');
  }
}
