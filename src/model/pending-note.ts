// The note commit-msg prepares for post-commit, kept in a file in the git directory: the first
// line is the tree the note was made for (post-commit attaches it only when HEAD has that tree),
// then the note, or nothing when the message declares no level. The note is either its text or,
// when the runner could tell who commits and where the notes ref stands, a `git fast-import`
// stream that writes it: hooks/git-provenance.sh feeds that to git as it is (one process, where
// `git notes add` on a copy of the ref and a compare-and-swap took three), and falls back to the
// compare-and-swap when git refuses it. src/features/capture/hooks/post-commit.ts reads both forms
// with this codec.

import { formatNote, parseNote, type ProvenanceNote } from './note.ts';

export const PENDING_NOTE_FILE = 'provenance-pending-note';

export interface PendingNote {
  tree: string;
  /** Absent when the commit declares no level: there is nothing to attach. */
  note?: ProvenanceNote;
}

/** What a fast-import stream needs besides the note, asked while the commit was being made. */
export interface NoteImport {
  ref: string;
  /** `git var GIT_COMMITTER_IDENT`: "Name <email> seconds zone". */
  committer: string;
  /** Whether the ref existed then: the stream continues it (`from <ref>^0`) or starts it. */
  refExists: boolean;
}

/** The line after which the note's own text starts, in the stream (the runner skips to it). */
export const IMPORTED_NOTE_MARK = 'N inline HEAD';
const IMPORT_MESSAGE = 'Notes added by git-provenance\n';
const IMPORT_REF = /^refs\/notes\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;
const IMPORT_COMMITTER = /^[^\n<>]+ <[^\n<>]*> \d+ [+-]\d{4}$/;

export function encodePendingNote(pending: PendingNote, importer?: NoteImport): string {
  if (!pending.note) return `${pending.tree}\n`;
  const text = formatNote(pending.note);
  if (!importer || !IMPORT_REF.test(importer.ref) || !IMPORT_COMMITTER.test(importer.committer)) return `${pending.tree}\n${text}`;
  // fast-import refuses to move the ref when another writer moved it since `from` was read (its
  // update is a compare-and-swap, and the new commit would not contain theirs): nothing is lost.
  return [
    pending.tree,
    `commit ${importer.ref}`,
    `committer ${importer.committer}`,
    `data ${byteLength(IMPORT_MESSAGE)}`,
    IMPORT_MESSAGE,
    ...(importer.refExists ? [`from ${importer.ref}^0`] : []),
    IMPORTED_NOTE_MARK,
    `data ${byteLength(text)}`,
    text,
  ].join('\n');
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** undefined when the text is not a pending note (damaged, or written by another version). */
export function decodePendingNote(text: string, levels: readonly string[]): PendingNote | undefined {
  const newline = text.indexOf('\n');
  const tree = newline < 0 ? text : text.slice(0, newline);
  if (!/^[0-9a-f]{40,64}$/.test(tree)) return undefined;
  let body = newline < 0 ? '' : text.slice(newline + 1);
  if (body === '') return { tree };
  if (body.startsWith('commit ')) {
    const mark = body.indexOf(`\n${IMPORTED_NOTE_MARK}\ndata `);
    const start = mark < 0 ? -1 : body.indexOf('\n', mark + IMPORTED_NOTE_MARK.length + 2);
    if (start < 0) return undefined;
    body = body.slice(start + 1);
  }
  const { note } = parseNote(body, levels);
  return note ? { tree, note } : undefined;
}

/**
 * What the person answered at the prompt, kept by prepare-commit-msg until commit-msg: an editor
 * that drops the trailer lines must not lose it. One line of JSON (the declared fields).
 */
export const PROMPT_ANSWER_FILE = 'provenance-prompt-answer';
