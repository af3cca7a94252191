// Line-level evidence: which of the lines a commit added were written by an AI, by a person, or
// are unknown. Two sources: our note's per-file line ranges (docs/FORMAT.md §3) and git-ai's
// authorship notes (refs/notes/ai, "Git AI Standard", authorship/3.x). Both name line numbers in
// the committed files; only the lines the commit itself added count (docs/FORMAT.md §6).

import type { LineRange } from './line-ranges.ts';
import type { ProvenanceNote } from './note.ts';
import { MODEL_NAME, TOOL_NAME } from './trailers.ts';

/** 1-based, inclusive. */
export type LineSpan = [number, number];
/** Sorted, disjoint, non-adjacent ranges: each line at most once. */
export type LineSet = LineSpan[];

/** The spans of a note's `aiLines` ranges (their agents left out). */
export function spansOf(ranges: readonly LineRange[]): LineSpan[] {
  return ranges.map((range) => [range.start, range.end]);
}

/** A LineSet as a note's `aiLines` ranges (one agent: the file's). */
export function rangesOf(lines: LineSet): LineRange[] {
  return lines.map(([start, end]) => ({ start, end }));
}

/** Merges ranges into a LineSet: overlapping, unsorted or repeated ranges count each line once. */
export function toLineSet(ranges: Iterable<readonly [number, number]>): LineSet {
  const sorted = [...ranges]
    .filter(([start, end]) => Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 1 && end >= start)
    .map(([start, end]) => [start, end] as LineSpan)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: LineSet = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

export function lineCount(set: LineSet): number {
  let total = 0;
  for (const [start, end] of set) total += end - start + 1;
  return total;
}

export function intersectLines(a: LineSet, b: LineSet): LineSet {
  const out: LineSet = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i][0], b[j][0]);
    const end = Math.min(a[i][1], b[j][1]);
    if (start <= end) out.push([start, end]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

export function subtractLines(a: LineSet, b: LineSet): LineSet {
  const out: LineSet = [];
  let j = 0;
  for (const [from, to] of a) {
    let start = from;
    while (j < b.length && b[j][1] < start) j++;
    let k = j;
    while (start <= to && k < b.length && b[k][0] <= to) {
      if (b[k][0] > start) out.push([start, b[k][0] - 1]);
      start = Math.max(start, b[k][1] + 1);
      k++;
    }
    if (start <= to) out.push([start, to]);
  }
  return out;
}

/** "1-2,8,37-59" → ranges; undefined when the text is not a range list. */
export function parseRangeList(text: string): LineSpan[] | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$/.test(compact)) return undefined;
  const out: LineSpan[] = [];
  for (const part of compact.split(',')) {
    const [from, to] = part.split('-').map(Number);
    out.push([from, to ?? from]);
  }
  return out;
}

// --- git-ai notes -------------------------------------------------------------------------------

export type KeyKind = 'ai' | 'human' | 'unknown';

const AI_KEY_FORMS = [
  /^s_[0-9a-z_:]+$/i, // sessions, s_<14 hex>::t_<14 hex>
  /^[0-9a-f]{16}$/i, // prompts (1.x and later)
  /^[0-9a-f]{7}$/i, // prompts (older short hashes)
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // before 1.0
];
/** Keys development builds wrote instead of a real one: they say nothing reliable. */
const PLACEHOLDER_KEYS = new Set(['human', 'ai_agent']);

/** What an attestation key says about its lines. `recorded`: keys the note's metadata describes. */
export function gitAiKeyKind(key: string, recorded: ReadonlySet<string> = new Set()): KeyKind {
  if (PLACEHOLDER_KEYS.has(key)) return 'unknown';
  if (key.startsWith('h_')) return 'human';
  if (AI_KEY_FORMS.some((form) => form.test(key)) || recorded.has(key)) return 'ai';
  return 'unknown';
}

export interface Agent {
  tool: string;
  model?: string;
}

export interface GitAiNote {
  /** path → lines per kind, as listed (not yet intersected with what the commit added). */
  files: Map<string, { ai: LineSet; human: LineSet }>;
  /** The agent of the first AI key the metadata describes. Prompt texts are never read out. */
  agent?: Agent;
  warnings: string[];
}

/** Undoes the double quotes git-ai puts around paths with spaces or special characters. */
function unquotePath(text: string): string {
  if (!(text.length >= 2 && text.startsWith('"') && text.endsWith('"'))) return text;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'string') return value;
  } catch {
    // not JSON-quoted: strip the quotes and the backslashes git-style quoting uses
  }
  return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

function agentOf(entry: unknown): Agent | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const agent = (entry as { agent_id?: unknown }).agent_id;
  if (!agent || typeof agent !== 'object') return undefined;
  const { tool, model } = agent as { tool?: unknown; model?: unknown };
  if (typeof tool !== 'string' || !TOOL_NAME.test(tool)) return undefined;
  const safeModel = typeof model === 'string' && MODEL_NAME.test(model) ? model : undefined;
  return { tool: tool.toLowerCase(), ...(safeModel ? { model: safeModel } : {}) };
}

/**
 * Parses a git-ai note: attestation lines (a path at column 0, then indented `<key> <ranges>`),
 * a line that is exactly `---`, then JSON metadata. Only key → agent {tool, model} is read from
 * the metadata. Returns undefined for text with no attestation at all.
 */
export function parseGitAiNote(text: string): GitAiNote | undefined {
  const lines = text.split('\n');
  const separator = lines.findIndex((line) => line.replace(/\r$/, '') === '---');
  const attestation = separator < 0 ? lines : lines.slice(0, separator);
  const warnings: string[] = [];
  const agents = new Map<string, Agent>();
  if (separator >= 0) {
    try {
      const metadata = JSON.parse(lines.slice(separator + 1).join('\n')) as Record<string, unknown>;
      for (const group of [metadata.sessions, metadata.prompts]) {
        if (!group || typeof group !== 'object' || Array.isArray(group)) continue;
        for (const [key, entry] of Object.entries(group as Record<string, unknown>)) {
          const agent = agentOf(entry);
          if (agent && !agents.has(key)) agents.set(key, agent);
        }
      }
    } catch {
      warnings.push('git-ai note metadata is not JSON; tool and model are unknown');
    }
  }
  const recorded = new Set(agents.keys());
  const listed = new Map<string, { ai: LineSpan[]; human: LineSpan[] }>();
  let path: string | undefined;
  let agent: Agent | undefined;
  let entries = 0;
  for (const raw of attestation) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      path = unquotePath(line.trim());
      continue;
    }
    const match = /^\s+(\S+)\s+(\S.*)$/.exec(line);
    const ranges = match ? parseRangeList(match[2]) : undefined;
    if (!match || !ranges || path === undefined) {
      if (warnings.length < 5) warnings.push(`git-ai note line not understood: ${JSON.stringify(line.slice(0, 80))}`);
      continue;
    }
    entries++;
    const kind = gitAiKeyKind(match[1], recorded);
    if (kind === 'unknown') continue;
    let file = listed.get(path);
    if (!file) {
      file = { ai: [], human: [] };
      listed.set(path, file);
    }
    file[kind].push(...ranges);
    // A session's attestation key adds `::t_…` (the turn) to the key its metadata is filed under.
    if (kind === 'ai' && !agent) agent = agents.get(match[1]) ?? agents.get(match[1].split('::')[0]);
  }
  if (!entries) return undefined;
  const files = new Map<string, { ai: LineSet; human: LineSet }>();
  for (const [file, kinds] of listed) files.set(file, { ai: toLineSet(kinds.ai), human: toLineSet(kinds.human) });
  return { files, ...(agent ? { agent } : {}), warnings };
}

// --- attribution of a commit's added lines ------------------------------------------------------

export type LineSource = 'note' | 'git-ai';

/** What one source claims about a commit's lines, before intersecting with the lines it added. */
export interface LineClaims {
  source: LineSource;
  files: Map<string, { ai: LineSet; human: LineSet }>;
  /** What the lines a commit added but no range lists are: human for our hooks' notes, else unknown. */
  unlisted: 'human' | 'unknown';
  /**
   * Whether files the claims do not name are covered too (git-ai lists every AI line of the
   * commit) or have no line evidence at all (our note: a file without ranges keeps the commit's level).
   */
  coversAllFiles: boolean;
  agent?: Agent;
}

export function claimsFromGitAi(note: GitAiNote): LineClaims {
  return { source: 'git-ai', files: note.files, unlisted: 'unknown', coversAllFiles: true, ...(note.agent ? { agent: note.agent } : {}) };
}

/**
 * Our note's line ranges, or undefined when no file carries any (`aiLines: []` is evidence: none
 * of the file's added lines is an agent's). The commit hooks saw every line staged, so the lines
 * they did not list are a person's; an imported or hand-written note only knows what it lists.
 */
export function claimsFromNote(note: ProvenanceNote): LineClaims | undefined {
  const hasRanges = (file: ProvenanceNote['files'][number]) => file.aiLines !== undefined || file.humanLines !== undefined;
  if (!note.files.some(hasRanges)) return undefined;
  const files = new Map<string, { ai: LineSet; human: LineSet }>();
  for (const file of note.files) {
    if (hasRanges(file)) files.set(file.path, { ai: toLineSet(spansOf(file.aiLines ?? [])), human: toLineSet(file.humanLines ?? []) });
  }
  return {
    source: 'note',
    files,
    unlisted: note.recordedBy === 'hook' ? 'human' : 'unknown',
    coversAllFiles: false,
    ...(note.tool ? { agent: { tool: note.tool, ...(note.model ? { model: note.model } : {}) } } : {}),
  };
}

export interface FileLines {
  path: string;
  added: number;
  ai: LineSet;
  human: LineSet;
  unknown: LineSet;
}

export interface LineAttribution {
  source: LineSource;
  added: number;
  ai: number;
  human: number;
  unknown: number;
  files: FileLines[];
  agent?: Agent;
}

/**
 * Splits the lines a commit added (path → new-side line numbers) into AI, human and unknown.
 * A line claimed both ways counts as AI (the sources record the agent's writing; a person's
 * later edit of the same line would be a later commit). Lines not claimed take `unlisted`; files
 * outside claims that do not cover every file are left out (their lines keep the commit's level).
 */
export function attributeLines(added: ReadonlyMap<string, LineSet>, claims: LineClaims): LineAttribution {
  const out: LineAttribution = { source: claims.source, added: 0, ai: 0, human: 0, unknown: 0, files: [], ...(claims.agent ? { agent: claims.agent } : {}) };
  for (const [path, lines] of added) {
    const claimed = claims.files.get(path);
    if (!claimed && !claims.coversAllFiles) continue;
    const ai = claimed ? intersectLines(lines, claimed.ai) : [];
    const listedHuman = claimed ? subtractLines(intersectLines(lines, claimed.human), ai) : [];
    const rest = subtractLines(subtractLines(lines, ai), listedHuman);
    const human = claims.unlisted === 'human' ? toLineSet([...listedHuman, ...rest]) : listedHuman;
    const unknown = claims.unlisted === 'human' ? [] : rest;
    const file: FileLines = { path, added: lineCount(lines), ai, human, unknown };
    out.files.push(file);
    out.added += file.added;
    out.ai += lineCount(ai);
    out.human += lineCount(human);
    out.unknown += lineCount(unknown);
  }
  out.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

/** What a line is: `ai`, `human` or `unknown`, per added line of a file, as runs. */
export function lineKindRuns(file: FileLines | undefined, start: number, count: number): { lens: number[]; kinds: KeyKind[] } {
  const lens: number[] = [];
  const kinds: KeyKind[] = [];
  if (count <= 0) return { lens, kinds };
  const end = start + count - 1;
  const marks: { from: number; to: number; kind: KeyKind }[] = [];
  if (file) {
    for (const kind of ['ai', 'human', 'unknown'] as const) {
      for (const [from, to] of intersectLines(file[kind], [[start, end]])) marks.push({ from, to, kind });
    }
  }
  marks.sort((a, b) => a.from - b.from);
  let position = start;
  const push = (len: number, kind: KeyKind) => {
    if (len <= 0) return;
    if (kinds.length && kinds[kinds.length - 1] === kind) lens[lens.length - 1] += len;
    else {
      lens.push(len);
      kinds.push(kind);
    }
  };
  for (const mark of marks) {
    push(mark.from - position, 'unknown');
    push(mark.to - mark.from + 1, mark.kind);
    position = mark.to + 1;
  }
  push(end - position + 1, 'unknown');
  return { lens, kinds };
}

/**
 * The line claims for one commit: our note's ranges when it has any (our record wins, as its
 * level does), else the git-ai note's. Warnings name what could not be read.
 */
export function commitClaims(note: ProvenanceNote | undefined, gitAiText: string | undefined): { claims?: LineClaims; warnings: string[] } {
  const ours = note ? claimsFromNote(note) : undefined;
  if (ours) return { claims: ours, warnings: [] };
  if (gitAiText === undefined) return { warnings: [] };
  const parsed = parseGitAiNote(gitAiText);
  if (!parsed) return { warnings: ['git-ai note has no attestation lines; it is ignored'] };
  return { claims: claimsFromGitAi(parsed), warnings: parsed.warnings };
}
