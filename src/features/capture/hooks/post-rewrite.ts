// post-rewrite: notes across `commit --amend` and `rebase`. git's notes.rewriteRef copies them
// (the runner stops there for a plain rebase); this handler writes what a copy cannot: an amended
// commit's own record, recounted lines, and one note for a squash instead of concatenated JSON.

import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import type { Config } from '../../../model/config.ts';
import { UNKNOWN } from '../../../model/levels.ts';
import { combineNotes, createNote, formatNote, parseNote, type ProvenanceNote } from '../../../model/note.ts';
import { createPlacer } from '../../../model/placement.ts';
import { commitChanges } from '../../../git/commits.ts';
import { NOTES_REF, noteBlobs, removeNote, writeNote } from '../../../git/notes.ts';
import { inGitDir, type Repo } from '../../../git/repo.ts';
import { readBlobText } from '../../../git/tree.ts';
import type { HookContext } from '../../hook-context.ts';
import { fileEntries } from '../../records/index.ts';
import { REBASE_AMENDS_FILE, parseRewrites } from '../rewrite.ts';
import { isDisabled, readRecordIfAny, replayState, say } from './common.ts';
import { recordFromTrailers } from './post-commit.ts';

export async function postRewrite(context: HookContext): Promise<number> {
  if (isDisabled(context)) return 0;
  const repo = context.repo;
  const [kind] = context.args;
  const amendsFile = inGitDir(repo, REBASE_AMENDS_FILE);
  if (kind === 'amend' && replayState(repo).rebase) {
    // Reported again when the rebase ends; remember which commits need their lines recounted.
    appendFileSync(amendsFile, context.readStdin());
    return 0;
  }
  let amendedInRebase = new Set<string>();
  if (kind === 'rebase') {
    try {
      amendedInRebase = new Set(parseRewrites(readFileSync(amendsFile, 'utf8')).keys());
    } catch {
      // No amend happened during this rebase.
    }
    rmSync(amendsFile, { force: true });
  }
  try {
    const groups = parseRewrites(context.readStdin());
    if (!groups.size) return 0;
    const config = await context.config();
    const notes = noteBlobs(repo, NOTES_REF);
    const placer = createPlacer(config);
    for (const [newCommit, olds] of groups) {
      if (kind === 'amend' && olds.length === 1) {
        amendNote(repo, config, olds[0], newCommit, notes);
        continue;
      }
      if (olds.length === 1) {
        const oldNote = notes.get(olds[0]);
        const newNote = notes.get(newCommit);
        // notes.rewriteRef normally copied it already; copy it when that config is missing.
        if (oldNote && !newNote) writeNote(repo, newCommit, readBlobText(repo, oldNote), NOTES_REF);
        else if (newNote) {
          // Recount when the commit was amended during the rebase, or git concatenated notes.
          const parsed = parseNote(readBlobText(repo, newNote), config.levels);
          const concatenated = parsed.warnings.some((warning) => warning.includes('concatenated'));
          if (parsed.note && (concatenated || amendedInRebase.has(newCommit))) {
            writeNote(repo, newCommit, formatNote({ ...parsed.note, files: fileEntries(commitChanges(repo, newCommit), placer) }), NOTES_REF);
          }
        }
        continue;
      }
      // Squash or fixup: one note with the highest level and every explanation, not git's
      // concatenation of JSON documents.
      const parts = olds.map((commit) => ({ commit, note: partNote(repo, config, commit) }));
      const known = parts.filter((part) => part.note.level !== UNKNOWN);
      if (!known.length) continue;
      const combined = combineNotes(config.levels, parts);
      combined.recordedBy = 'hook';
      combined.recordedAt = new Date().toISOString();
      combined.files = fileEntries(commitChanges(repo, newCommit), placer);
      writeNote(repo, newCommit, formatNote(combined), NOTES_REF);
    }
  } catch (error) {
    say(`warning: notes were not carried over this ${kind ?? 'rewrite'}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return 0;
}

/**
 * After `commit --amend`: the amended commit's own trailers give the record (reviews of the old
 * note kept); without trailers the old note carries over. Either way one JSON document, not
 * git's concatenation.
 */
function amendNote(repo: Repo, config: Config, oldCommit: string, newCommit: string, notes: Map<string, string>): void {
  const oldBlob = notes.get(oldCommit);
  const oldNote = oldBlob ? parseNote(readBlobText(repo, oldBlob), config.levels).note : undefined;
  const newBlob = notes.get(newCommit);
  // recordCommit keeps the reviews it finds on the commit: give it the old note alone first.
  if (oldNote) writeNote(repo, newCommit, formatNote(oldNote), NOTES_REF);
  else if (newBlob) removeNote(repo, newCommit);
  if (recordFromTrailers(repo, config, newCommit)) return;
  if (oldNote) writeNote(repo, newCommit, formatNote({ ...oldNote, files: fileEntries(commitChanges(repo, newCommit), createPlacer(config)) }), NOTES_REF);
}

/** One squashed commit's part of the combined note, from its merged record. */
function partNote(repo: Repo, config: Config, commit: string): ProvenanceNote {
  const record = readRecordIfAny(repo, config, commit);
  return createNote({
    level: record?.level ?? UNKNOWN,
    explanation: record?.explanation,
    tool: record?.tool,
    model: record?.model,
    recordedBy: 'hook',
    recordedAt: '',
    files: record?.files ?? [],
  });
}
