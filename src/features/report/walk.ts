// One oldest-first walk of the first-parent line, feeding the ledger. With merges credited to
// their branches (the default), a second stream brings, just before each merge, the branch
// commits it merged (M^1..M), so that the merge's lines can be matched to the commits that wrote
// them. Both streams are read lazily: memory holds one merge's branch diffs at most.

import type { Commit } from '../../git/commits.ts';
import { type HistoryCommit, readCommitsWithDiffs, readHistory } from '../../git/history.ts';
import { listNotes, NOTES_REF, GIT_AI_NOTES_REF } from '../../git/notes.ts';
import type { Repo } from '../../git/repo.ts';
import { hasFirstParentMerge, readGraph } from '../../git/revisions.ts';
import { GitObjectReader } from '../../git/run.ts';
import { inferFromGitAiNote } from '../../model/inference.ts';
import { parseNote } from '../../model/note.ts';
import { resolveRecord } from '../../model/record.ts';
import { branchOrigins, type CommitLevel, type Ledger } from './engine.ts';
import { shortId } from '../../model/display.ts';

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

  private async text(blob: string | undefined): Promise<string | undefined> {
    if (!blob || !this.reader) return undefined;
    return (await this.reader.read(blob))?.toString('utf8');
  }

  async resolve(commit: Commit): Promise<CommitLevel> {
    const noteText = await this.text(this.provenance.get(commit.commit));
    const aiText = await this.text(this.ai.get(commit.commit));
    const record = resolveRecord(this.levels, {
      ...commit,
      note: noteText === undefined ? undefined : parseNote(noteText, this.levels),
      externalInference: aiText === undefined ? undefined : inferFromGitAiNote(aiText),
    });
    for (const warning of record.warnings) if (this.warnings.length < 1000) this.warnings.push(`${shortId(commit.commit)}: ${warning}`);
    return { level: this.levels.indexOf(record.level), source: record.source };
  }

  close(): void {
    this.reader?.close();
  }
}

/**
 * For each merge on the first-parent line of `revs`, the non-merge commits it brings in
 * (reachable from the merge, not from its first parent), oldest first in topological order.
 */
async function mergedBranches(repo: Repo, end: string, revs: readonly string[]): Promise<Map<string, string[]>> {
  const groups = new Map<string, string[]>();
  if (!hasFirstParentMerge(repo, revs)) return groups;
  const parents = new Map<string, string[]>();
  const order = new Map<string, number>();
  let position = 0;
  for await (const [commit, ...rest] of readGraph(repo, revs)) {
    parents.set(commit, rest);
    order.set(commit, position++);
  }
  const mainline: string[] = [];
  const seen = new Set<string>();
  for (let commit: string | undefined = end; commit !== undefined && parents.has(commit); commit = parents.get(commit)![0]) {
    mainline.push(commit);
    seen.add(commit);
  }
  mainline.reverse();
  for (const merge of mainline) {
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
  return groups;
}

export interface WalkRequest {
  /** Newest commit of the walk. */
  end: string;
  /** Where a cached ledger stopped (exclusive start), if resuming. */
  after?: string;
  mode: MergeMode;
  excludePaths: string[];
  onCommit?: () => void;
}

/** Feeds every commit of the first-parent line (and, per mode, merged branches) into the ledger. */
export async function walkHistory(repo: Repo, ledger: Ledger, resolver: LevelResolver, request: WalkRequest): Promise<void> {
  const revs = request.after ? [request.end, `^${request.after}`] : [request.end];
  const groups = request.mode === 'all-parents' ? await mergedBranches(repo, request.end, revs) : new Map<string, string[]>();
  const branchOrder: string[] = [];
  for (const members of groups.values()) branchOrder.push(...members);
  const branch = branchOrder.length ? readCommitsWithDiffs(repo, branchOrder, request.excludePaths) : undefined;
  const mainline = readHistory(repo, {
    revs,
    firstParent: true,
    excludePaths: request.excludePaths,
    keepText: request.mode === 'all-parents' ? (parents) => parents.length > 1 : undefined,
  });
  let first = true;
  try {
    for await (const commit of mainline) {
      if (first && request.after && commit.parents[0] !== request.after) {
        throw new HistoryRewrittenError();
      }
      first = false;
      const index = ledger.register(commit, await resolver.resolve(commit), true);
      const members = groups.get(commit.commit);
      if (members && branch) {
        const merged: { index: number; files: HistoryCommit['files'] }[] = [];
        for (const id of members) {
          const next = await branch.next();
          if (next.done || next.value.commit !== id) throw new Error(`merged commit ${id} expected from git, got ${next.done ? 'the end' : next.value.commit}`);
          merged.push({ index: ledger.register(next.value, await resolver.resolve(next.value), false), files: next.value.files });
        }
        ledger.apply(index, commit.files, branchOrigins(merged));
      } else {
        ledger.apply(index, commit.files);
      }
      request.onCommit?.();
    }
    // Nothing after the cached tip while the end differs from it: the end is not a descendant.
    if (first && request.after && request.after !== request.end) throw new HistoryRewrittenError();
  } finally {
    await branch?.return(undefined);
  }
}

/** The cached tip is no longer the first parent of the new commits: history was rewritten. */
export class HistoryRewrittenError extends Error {
  constructor() {
    super('history was rewritten since the cache was written');
  }
}
