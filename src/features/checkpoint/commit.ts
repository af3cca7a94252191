// Line evidence in the commit hooks: commit-msg matches the staged lines against the checkpoints
// and raises the message's level to what the evidence asks for; the rewrite hooks recompute the
// ranges of a replaced commit's note for its replacement. Every step is best effort: a failure
// leaves the commit-level record as it was, it never stops a commit.

import type { Config } from '../../model/config.ts';
import { highestLevel } from '../../model/levels.ts';
import { formatNote, parseNote, type ProvenanceNote } from '../../model/note.ts';
import { writeMessageTrailers } from '../../git/message.ts';
import { NOTES_REF, readNote, writeNote } from '../../git/notes.ts';
import type { Repo } from '../../git/repo.ts';
import { emptyTree, firstParentOrEmptyTree, headCommit } from '../../git/revisions.ts';
import { recordFields, recordTrailers, say } from '../capture/hooks/common.ts';
import type { CommitMessage } from '../capture/hooks/message.ts';
import {
  commitEvidence,
  gathersLineEvidence,
  hasLineEvidence,
  marksOfNote,
  raisedLevel,
  stagedEvidence,
  withLineEvidence,
  type LineEvidence,
} from './evidence.ts';

export function noteOf(repo: Repo, config: Config, commit: string): ProvenanceNote | undefined {
  const text = readNote(repo, commit, NOTES_REF);
  return text === undefined ? undefined : parseNote(text, config.levels).note;
}

/**
 * Evidence for the commit being made (commit-msg). An amend is measured against HEAD's parent,
 * with the lines HEAD's note gave to agents as evidence too.
 */
export async function evidenceForCommit(repo: Repo, config: Config, amending: boolean): Promise<LineEvidence | undefined> {
  if (!gathersLineEvidence(repo)) return undefined;
  try {
    const head = headCommit(repo);
    if (amending && head) return await stagedEvidence(repo, firstParentOrEmptyTree(repo, head), marksOfNote(repo, head, noteOf(repo, config, head)));
    return await stagedEvidence(repo, head ?? emptyTree(repo));
  } catch {
    return undefined;
  }
}

/** One line for the person committing: why the level is what it is. */
export function describeEvidence(evidence: LineEvidence, level: string): string {
  const agent = evidence.agent ? `${evidence.agent.tool}${evidence.agent.model ? `:${evidence.agent.model}` : ''}` : 'an agent';
  return `recorded as ${level}: ${evidence.aiLines} of the ${evidence.addedLines} added lines were written by ${agent} (agents' hooks)`;
}

/**
 * Raises the message's level (and names the agent when no tool is named) to what the evidence
 * asks for, never lowers it. Returns the line said to the person, or undefined when nothing changed.
 */
export function raiseToEvidence(repo: Repo, config: Config, message: CommitMessage, evidence: LineEvidence): string | undefined {
  const decoded = message.decoded;
  if (decoded.levels.length > 1) return undefined;
  const declared = highestLevel(config.levels, decoded.levels);
  const level = raisedLevel(config.levels, declared, evidence);
  if (!level || level === declared) return undefined;
  const named = Boolean(decoded.tool);
  const fields = recordFields({
    level,
    explanation: decoded.explanation,
    tool: named ? decoded.tool : evidence.agent?.tool,
    model: named ? decoded.model : evidence.agent?.model,
  });
  writeMessageTrailers(repo, message.path, recordTrailers(fields));
  const line = describeEvidence(evidence, level);
  say(line);
  return line;
}

/**
 * A note for `commit` that replaces `sources` (amend, rebase, squash, cherry-pick): its `aiLines`
 * recomputed from the lines the sources' notes gave to agents (and, for an amend, the
 * checkpoints), its level raised to the evidence. undefined when there is no evidence to carry.
 */
export async function recomputeLineEvidence(
  repo: Repo,
  config: Config,
  commit: string,
  note: ProvenanceNote,
  sources: readonly { commit: string; note: ProvenanceNote | undefined }[],
  useCheckpoints: boolean,
): Promise<ProvenanceNote | undefined> {
  const checkpoints = useCheckpoints && gathersLineEvidence(repo);
  if (!checkpoints && !sources.some((source) => hasLineEvidence(source.note))) return undefined;
  try {
    const carried = new Map();
    for (const source of sources) marksOfNote(repo, source.commit, source.note, carried);
    const evidence = await commitEvidence(repo, commit, carried, checkpoints);
    evidence.consume();
    const level = raisedLevel(config.levels, note.level, evidence) ?? note.level;
    const withTool = level !== note.level && !note.tool && evidence.agent ? { tool: evidence.agent.tool, model: evidence.agent.model } : {};
    return { ...note, ...withTool, level: highestLevel(config.levels, [level, note.level]) ?? level, files: withLineEvidence(note.files, evidence) };
  } catch {
    return undefined;
  }
}

/**
 * After a rewrite (amend, rebase, squash, cherry-pick): the new commit's note, as the hooks wrote
 * it, gets the ranges recomputed from the replaced commits' notes (and, for an amend, the
 * checkpoints). Lines move when a commit is replayed on another base: copying the old numbers
 * would point at other lines.
 */
export async function carryLineEvidence(repo: Repo, config: Config, commit: string, olds: readonly string[], useCheckpoints: boolean): Promise<void> {
  try {
    const note = noteOf(repo, config, commit);
    if (!note) return;
    const sources = olds.map((old) => ({ commit: old, note: noteOf(repo, config, old) }));
    const updated = await recomputeLineEvidence(repo, config, commit, note, sources, useCheckpoints);
    if (updated) writeNote(repo, commit, formatNote(updated), NOTES_REF);
  } catch {
    // The note keeps its commit-level record.
  }
}
