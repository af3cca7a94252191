// Line evidence for a commit: the lines it adds, matched against what agents wrote (checkpoints)
// and, when the commit replaces others (amend, rebase, squash, cherry-pick), against the lines the
// replaced commits' notes gave to agents. The result fills the note's `aiLines` and sets the
// level the evidence asks for (docs/FORMAT.md, "Line evidence").

import { configuredLevelFor } from '../../model/inference.ts';
import { highestLevel } from '../../model/levels.ts';
import { lineHash, matchAddedLines, splitLines, type AgentMark, type HashedLine } from '../../model/line-evidence.ts';
import { rangesOfLines, sameAgent, type AgentName, type LineRange } from '../../model/line-ranges.ts';
import type { FileEntry, ProvenanceNote } from '../../model/note.ts';
import { readCommitsWithDiffs, readStagedDiff, type FileDiff } from '../../git/history.ts';
import type { Repo } from '../../git/repo.ts';
import { readBlob } from '../../git/tree.ts';
import { consumeMarks, hasCheckpoints, readMarks } from './store.ts';

export interface FileEvidence {
  ranges: LineRange[];
  /** The agent of most of the file's AI lines; ranges of other agents carry their own. */
  agent?: AgentName;
}

export interface LineEvidence {
  /** By the file's path in the commit. */
  files: Map<string, FileEvidence>;
  aiLines: number;
  addedLines: number;
  /** The agent of most AI lines in the commit. */
  agent?: AgentName;
  /** Removes the checkpoint marks this commit used. */
  consume(): void;
}

/** Marks per path that do not come from checkpoints (an earlier version of the commit). */
export type CarriedMarks = Map<string, AgentMark[]>;

/** Whether this repository gathers line evidence at all (agents' hooks installed or used). */
export function gathersLineEvidence(repo: Repo): boolean {
  return hasCheckpoints(repo.commonDir);
}

function addedLinesOf(file: FileDiff): HashedLine[] {
  const out: HashedLine[] = [];
  for (const hunk of file.hunks) {
    const texts = hunk.added ?? [];
    for (let i = 0; i < texts.length; i++) out.push({ line: hunk.newStart + i, hash: lineHash(texts[i]) });
  }
  return out;
}

function mostCommon(agents: Iterable<AgentName>): AgentName | undefined {
  const counts: { agent: AgentName; count: number }[] = [];
  for (const agent of agents) {
    const seen = counts.find((entry) => sameAgent(entry.agent, agent));
    if (seen) seen.count++;
    else counts.push({ agent, count: 1 });
  }
  return counts.sort((a, b) => b.count - a.count)[0]?.agent;
}

function evidenceOf(repo: Repo, diffs: readonly FileDiff[], carried: CarriedMarks, useCheckpoints: boolean): LineEvidence {
  const files = new Map<string, FileEvidence>();
  const consumption: { path: string; used: Set<number> }[] = [];
  const allAgents: AgentName[] = [];
  let addedLines = 0;
  for (const diff of diffs) {
    if (!diff.newPath || diff.binary) continue;
    const added = addedLinesOf(diff);
    addedLines += added.length;
    const fromCheckpoints = useCheckpoints ? readMarks(repo.commonDir, diff.newPath) : [];
    const marks = [
      ...fromCheckpoints,
      ...(carried.get(diff.newPath) ?? []),
      ...(diff.oldPath && diff.oldPath !== diff.newPath ? (carried.get(diff.oldPath) ?? []) : []),
    ];
    const { agents, used } = marks.length ? matchAddedLines(added, marks) : { agents: new Map<number, AgentName>(), used: new Set<number>() };
    const checkpointUsed = new Set([...used].filter((index) => index < fromCheckpoints.length));
    if (checkpointUsed.size) consumption.push({ path: diff.newPath, used: checkpointUsed });
    const agent = mostCommon(agents.values());
    const ranges: LineRange[] = [];
    for (const [line, lineAgent] of [...agents].sort((a, b) => a[0] - b[0])) {
      allAgents.push(lineAgent);
      ranges.push(...rangesOfLines([line], sameAgent(lineAgent, agent) ? undefined : lineAgent));
    }
    files.set(diff.newPath, agent ? { ranges, agent } : { ranges });
  }
  return {
    files,
    aiLines: allAgents.length,
    addedLines,
    agent: mostCommon(allAgents),
    consume() {
      for (const { path, used } of consumption) consumeMarks(repo.commonDir, path, used);
    },
  };
}

/** Evidence for the index being committed against `base` (HEAD, or HEAD^ when amending). */
export async function stagedEvidence(repo: Repo, base: string, carried: CarriedMarks = new Map()): Promise<LineEvidence> {
  return evidenceOf(repo, await readStagedDiff(repo, base), carried, true);
}

/** Evidence for a commit that exists, against its first parent. */
export async function commitEvidence(repo: Repo, commit: string, carried: CarriedMarks, useCheckpoints: boolean): Promise<LineEvidence> {
  let diffs: FileDiff[] = [];
  for await (const entry of readCommitsWithDiffs(repo, [commit])) diffs = entry.files;
  return evidenceOf(repo, diffs, carried, useCheckpoints);
}

/** The lines a commit's note gives to agents, as marks (their text read from that commit). */
export function marksOfNote(repo: Repo, commit: string, note: ProvenanceNote | undefined, into: CarriedMarks = new Map()): CarriedMarks {
  for (const file of note?.files ?? []) {
    if (!file.aiLines?.length) continue;
    const text = readBlob(repo, `${commit}:${file.path}`);
    if (text === undefined) continue;
    const lines = splitLines(text);
    const marks = into.get(file.path) ?? [];
    for (const range of file.aiLines) {
      for (let line = range.start; line <= range.end && line <= lines.length; line++) {
        marks.push({ line, hash: lineHash(lines[line - 1]), agent: range.agent ?? file.agent ?? { tool: note?.tool ?? 'unknown' }, at: 0 });
      }
    }
    into.set(file.path, marks);
  }
  return into;
}

/** Whether a note carries line evidence for any file. */
export function hasLineEvidence(note: ProvenanceNote | undefined): boolean {
  return Boolean(note?.files.some((file) => file.aiLines !== undefined));
}

/** The level the evidence asks for: every added line an agent's → generated, some → assisted. */
export function evidenceLevel(levels: readonly string[], evidence: LineEvidence): string | undefined {
  if (!evidence.aiLines) return undefined;
  return configuredLevelFor(levels, evidence.aiLines >= evidence.addedLines ? 'generated' : 'assisted');
}

/** `declared` raised to what the evidence asks for, never lowered. */
export function raisedLevel(levels: readonly string[], declared: string | undefined, evidence: LineEvidence): string | undefined {
  const floor = evidenceLevel(levels, evidence);
  if (!floor) return declared;
  return highestLevel(levels, declared ? [declared, floor] : [floor]);
}

/** The note's file entries with the evidence's ranges (an entry with no added text lines gets none). */
export function withLineEvidence(files: readonly FileEntry[], evidence: LineEvidence): FileEntry[] {
  return files.map((file) => {
    const { aiLines: _lines, agent: _agent, ...entry } = file;
    const found = evidence.files.get(file.path);
    if (!found || file.binary) return entry;
    return found.agent ? { ...entry, aiLines: found.ranges, agent: found.agent } : { ...entry, aiLines: found.ranges };
  });
}
