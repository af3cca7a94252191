// The note commit-msg prepares for post-commit, kept in a file in the git directory: the first
// line is the tree the note was made for (post-commit attaches it only when HEAD has that tree),
// then the note, or nothing when the message declares no level. hooks/git-provenance.sh reads
// it with `sed` on the fast path; src/features/capture/hooks/post-commit.ts with this codec.

import { formatNote, parseNote, type ProvenanceNote } from './note.ts';

export const PENDING_NOTE_FILE = 'provenance-pending-note';

export interface PendingNote {
  tree: string;
  /** Absent when the commit declares no level: there is nothing to attach. */
  note?: ProvenanceNote;
}

export function encodePendingNote(pending: PendingNote): string {
  return `${pending.tree}\n${pending.note ? formatNote(pending.note) : ''}`;
}

/** undefined when the text is not a pending note (damaged, or written by another version). */
export function decodePendingNote(text: string, levels: readonly string[]): PendingNote | undefined {
  const newline = text.indexOf('\n');
  const tree = newline < 0 ? text : text.slice(0, newline);
  if (!/^[0-9a-f]{40,64}$/.test(tree)) return undefined;
  const body = newline < 0 ? '' : text.slice(newline + 1);
  if (body === '') return { tree };
  const { note } = parseNote(body, levels);
  return note ? { tree, note } : undefined;
}

/**
 * What the person answered at the prompt, kept by prepare-commit-msg until commit-msg: an editor
 * that drops the trailer lines must not lose it. One line of JSON (the declared fields).
 */
export const PROMPT_ANSWER_FILE = 'provenance-prompt-answer';
