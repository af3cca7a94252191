// The note codec: one JSON document per commit under refs/notes/provenance (docs/FORMAT.md).
// Parsing never throws: notes can be hand-edited, truncated, written by another tool, or
// concatenated by git's default notes.rewriteMode; each of those becomes a warning.

import { highestLevel } from './levels.ts';
import { decodeAgent, decodeAiLines, encodeAgent, encodeAiLines, type AgentName, type LineRange } from './line-ranges.ts';
import { toSafeLine } from './safe-text.ts';

export const NOTE_SCHEMA = 'git-provenance/1';
/** Notes larger than this (bytes) are skipped with a warning, never read (docs/FORMAT.md). */
export const NOTE_SIZE_LIMIT = 16 * 1024 * 1024;

/** The warning for a note over NOTE_SIZE_LIMIT. */
export function noteTooLarge(bytes: number): string {
  return `has a note of ${(bytes / 1024 / 1024).toFixed(1)} MiB, over the ${NOTE_SIZE_LIMIT / 1024 / 1024} MiB limit; it is skipped (rewrite it with \`git-provenance record\`)`;
}

/**
 * Above this many changed files the commit hooks leave the line counts out of the note
 * (`lineCounts: false`, docs/FORMAT.md): counting makes git read every staged blob, 1.7 s for
 * 10,000 files, while the names alone cost a tenth of that (docs/DECISIONS.md, section 10).
 */
export const MAX_COUNTED_FILES = 1000;

/** Whether the hooks count the lines of a commit that changes this many files. */
export function countsLinesOf(fileCount: number): boolean {
  return fileCount <= MAX_COUNTED_FILES;
}

/** The largest signed review object read from a note (an SSH or OpenPGP signature is ~1 KiB). */
const SIGNATURE_SIZE_LIMIT = 64 * 1024;

export type RecordedBy = 'hook' | 'cli' | 'import';

export interface FileEntry {
  path: string;
  /** Set on renames: the path before the commit. */
  oldPath?: string;
  service: string;
  zone: string | null;
  /**
   * Lines added and deleted; absent (both) when the note's writer did not count them (a note
   * with `lineCounts: false`), in which case `binary` is unknown too.
   */
  added?: number;
  deleted?: number;
  binary?: boolean;
  /**
   * Line evidence: the committed file's lines an agent wrote (absent: none gathered; empty: the
   * agent wrote none of the added lines).
   */
  aiLines?: LineRange[];
  /** The agent of `aiLines` (a range with another agent carries its own). */
  agent?: AgentName;
  /** Lines a person wrote, when the recorder knows them (imports); the hooks leave it out. */
  humanLines?: [number, number][];
}

export interface Review {
  /** Reviewer e-mail, lower-cased. */
  by: string;
  name?: string;
  at: string;
  /** `git patch-id --stable` of the change reviewed: the review lapses when the content changes. */
  patch?: string;
  /**
   * A signed review: the raw text of the git commit object, signed by git, whose message binds
   * commit, patch, reviewer and time (model/review-signature.ts). Kept byte for byte, never shown.
   */
  signature?: string;
  /** Set on reviews read from a `Reviewed-by` trailer (never written to a note). */
  fromTrailer?: true;
}

export interface CombinedPart {
  commit: string;
  level: string;
  explanation?: string;
}

export interface ProvenanceNote {
  schema: string;
  level: string;
  explanation?: string;
  tool?: string;
  model?: string;
  recordedBy: RecordedBy;
  recordedAt: string;
  files: FileEntry[];
  reviews: Review[];
  /** Present when commits were squashed into this one: each original's level and explanation. */
  combinedFrom?: CombinedPart[];
}

/** What a note is built from; empty optional text fields are left out, reviews default to none. */
export type NoteFields = Omit<ProvenanceNote, 'schema' | 'reviews'> & { reviews?: Review[] };

/** The one way to build a note from its fields (capture, `record`, rewrites, reviews, squashes). */
export function createNote(fields: NoteFields): ProvenanceNote {
  const note: ProvenanceNote = {
    schema: NOTE_SCHEMA,
    level: fields.level,
    recordedBy: fields.recordedBy,
    recordedAt: fields.recordedAt,
    files: fields.files,
    reviews: fields.reviews ?? [],
  };
  if (fields.explanation) note.explanation = fields.explanation;
  if (fields.tool) note.tool = fields.tool;
  if (fields.model) note.model = fields.model;
  if (fields.combinedFrom) note.combinedFrom = fields.combinedFrom;
  return note;
}

export interface ParsedNote {
  note?: ProvenanceNote;
  warnings: string[];
}

/** True when every entry carries its line counts (a note says `lineCounts: false` otherwise). */
export function linesCounted(files: readonly FileEntry[]): boolean {
  return files.every((file) => file.added !== undefined && file.deleted !== undefined);
}

/** The entries without line counts (or `binary`, which comes from the same count). */
function withoutCounts(files: readonly FileEntry[]): FileEntry[] {
  return files.map(({ added: _added, deleted: _deleted, binary: _binary, ...rest }) => rest);
}

/** A file entry as the note writes it (`show --json` prints the same): fixed key order, ranges as `[start, end]`. */
export function fileJson(file: FileEntry): Record<string, unknown> {
  return entryJson(file, true);
}

/** `counted` false leaves the counts out. Only defined keys are set: a note can hold 10,000 entries. */
function entryJson(file: FileEntry, counted: boolean): Record<string, unknown> {
  const json: Record<string, unknown> = { path: file.path };
  if (file.oldPath !== undefined) json.oldPath = file.oldPath;
  json.service = file.service;
  json.zone = file.zone;
  if (counted) {
    if (file.added !== undefined) json.added = file.added;
    if (file.deleted !== undefined) json.deleted = file.deleted;
    if (file.binary !== undefined) json.binary = file.binary;
  }
  if (file.aiLines) json.aiLines = encodeAiLines(file.aiLines, file.agent);
  if (file.agent) json.agent = encodeAgent(file.agent);
  if (file.humanLines) json.humanLines = file.humanLines;
  return json;
}

/** Stable, readable JSON: fixed key order, two-space indent, final newline. */
export function formatNote(note: ProvenanceNote): string {
  const counted = linesCounted(note.files);
  const ordered: Record<string, unknown> = {
    schema: note.schema,
    level: note.level,
    explanation: note.explanation,
    tool: note.tool,
    model: note.model,
    recordedBy: note.recordedBy,
    recordedAt: note.recordedAt,
    // Entries without counts say nothing about lines; the note says they were not counted. The
    // entries are written alike (none with counts), so a reader never sees a partial count.
    lineCounts: counted ? undefined : false,
    files: note.files.map((file) => entryJson(file, counted)),
    reviews: note.reviews.map((review) => ({
      by: review.by,
      name: review.name,
      at: review.at,
      ...(review.patch ? { patch: review.patch } : {}),
      ...(review.signature ? { signature: review.signature } : {}),
    })),
    combinedFrom: note.combinedFrom,
  };
  const text = JSON.stringify(ordered, null, 2);
  // A line range stays on one line (`[12, 40]`): numbers-only arrays appear nowhere else.
  const ranges = note.files.some((file) => file.aiLines || file.humanLines);
  return `${ranges ? text.replace(/\[\s+(\d+),\s+(\d+)\s+\]/g, '[$1, $2]') : text}\n`;
}

/** Splits text into top-level JSON object texts; anything else is returned as `rest`. */
export function splitJsonDocuments(text: string): { documents: string[]; rest: string } {
  const documents: string[] = [];
  let rest = '';
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (depth === 0) {
      if (ch === '{') {
        depth = 1;
        start = i;
      } else if (!/\s/.test(ch)) {
        rest += ch;
      }
      continue;
    }
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      documents.push(text.slice(start, i + 1));
      start = -1;
    }
  }
  if (depth > 0 && start >= 0) rest += text.slice(start);
  return { documents, rest };
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? toSafeLine(value) : undefined;
}

function asCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
}

/**
 * `[[start, end], …]` with whole numbers 1 ≤ start ≤ end (a third element, a range's own agent, is
 * allowed and not kept here); anything else is treated as absent.
 */
function asLineRanges(value: unknown): [number, number][] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: [number, number][] = [];
  for (const item of value) {
    if (!Array.isArray(item) || item.length < 2 || item.length > 3) return undefined;
    const [start, end] = item as unknown[];
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || (start as number) < 1 || (end as number) < (start as number)) return undefined;
    out.push([start as number, end as number]);
  }
  return out;
}

/** The note's file entries; `counted` false (the note's `lineCounts: false`) leaves their counts out. */
function readFiles(value: unknown, counted: boolean): FileEntry[] {
  if (!Array.isArray(value)) return [];
  const files: FileEntry[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object' || typeof (item as FileEntry).path !== 'string') continue;
    const raw = item as Record<string, unknown>;
    const entry: FileEntry = {
      path: raw.path as string,
      service: asString(raw.service) ?? '(other)',
      zone: typeof raw.zone === 'string' ? raw.zone : null,
    };
    if (counted) {
      entry.added = asCount(raw.added);
      entry.deleted = asCount(raw.deleted);
      if (raw.binary === true) entry.binary = true;
    }
    if (typeof raw.oldPath === 'string') entry.oldPath = raw.oldPath;
    const agent = decodeAgent(raw.agent);
    const aiLines = decodeAiLines(raw.aiLines, agent);
    if (aiLines) {
      entry.aiLines = aiLines;
      if (agent) entry.agent = agent;
    }
    const humanLines = asLineRanges(raw.humanLines);
    if (humanLines) entry.humanLines = humanLines;
    files.push(entry);
  }
  return files;
}

function readReviews(value: unknown): Review[] {
  if (!Array.isArray(value)) return [];
  const reviews: Review[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object') continue;
    const raw = item as Record<string, unknown>;
    const by = asString(raw.by);
    if (!by) continue;
    const review: Review = { by: by.toLowerCase(), at: asString(raw.at) ?? '' };
    const name = asString(raw.name);
    if (name) review.name = name;
    const patch = asString(raw.patch);
    if (patch && /^[0-9a-f]{40,64}$/.test(patch)) review.patch = patch;
    // Raw bytes, newlines included: git checks them; an oversized one cannot be a review's object.
    if (typeof raw.signature === 'string' && raw.signature.length <= SIGNATURE_SIZE_LIMIT) review.signature = raw.signature;
    reviews.push(review);
  }
  return reviews;
}

function readCombined(value: unknown): CombinedPart[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const parts: CombinedPart[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object') continue;
    const raw = item as Record<string, unknown>;
    const commit = asString(raw.commit);
    const level = asString(raw.level);
    if (!commit || !level) continue;
    const part: CombinedPart = { commit, level };
    const explanation = asString(raw.explanation);
    if (explanation) part.explanation = explanation;
    parts.push(part);
  }
  return parts.length ? parts : undefined;
}

/** Reads one JSON object as a note, or says why it is not one. */
function readDocument(value: unknown): { note?: ProvenanceNote; problem?: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { problem: 'is not a JSON object' };
  const raw = value as Record<string, unknown>;
  const schema = typeof raw.schema === 'string' ? raw.schema : '';
  if (!schema.startsWith('git-provenance/')) return { problem: `is not a git-provenance note (schema ${JSON.stringify(raw.schema ?? null)})` };
  const level = asString(raw.level)?.toLowerCase();
  if (!level) return { problem: 'has no level' };
  const recordedBy = raw.recordedBy === 'hook' || raw.recordedBy === 'cli' || raw.recordedBy === 'import' ? raw.recordedBy : 'import';
  const note: ProvenanceNote = {
    schema,
    level,
    recordedBy,
    recordedAt: asString(raw.recordedAt) ?? '',
    files: readFiles(raw.files, raw.lineCounts !== false),
    reviews: readReviews(raw.reviews),
  };
  const explanation = asString(raw.explanation);
  if (explanation) note.explanation = explanation;
  const tool = asString(raw.tool);
  if (tool) note.tool = tool;
  const model = asString(raw.model);
  if (model) note.model = model;
  const combinedFrom = readCombined(raw.combinedFrom);
  if (combinedFrom) note.combinedFrom = combinedFrom;
  return { note };
}

/**
 * Parses a note. Several concatenated documents (git's default rewrite mode after a squash)
 * are combined with `combineNotes`; the caller still gets a warning so the note can be rewritten.
 */
export function parseNote(text: string, levels: readonly string[]): ParsedNote {
  const warnings: string[] = [];
  const { documents, rest } = splitJsonDocuments(text);
  if (rest.trim()) warnings.push(documents.length ? 'has text that is not JSON (truncated or hand-edited?)' : 'is not JSON (truncated or hand-edited?)');
  const notes: ProvenanceNote[] = [];
  for (const documentText of documents) {
    let value: unknown;
    try {
      value = JSON.parse(documentText);
    } catch {
      warnings.push('has a JSON document that does not parse');
      continue;
    }
    const { note, problem } = readDocument(value);
    if (note) {
      if (note.schema !== NOTE_SCHEMA) warnings.push(`uses schema ${note.schema}; this version reads ${NOTE_SCHEMA} (fields it does not know are ignored)`);
      notes.push(note);
    } else if (problem) {
      warnings.push(problem);
    }
  }
  if (notes.length > 1) warnings.push(`holds ${notes.length} notes concatenated (a squash without the post-rewrite hook?); they are read as one`);
  if (notes.length === 0) return { warnings: warnings.length ? warnings : ['is empty'] };
  return {
    note:
      notes.length === 1
        ? notes[0]
        : combineNotes(
            levels,
            notes.map((note) => ({ note })),
          ),
    warnings,
  };
}

/**
 * One note for commits squashed together: the highest level, every explanation kept (in
 * `combinedFrom` and joined in `explanation`), files summed per path, reviews kept only if
 * every part had them is not knowable, so reviews are dropped: a squash is new code to review.
 */
export function combineNotes(levels: readonly string[], parts: { commit?: string; note: ProvenanceNote }[]): ProvenanceNote {
  const level =
    highestLevel(
      levels,
      parts.map((part) => part.note.level),
    ) ?? parts[parts.length - 1].note.level;
  const combinedFrom: CombinedPart[] = [];
  for (const { commit, note } of parts) {
    if (note.combinedFrom) combinedFrom.push(...note.combinedFrom);
    else combinedFrom.push({ commit: commit ?? '', level: note.level, ...(note.explanation ? { explanation: note.explanation } : {}) });
  }
  const explanations = [...new Set(combinedFrom.map((part) => part.explanation).filter((text): text is string => Boolean(text)))];
  const files = new Map<string, FileEntry>();
  // A sum with a part that was not counted would be a wrong count: none at all then.
  const counted = parts.every(({ note }) => linesCounted(note.files));
  for (const { note } of parts) {
    for (const file of counted ? note.files : withoutCounts(note.files)) {
      const seen = files.get(file.path);
      if (seen) {
        if (counted) {
          seen.added = (seen.added ?? 0) + (file.added ?? 0);
          seen.deleted = (seen.deleted ?? 0) + (file.deleted ?? 0);
        }
      } else {
        // The parts' line numbers are not the combined commit's: post-rewrite recomputes them.
        const { aiLines: _lines, agent: _agent, ...counts } = file;
        files.set(file.path, counts);
      }
    }
  }
  const withTool = [...parts].reverse().find((part) => part.note.level === level && part.note.tool) ?? [...parts].reverse().find((part) => part.note.tool);
  const last = parts[parts.length - 1].note;
  return createNote({
    level,
    explanation: explanations.join(' / '),
    tool: withTool?.note.tool,
    model: withTool?.note.model,
    recordedBy: last.recordedBy,
    recordedAt: last.recordedAt,
    files: [...files.values()],
    combinedFrom,
  });
}
