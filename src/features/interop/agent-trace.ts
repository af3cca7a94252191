// `export --format agent-trace` and `import`: Agent Trace records out of and into provenance
// (docs/FORMAT.md §7). Export writes one record per non-merge commit, anchored at that commit;
// import re-anchors each record's ranges to the commits that added those lines and writes them
// as notes marked `recordedBy: "import"`.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from '../../model/config.ts';
import { readCommits, commitChanges } from '../../git/commits.ts';
import { readAddedLines } from '../../git/history.ts';
import { readNote, writeNote, NOTES_REF } from '../../git/notes.ts';
import type { Repo } from '../../git/repo.ts';
import { parseRange, peelToCommits, rangeCommits, resolveRange } from '../../git/revisions.ts';
import { modelFromTraceId, parseTraceRecord, traceRecordFor, type ParsedTrace, type TraceRecord } from '../../model/agent-trace.ts';
import { UsageError } from '../../model/errors.ts';
import { configuredLevelFor } from '../../model/inference.ts';
import {
  attributeLines,
  claimsFromNote,
  lineCount,
  intersectLines,
  rangesOf,
  spansOf,
  toLineSet,
  subtractLines,
  type LineSet,
  type LineSpan,
} from '../../model/line-attribution.ts';
import { createNote, formatNote, parseNote, type FileEntry } from '../../model/note.ts';
import { createPlacer } from '../../model/placement.ts';
import { resolveRecord } from '../../model/record.ts';
import { MODEL_NAME, TOOL_NAME } from '../../model/trailers.ts';
import { shortId } from '../../model/display.ts';
import { fileEntries, readLinesOf } from '../records/index.ts';

/** A UUID (version 8, RFC 9562) derived from the commit id, so exporting twice gives the same ids. */
function recordId(commit: string): string {
  const hex = createHash('sha256').update(`git-provenance agent-trace ${commit}`).digest('hex');
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function utc(isoDate: string): string {
  return new Date(isoDate).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface ExportRequest {
  range?: string[];
  toolVersion: string;
}

/** Records of the non-merge commits of a range (a revision alone: its whole history), oldest first. */
export async function* exportAgentTrace(repo: Repo, config: Config, request: ExportRequest): AsyncGenerator<TraceRecord> {
  const range = resolveRange(repo, parseRange(request.range?.length ? request.range : ['HEAD']));
  const ids = rangeCommits(repo, range);
  const BATCH = 500;
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    const logged = (await readCommits(repo, batch)).filter((commit) => commit.info.parents.length <= 1);
    const notes = new Map(logged.map((commit) => [commit.info.commit, commit.noteText === undefined ? undefined : parseNote(commit.noteText, config.levels)]));
    const lines = await readLinesOf(
      repo,
      logged.map((commit) => ({ commit: commit.info.commit, note: notes.get(commit.info.commit)?.note })),
    );
    const added = await readAddedLines(
      repo,
      logged.map((commit) => commit.info.commit),
    );
    for (const { info } of logged) {
      const found = lines.get(info.commit);
      const record = resolveRecord(config.levels, { ...info, note: notes.get(info.commit), ...(found?.lines ? { lines: found.lines } : {}) });
      const trace = traceRecordFor({
        commit: info.commit,
        id: recordId(info.commit),
        timestamp: utc(info.committerDate),
        toolVersion: request.toolVersion,
        levels: config.levels,
        level: record.level,
        source: record.source,
        explanation: record.explanation,
        tool: record.tool,
        model: record.model,
        reviews: record.reviews,
        added: added.get(info.commit) ?? new Map(),
        lines: record.lines,
      });
      if (trace) yield trace;
    }
  }
}

// --- import -------------------------------------------------------------------------------------

export interface ImportOutcome {
  records: number;
  /** Commits that got a note (new or updated). */
  commits: string[];
  aiLines: number;
  humanLines: number;
  /** Lines no commit from the record's revision on added (edited again before committing?). */
  unplaced: number;
  warnings: string[];
}

interface Pending {
  files: Map<string, { ai: LineSpan[]; human: LineSpan[] }>;
  trace: ParsedTrace;
}

/**
 * The commits a record's lines may belong to, in the order to try them. Our own records name the
 * commit that added the lines; others (an agent's hook) name HEAD at edit time, so the lines were
 * added by a later commit on the current branch: those come first, oldest first, then the
 * revision itself.
 */
function candidatesFor(repo: Repo, revision: string, ours: boolean, head: string | undefined, known: Map<string, string[]>): string[] {
  if (ours || !head) return [revision];
  let later = known.get(revision);
  if (!later) {
    later = rangeCommits(repo, { end: head, exclude: [revision] });
    known.set(revision, later);
  }
  return [...later, revision];
}

/** Reads `.agent-trace/traces.jsonl`-style files (one record a line, or one JSON array) and writes notes. */
export async function importAgentTrace(repo: Repo, config: Config, file: string, now: Date = new Date()): Promise<ImportOutcome> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'give the path of an Agent Trace JSONL file',
    );
  }
  const outcome: ImportOutcome = { records: 0, commits: [], aiLines: 0, humanLines: 0, unplaced: 0, warnings: [] };
  const values: { value: unknown; where: string }[] = [];
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      for (const [i, value] of (JSON.parse(trimmed) as unknown[]).entries()) values.push({ value, where: `${file}[${i}]` });
    } catch {
      throw new UsageError(`${file} is not valid JSON`, 'give one Agent Trace record per line (JSONL) or a JSON array of records');
    }
  } else {
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        values.push({ value: JSON.parse(line), where: `${file}:${i + 1}` });
      } catch {
        outcome.warnings.push(`${file}:${i + 1}: not JSON; skipped`);
      }
    });
  }
  const head = peelToCommits(repo, ['HEAD'])[0];
  const addedCache = new Map<string, Map<string, LineSet>>();
  const addedOf = async (commits: string[]) => {
    const missing = commits.filter((commit) => !addedCache.has(commit));
    for (const [commit, lines] of await readAddedLines(repo, missing)) addedCache.set(commit, lines);
  };
  const pending = new Map<string, Pending>();
  const laterCommits = new Map<string, string[]>();
  for (const { value, where } of values) {
    const { trace, problem } = parseTraceRecord(value);
    if (!trace) {
      outcome.warnings.push(`${where}: ${problem}; skipped`);
      continue;
    }
    outcome.records++;
    const revision = trace.revision ? peelToCommits(repo, [trace.revision])[0] : undefined;
    if (!revision) {
      outcome.warnings.push(`${where}: revision ${trace.revision ?? '(none)'} is not a commit of this repository; skipped`);
      continue;
    }
    // Our own records of commits without line evidence carry only the commit's level.
    if (trace.ours?.basis === 'commit') {
      if (config.levels.includes(trace.ours.level)) pending.set(revision, { files: new Map(), trace });
      continue;
    }
    const candidates = candidatesFor(repo, revision, trace.ours !== undefined, head, laterCommits);
    await addedOf(candidates);
    for (const [path, kinds] of trace.files) {
      for (const kind of ['ai', 'human'] as const) {
        let left = kinds[kind];
        for (const commit of candidates) {
          if (!left.length) break;
          const hit = intersectLines(left, addedCache.get(commit)?.get(path) ?? []);
          if (!hit.length) continue;
          let entry = pending.get(commit);
          if (!entry) {
            entry = { files: new Map(), trace };
            pending.set(commit, entry);
          }
          let lines = entry.files.get(path);
          if (!lines) {
            lines = { ai: [], human: [] };
            entry.files.set(path, lines);
          }
          lines[kind].push(...hit);
          left = subtractLines(left, hit);
        }
        outcome.unplaced += lineCount(left);
      }
    }
  }
  for (const [commit, entry] of pending) {
    await addedOf([commit]);
    const written = attach(repo, config, commit, entry, addedCache.get(commit) ?? new Map(), now);
    if (!written) {
      outcome.warnings.push(`${shortId(commit)}: the records say nothing known about its lines; no note written`);
      continue;
    }
    outcome.commits.push(commit);
    outcome.aiLines += written.ai;
    outcome.humanLines += written.human;
  }
  return outcome;
}

/** Writes (or extends) a commit's note with imported ranges; undefined when there is nothing to say. */
function attach(
  repo: Repo,
  config: Config,
  commit: string,
  entry: Pending,
  added: ReadonlyMap<string, LineSet>,
  now: Date,
): { ai: number; human: number } | undefined {
  const existingText = readNote(repo, commit, NOTES_REF);
  const existing = existingText === undefined ? undefined : parseNote(existingText, config.levels).note;
  const ours = entry.trace.ours;
  const files: FileEntry[] = existing?.files.map((file) => ({ ...file })) ?? fileEntries(commitChanges(repo, commit), createPlacer(config));
  let ai = 0;
  let human = 0;
  for (const [path, lines] of entry.files) {
    const file = files.find((candidate) => candidate.path === path);
    if (!file) continue;
    const aiLines = toLineSet([...spansOf(file.aiLines ?? []), ...lines.ai]);
    const humanLines = subtractLines(toLineSet([...(file.humanLines ?? []), ...lines.human]), aiLines);
    if (aiLines.length) file.aiLines = rangesOf(aiLines);
    if (humanLines.length) file.humanLines = humanLines;
    ai += lineCount(toLineSet(lines.ai));
    human += lineCount(toLineSet(lines.human));
  }
  let level = existing?.level;
  if (!level && ours && config.levels.includes(ours.level)) level = ours.level;
  if (!level) {
    const claims = claimsFromNote(createNote({ level: config.levels[0], recordedBy: 'import', recordedAt: '', files }));
    const split = claims ? attributeLines(added, claims) : undefined;
    if (!split || split.ai + split.human === 0) return undefined;
    level =
      split.ai === 0
        ? config.levels[0]
        : split.ai === split.added
          ? configuredLevelFor(config.levels, 'generated')
          : configuredLevelFor(config.levels, 'assisted');
  }
  const tool = existing?.tool ?? ours?.tool ?? entry.trace.tool;
  const model = existing?.model ?? ours?.model ?? modelFromTraceId(entry.trace.modelId);
  const note = createNote({
    level,
    explanation: existing?.explanation ?? ours?.explanation,
    tool: tool && TOOL_NAME.test(tool) ? tool : undefined,
    model: model && MODEL_NAME.test(model) ? model : undefined,
    recordedBy: existing?.recordedBy ?? 'import',
    recordedAt: existing?.recordedAt || now.toISOString(),
    files,
    reviews: existing?.reviews ?? ours?.reviews,
    combinedFrom: existing?.combinedFrom,
  });
  writeNote(repo, commit, formatNote(note), NOTES_REF);
  return { ai, human };
}
