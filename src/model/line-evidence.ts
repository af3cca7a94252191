// Which lines an agent wrote, from hashes of line texts: at edit time (the file before and after
// the agent's tool call) and at commit (the lines the commit adds, matched against what agents
// wrote). Lines are compared by a hash of their text without trailing whitespace, so a
// formatter trimming line ends does not turn an agent's line into a person's.

import { nodeCrypto } from './lazy-builtins.ts';
import type { AgentName } from './line-ranges.ts';

/** A line of a file and the hash of its text. */
export interface HashedLine {
  /** 1-based line number. */
  line: number;
  hash: string;
}

/** A line an agent wrote, as a checkpoint remembers it. */
export interface AgentMark extends HashedLine {
  agent: AgentName;
  /** When the agent wrote it (ms since the epoch). */
  at: number;
}

export function lineHash(text: string): string {
  return nodeCrypto().hash('sha1', text.trimEnd(), 'hex').slice(0, 16);
}

/** A file's lines (split on "\n" only; a final newline ends the last line, it does not start one). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function hashLines(text: string): string[] {
  return splitLines(text).map(lineHash);
}

/**
 * Lines (1-based, in `after`) that a change from `before` to `after` added: the common head and
 * tail are kept, and in between a line is new unless an equal line was there before (each
 * earlier line accounts for one later line).
 */
export function addedByChange(before: readonly string[], after: readonly string[]): number[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const available = new Map<string, number>();
  for (let i = head; i < before.length - tail; i++) available.set(before[i], (available.get(before[i]) ?? 0) + 1);
  const added: number[] = [];
  for (let i = head; i < after.length - tail; i++) {
    const left = available.get(after[i]) ?? 0;
    if (left > 0) available.set(after[i], left - 1);
    else added.push(i + 1);
  }
  return added;
}

/**
 * Lines of `after` that hold the texts an agent wrote (its tool's new strings), for agents that
 * report no "before": each written block is found in the file and its lines are the agent's.
 */
export function linesOfWrittenTexts(afterText: string, written: readonly string[]): number[] {
  const lines = new Set<number>();
  for (const block of written) {
    if (!block.trim()) continue;
    const index = afterText.indexOf(block);
    if (index < 0) continue;
    const first = countNewlines(afterText, 0, index) + 1;
    const count = splitLines(block).length || 1;
    for (let line = first; line < first + count; line++) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

function countNewlines(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Matches the lines a commit adds against the lines agents wrote. Equal hashes match; when a hash
 * has more candidates on one side than the other, the nearest line numbers pair up. Returns the
 * agent of each matched added line, and the indexes of the marks used (consumed by the commit).
 */
export function matchAddedLines(added: readonly HashedLine[], marks: readonly AgentMark[]): { agents: Map<number, AgentName>; used: Set<number> } {
  const agents = new Map<number, AgentName>();
  const used = new Set<number>();
  const byHash = new Map<string, number[]>();
  marks.forEach((mark, index) => {
    const list = byHash.get(mark.hash);
    if (list) list.push(index);
    else byHash.set(mark.hash, [index]);
  });
  const addedByHash = new Map<string, HashedLine[]>();
  for (const line of added) {
    if (!byHash.has(line.hash)) continue;
    const list = addedByHash.get(line.hash);
    if (list) list.push(line);
    else addedByHash.set(line.hash, [line]);
  }
  for (const [hash, lines] of addedByHash) {
    // Newest marks first: the latest edit of the agent describes the file best.
    const candidates = (byHash.get(hash) ?? []).slice().sort((a, b) => marks[b].at - marks[a].at);
    const free = new Set(candidates);
    const pairs: [HashedLine, number][] = [];
    if (lines.length <= candidates.length) {
      for (const line of lines) {
        const mark = nearest(free, (index) => Math.abs(marks[index].line - line.line));
        if (mark === undefined) break;
        free.delete(mark);
        pairs.push([line, mark]);
      }
    } else {
      const open = new Set(lines.map((_, i) => i));
      for (const mark of candidates) {
        const pick = nearest(open, (i) => Math.abs(lines[i].line - marks[mark].line));
        if (pick === undefined) break;
        open.delete(pick);
        pairs.push([lines[pick], mark]);
      }
    }
    for (const [line, mark] of pairs) {
      agents.set(line.line, marks[mark].agent);
      used.add(mark);
    }
  }
  return { agents, used };
}

function nearest(options: Set<number>, distance: (option: number) => number): number | undefined {
  let best: number | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const option of options) {
    const d = distance(option);
    if (d < bestDistance) {
      best = option;
      bestDistance = d;
    }
  }
  return best;
}
