// post-commit: the new commit's note. Usually the runner attached the note commit-msg prepared
// (hooks/git-provenance.sh) and node never starts; this handler does the same when it does, then
// covers what the runner leaves to it: cherry-picks (not a rewrite for git: the note is copied)
// and commits whose prepared note is missing or was made for another tree.

import { readFileSync, rmSync } from 'node:fs';
import type { Config } from '../../../model/config.ts';
import { ProvenanceError } from '../../../model/errors.ts';
import { highestLevel } from '../../../model/levels.ts';
import { formatNote, parseNote } from '../../../model/note.ts';
import { PENDING_NOTE_FILE, decodePendingNote } from '../../../model/pending-note.ts';
import { createPlacer } from '../../../model/placement.ts';
import { decodeTrailers } from '../../../model/trailers.ts';
import { commitChanges, readCommit } from '../../../git/commits.ts';
import { NOTES_REF, readNote, writeNote } from '../../../git/notes.ts';
import { inGitDir, type Repo } from '../../../git/repo.ts';
import { resolveCommit } from '../../../git/revisions.ts';
import { headTree } from '../../../git/staged.ts';
import type { HookContext } from '../../hook-context.ts';
import { fileEntries, recordCommit } from '../../records/index.ts';
import { runningUnderAmend } from '../amend.ts';
import { isDisabled, replayState, say } from './common.ts';

export async function postCommit(context: HookContext): Promise<number> {
  if (isDisabled(context)) return 0;
  const repo = context.repo;
  const pending = takePendingNote(repo);
  const replay = replayState(repo);
  if (replay.rebase && (replay.cherryPick || replay.folding || replay.rebase === 'apply')) return 0;
  try {
    const config = await context.config();
    if (pending !== undefined && attachPendingNote(repo, config, pending)) return 0;
    const head = resolveCommit(repo, 'HEAD');
    if (replay.cherryPick && !replay.rebase) {
      copyNoteOfPick(repo, config, head);
      return 0;
    }
    // git copies the old note after post-commit (and concatenates it onto any note written
    // here); post-rewrite writes the amended commit's note.
    if (runningUnderAmend()) return 0;
    recordFromTrailers(repo, config, head);
  } catch (error) {
    // The commit exists already: say what went wrong, never fail it.
    say(
      `warning: the note of this commit was not written: ${error instanceof Error ? error.message : String(error)}${error instanceof ProvenanceError && error.hint ? ` (${error.hint})` : ''}`,
    );
  }
  return 0;
}

/** The pending note's text, removed from the git directory either way (it is for this commit only). */
function takePendingNote(repo: Repo): string | undefined {
  const path = inGitDir(repo, PENDING_NOTE_FILE);
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  rmSync(path, { force: true });
  return text;
}

/** True when the prepared note was for this commit's tree (and is now attached, if it has one). */
function attachPendingNote(repo: Repo, config: Config, text: string): boolean {
  const pending = decodePendingNote(text, config.levels);
  if (!pending || pending.tree !== headTree(repo)) return false;
  if (pending.note) writeNote(repo, 'HEAD', formatNote(pending.note), NOTES_REF);
  return true;
}

/** Writes a commit's note from its trailers; false when the message declares no level. */
export function recordFromTrailers(repo: Repo, config: Config, commit: string): boolean {
  const decoded = decodeTrailers(readCommit(repo, commit).trailers);
  const level = highestLevel(config.levels, decoded.levels);
  if (!level) return false;
  const result = recordCommit(repo, config, commit, {
    level,
    explanation: decoded.explanation,
    tool: decoded.tool,
    model: decoded.tool ? decoded.model : undefined,
    recordedBy: 'hook',
  });
  for (const warning of result.warnings) say(`warning: ${warning}`);
  return true;
}

/** `git cherry-pick` is not a rewrite: the new commit gets the original's note, files recounted. */
function copyNoteOfPick(repo: Repo, config: Config, head: string): void {
  const original = readFileSync(inGitDir(repo, 'CHERRY_PICK_HEAD'), 'utf8').trim();
  const text = original ? readNote(repo, original, NOTES_REF) : undefined;
  if (text === undefined) return;
  const parsed = parseNote(text, config.levels).note;
  if (!parsed) return;
  writeNote(repo, head, formatNote({ ...parsed, files: fileEntries(commitChanges(repo, head), createPlacer(config)), reviews: [] }), NOTES_REF);
}
