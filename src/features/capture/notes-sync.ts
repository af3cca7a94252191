// Moving refs/notes/provenance between clones without losing a note: fetch into a tracking ref
// (never straight over the local notes: a forced fetch there deletes notes not yet pushed),
// merge note by note into one valid JSON note each, push, and retry when another clone pushed
// first. Used by pre-push (quietly, with a time limit) and by `sync`.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../model/config.ts';
import {
  fetchRef,
  finishNotesMerge,
  type NetworkOptions,
  pushRef,
  readNote,
  remoteHasRef,
  startNotesMerge,
  GIT_AI_NOTES_REF,
  mergeNotesKeepingOurs,
  mergeNotesRef,
  type NotesMergeOutcome,
  NOTES_REF,
  trackingNotesRef,
} from '../../git/notes.ts';
import type { Repo } from '../../git/repo.ts';
import { refTip } from '../../git/revisions.ts';
import { mergeNoteTexts } from './note-merge.ts';

export type MergeOutcome = NotesMergeOutcome;

/** Merges another notes ref into ours, one valid note per commit. */
export function mergeNotesFrom(repo: Repo, config: Config, other: string): MergeOutcome {
  return mergeNotesRef(repo, NOTES_REF, other, (work) => {
    const start = startNotesMerge(repo, work, other);
    if (start.status === 'clean') return;
    for (const commit of start.commits) {
      const merged = mergeNoteTexts(config.levels, readNote(repo, commit, work), readNote(repo, commit, other));
      writeFileSync(join(start.worktree, commit), merged ?? '');
    }
    finishNotesMerge(repo, work);
  });
}

/**
 * git-ai's notes (refs/notes/ai), when either side has them: fetched into a tracking ref, merged
 * (a commit annotated on both sides keeps the local note), pushed. Returns a problem, if any.
 */
export function syncGitAiNotes(repo: Repo, remote: string, options: NetworkOptions): string | undefined {
  const exists = remoteHasRef(repo, remote, GIT_AI_NOTES_REF, options);
  if (exists === undefined) return `cannot reach ${remote}`;
  if (exists) {
    const tracking = trackingNotesRef(repo, remote, GIT_AI_NOTES_REF);
    const fetched = fetchRef(repo, remote, GIT_AI_NOTES_REF, tracking, options);
    if (fetched.status !== 0) return firstLine(fetched.stderr) || `fetch of ${GIT_AI_NOTES_REF} from ${remote} failed`;
    mergeNotesRef(repo, GIT_AI_NOTES_REF, tracking, (work) => mergeNotesKeepingOurs(repo, work, tracking));
  }
  if (!refTip(repo, GIT_AI_NOTES_REF)) return undefined;
  const pushed = pushRef(repo, remote, `${GIT_AI_NOTES_REF}:${GIT_AI_NOTES_REF}`, options);
  return pushed.status === 0 ? undefined : firstLine(pushed.stderr) || `push of ${GIT_AI_NOTES_REF} to ${remote} failed`;
}

export interface SyncResult {
  ok: boolean;
  pushed: boolean;
  merged: MergeOutcome;
  detail?: string;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line && !line.startsWith('To ') && line !== 'Done') ?? ''
  );
}

/**
 * Fetch (when asked or when the push is refused), merge, push; up to three rounds when other
 * clones keep pushing. Never throws for network trouble: the result says what happened.
 */
export function syncNotes(repo: Repo, config: Config, remote: string, options: NetworkOptions & { fetchFirst: boolean; push: boolean }): SyncResult {
  const tracking = trackingNotesRef(repo, remote);
  let merged: MergeOutcome = 'nothing';
  const fetchAndMerge = (): string | undefined => {
    const exists = remoteHasRef(repo, remote, NOTES_REF, options);
    if (exists === undefined) return `cannot reach ${remote}`;
    if (!exists) return undefined;
    const fetched = fetchRef(repo, remote, NOTES_REF, tracking, options);
    if (fetched.status !== 0) return firstLine(fetched.stderr) || `fetch from ${remote} failed`;
    const outcome = mergeNotesFrom(repo, config, tracking);
    if (outcome !== 'up-to-date' && outcome !== 'nothing') merged = outcome;
    return undefined;
  };
  if (options.fetchFirst) {
    const problem = fetchAndMerge();
    if (problem) return { ok: false, pushed: false, merged, detail: problem };
  } else if (refTip(repo, tracking)) {
    const outcome = mergeNotesFrom(repo, config, tracking);
    if (outcome !== 'up-to-date' && outcome !== 'nothing') merged = outcome;
  }
  if (!options.push || !refTip(repo, NOTES_REF)) return { ok: true, pushed: false, merged };
  let detail = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const pushed = pushRef(repo, remote, `${NOTES_REF}:${NOTES_REF}`, options);
    if (pushed.status === 0) return { ok: true, pushed: true, merged };
    detail =
      firstLine(pushed.stdout.includes('[rejected]') || pushed.stdout.includes('!') ? pushed.stdout.replace(/^.*\t/gm, '') : '') ||
      firstLine(pushed.stderr) ||
      'push failed';
    const rejected = /rejected|fetch first|non-fast-forward|stale info/i.test(pushed.stdout + pushed.stderr);
    if (!rejected) break;
    const problem = fetchAndMerge();
    if (problem) return { ok: false, pushed: false, merged, detail: problem };
  }
  return { ok: false, pushed: false, merged, detail };
}
