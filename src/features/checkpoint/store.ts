// Checkpoints: what agents wrote, kept in the git directory until a commit uses it
// (`<common git dir>/provenance/checkpoints/`, docs/CAPTURE.md "Agents' edits"). Per file path:
// `<key>.jsonl`, one line per agent edit with the hashes of the lines it wrote, and
// `<key>.pre`, the hashes of the file just before an agent's tool ran. Hashes only: no code is
// copied. Sizes are bounded; a damaged line is skipped, never an error.

import { appendFileSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAgent, encodeAgent, type AgentName } from '../../model/line-ranges.ts';
import type { AgentMark } from '../../model/line-evidence.ts';
import { nodeCrypto } from '../../model/lazy-builtins.ts';

export const CHECKPOINTS_DIR = 'checkpoints';
/** Marks older than this are dropped: an agent's line not committed within it is not evidence. */
export const CHECKPOINT_MAX_AGE_MS = 14 * 24 * 3600 * 1000;
/** A file's checkpoint log beyond this is compacted to its newest half. */
const MAX_LOG_BYTES = 4 * 1024 * 1024;
/** Files larger than this are not hashed (generated or data files; the agent's cost matters more). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function checkpointsDir(commonDir: string): string {
  return join(commonDir, 'provenance', CHECKPOINTS_DIR);
}

/** Whether agents' hooks have recorded anything here (or `install --agents` prepared the folder). */
export function hasCheckpoints(commonDir: string): boolean {
  return existsSync(checkpointsDir(commonDir));
}

function keyOf(path: string): string {
  return nodeCrypto().createHash('sha1').update(path).digest('hex').slice(0, 20);
}

/** The folder, created when missing; undefined when a symlink would lead writes elsewhere. */
export function openCheckpoints(commonDir: string): string | undefined {
  const parent = join(commonDir, 'provenance');
  const dir = checkpointsDir(commonDir);
  for (const path of [parent, dir]) {
    try {
      if (lstatSync(path).isSymbolicLink()) return undefined;
    } catch {
      mkdirSync(path, { recursive: true });
    }
  }
  return dir;
}

export function writePreSnapshot(dir: string, path: string, hashes: readonly string[]): void {
  writeFileSync(join(dir, `${keyOf(path)}.pre`), JSON.stringify({ path, at: Date.now(), hashes }));
}

/** The snapshot taken before the agent's tool ran, removed as it is read (it serves one edit). */
export function takePreSnapshot(dir: string, path: string): string[] | undefined {
  const file = join(dir, `${keyOf(path)}.pre`);
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as { path?: unknown; hashes?: unknown };
    rmSync(file, { force: true });
    if (value.path !== path || !Array.isArray(value.hashes)) return undefined;
    return value.hashes.filter((hash): hash is string => typeof hash === 'string');
  } catch {
    return undefined;
  }
}

interface LogEntry {
  path: string;
  at: number;
  agent: AgentName;
  lines: [number, string][];
}

export function appendEdit(dir: string, entry: LogEntry): void {
  if (!entry.lines.length) return;
  const file = join(dir, `${keyOf(entry.path)}.jsonl`);
  appendFileSync(file, `${JSON.stringify({ path: entry.path, at: entry.at, agent: encodeAgent(entry.agent), lines: entry.lines })}\n`);
  try {
    if (statSync(file).size > MAX_LOG_BYTES) {
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      writeFileSync(file, `${lines.slice(Math.floor(lines.length / 2)).join('\n')}\n`);
    }
  } catch {
    // Compaction is best effort; the next edit tries again.
  }
}

function readLog(dir: string, path: string): LogEntry[] {
  let text: string;
  try {
    text = readFileSync(join(dir, `${keyOf(path)}.jsonl`), 'utf8');
  } catch {
    return [];
  }
  const entries: LogEntry[] = [];
  const oldest = Date.now() - CHECKPOINT_MAX_AGE_MS;
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const raw = JSON.parse(line) as Record<string, unknown>;
      const agent = decodeAgent(raw.agent);
      if (raw.path !== path || typeof raw.at !== 'number' || raw.at < oldest || !agent || !Array.isArray(raw.lines)) continue;
      const lines = raw.lines.filter((pair): pair is [number, string] => Array.isArray(pair) && typeof pair[0] === 'number' && typeof pair[1] === 'string');
      entries.push({ path, at: raw.at, agent, lines });
    } catch {
      // A line cut short by a crash: skipped.
    }
  }
  return entries;
}

/** What agents wrote to the file at `path` and is not yet used by a commit. */
export function readMarks(commonDir: string, path: string): AgentMark[] {
  const marks: AgentMark[] = [];
  for (const entry of readLog(checkpointsDir(commonDir), path)) {
    for (const [line, hash] of entry.lines) marks.push({ line, hash, agent: entry.agent, at: entry.at });
  }
  return marks;
}

/** Removes the marks a commit used (indexes into `readMarks(path)`), and marks past their age. */
export function consumeMarks(commonDir: string, path: string, used: ReadonlySet<number>): void {
  const dir = checkpointsDir(commonDir);
  const file = join(dir, `${keyOf(path)}.jsonl`);
  if (!existsSync(file)) return;
  let index = 0;
  const kept: string[] = [];
  for (const entry of readLog(dir, path)) {
    const lines = entry.lines.filter(() => !used.has(index++));
    if (lines.length) kept.push(JSON.stringify({ path, at: entry.at, agent: encodeAgent(entry.agent), lines }));
  }
  if (kept.length) writeFileSync(file, `${kept.join('\n')}\n`);
  else rmSync(file, { force: true });
}
