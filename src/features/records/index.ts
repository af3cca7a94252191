// Reading a commit's merged record and writing its note: used by `show`, `record`, the hooks,
// the gates and the report's per-commit look-ups.

import type { Config } from '../../model/config.ts';
import { InvalidValueError } from '../../model/errors.ts';
import { createNote, formatNote, noteTooLarge, parseNote, type FileEntry, type ProvenanceNote, type RecordedBy } from '../../model/note.ts';
import { createPlacer, type Placer } from '../../model/placement.ts';
import { resolveRecord, type ProvenanceRecord } from '../../model/record.ts';
import { normalizeDeclared, type DeclaredFields } from '../../model/trailers.ts';
import { commitChanges, readCommit } from '../../git/commits.ts';
import { noteBlobs, readNote, writeNote, GIT_AI_NOTES_REF, NOTES_REF } from '../../git/notes.ts';
import { GitObjectReader } from '../../git/run.ts';
import { readAddedLines } from '../../git/history.ts';
import { attributeLines, commitClaims, type LineAttribution, type LineClaims } from '../../model/line-attribution.ts';
import type { FileChange } from '../../git/numstat.ts';
import type { Repo } from '../../git/repo.ts';
import { resolveCommit } from '../../git/revisions.ts';
import { shortId } from '../../model/display.ts';

/**
 * The record with its line evidence (`show`): our note's line ranges or the git-ai note,
 * intersected with the lines the commit added against its first parent.
 */
export async function readRecordWithLines(repo: Repo, config: Config, rev: string = 'HEAD'): Promise<ProvenanceRecord> {
  const commit = resolveCommit(repo, rev);
  const info = readCommit(repo, commit);
  const tooLarge: number[] = [];
  const noteText = readNote(repo, commit, NOTES_REF, (bytes) => tooLarge.push(bytes));
  const note = noteText === undefined ? undefined : parseNote(noteText, config.levels);
  const { claims, warnings } = commitClaims(
    note?.note,
    readNote(repo, commit, GIT_AI_NOTES_REF, (bytes) => tooLarge.push(bytes)),
  );
  const added = claims ? (await readAddedLines(repo, [commit])).get(commit) : undefined;
  const record = resolveRecord(config.levels, { ...info, note, ...(claims && added ? { lines: attributeLines(added, claims) } : {}) });
  record.warnings.push(...tooLarge.map(noteTooLarge), ...warnings);
  return record;
}

export interface CommitLines {
  lines?: LineAttribution;
  warnings: string[];
}

/** Line evidence of many commits at once (`check`): one diff read for the commits that have any. */
export async function readLinesOf(repo: Repo, commits: readonly { commit: string; note?: ProvenanceNote }[]): Promise<Map<string, CommitLines>> {
  const out = new Map<string, CommitLines>();
  const gitAi = noteBlobs(repo, GIT_AI_NOTES_REF);
  const claimed = new Map<string, LineClaims>();
  const reader = commits.some(({ commit }) => gitAi.has(commit)) ? new GitObjectReader({ cwd: repo.cwd }) : undefined;
  try {
    for (const { commit, note } of commits) {
      const blob = gitAi.get(commit);
      const text = blob && reader ? (await reader.read(blob))?.content?.toString('utf8') : undefined;
      const { claims, warnings } = commitClaims(note, text);
      out.set(commit, { warnings });
      if (claims) claimed.set(commit, claims);
    }
  } finally {
    reader?.close();
  }
  const added = await readAddedLines(repo, [...claimed.keys()]);
  for (const [commit, claims] of claimed) {
    const lines = added.get(commit);
    if (lines) out.get(commit)!.lines = attributeLines(lines, claims);
  }
  return out;
}

export function readRecord(repo: Repo, config: Config, rev: string = 'HEAD'): ProvenanceRecord {
  const commit = resolveCommit(repo, rev);
  const info = readCommit(repo, commit);
  let tooLarge: number | undefined;
  const noteText = readNote(repo, commit, NOTES_REF, (bytes) => (tooLarge = bytes));
  const note = noteText === undefined ? undefined : parseNote(noteText, config.levels);
  const record = resolveRecord(config.levels, { ...info, note });
  if (tooLarge !== undefined) record.warnings.push(noteTooLarge(tooLarge));
  return record;
}

/** A note's file entries: with line counts from a numstat, without them from names alone. */
export function fileEntries(changes: readonly (FileChange | { path: string; oldPath?: string })[], placer: Placer): FileEntry[] {
  return changes.map((change) => {
    const entry: FileEntry = {
      path: change.path,
      service: placer.service(change.path),
      zone: placer.zone(change.path)?.value.name ?? null,
    };
    if ('added' in change) {
      entry.added = change.added;
      entry.deleted = change.deleted;
    }
    if (change.oldPath) entry.oldPath = change.oldPath;
    if ('binary' in change && change.binary) entry.binary = true;
    return entry;
  });
}

export interface RecordRequest extends DeclaredFields {
  level: string;
  recordedBy: RecordedBy;
  now?: Date;
}

/**
 * Writes (or updates) the note of a commit without rewriting history. Reviews already in the
 * note are kept; the file list is recomputed from the commit.
 */
export function recordCommit(repo: Repo, config: Config, rev: string, request: RecordRequest): { commit: string; note: ProvenanceNote; warnings: string[] } {
  const fields = normalizeDeclared(request);
  const level = fields.level as string;
  if (!config.levels.includes(level)) {
    throw new InvalidValueError(
      'level',
      `"${level}" is not one of levels [${config.levels.join(', ')}]`,
      'pick a configured level (see `git-provenance config`)',
    );
  }
  const commit = resolveCommit(repo, rev);
  const existingText = readNote(repo, commit, NOTES_REF);
  const existing = existingText === undefined ? undefined : parseNote(existingText, config.levels);
  const note = createNote({
    level,
    explanation: fields.explanation,
    tool: fields.tool,
    model: fields.model,
    recordedBy: request.recordedBy,
    recordedAt: (request.now ?? new Date()).toISOString(),
    files: fileEntries(commitChanges(repo, commit), createPlacer(config)),
    reviews: existing?.note?.reviews,
    combinedFrom: existing?.note?.combinedFrom,
  });
  writeNote(repo, commit, formatNote(note), NOTES_REF);
  const warnings = existing && !existing.note ? existing.warnings.map((warning) => `the previous note of ${shortId(commit)} ${warning}; it was replaced`) : [];
  // The message's AI-Assistance wins over the note (docs/FORMAT.md): say so rather than let
  // "recorded none" suggest the record changed.
  const merged = readRecord(repo, config, commit);
  if (merged.source === 'declared' && merged.level !== level) {
    warnings.push(
      `the message of ${shortId(commit)} declares AI-Assistance: ${merged.level}, which wins over the note: show, report and check keep reading ${merged.level}; ` +
        `to change it, reword the commit with "AI-Assistance: ${level}" (\`git commit --amend\` for the last commit, \`git rebase -i\` for an older one)`,
    );
  }
  return { commit, note, warnings };
}
