// Line ranges of a committed file that an agent wrote (`files[].aiLines` in the note,
// docs/FORMAT.md): 1-based, inclusive, sorted, not overlapping, adjacent ranges of one agent
// merged. Decoding never throws: a malformed value is no evidence, not an error.

import { toSafeLine } from './safe-text.ts';

export interface AgentName {
  tool: string;
  model?: string;
}

export interface LineRange {
  start: number;
  end: number;
  /** Set when this range's agent differs from the file's `agent`. */
  agent?: AgentName;
}

/** The largest line number a note may name; anything beyond is not a real file's line. */
export const MAX_LINE = 100_000_000;

export function sameAgent(a: AgentName | undefined, b: AgentName | undefined): boolean {
  return a?.tool === b?.tool && a?.model === b?.model;
}

/**
 * Sorted, non-overlapping ranges; adjacent or overlapping ranges of the same agent become one.
 * Where ranges of different agents overlap, the range that starts first keeps the shared lines.
 */
export function normalizeRanges(ranges: readonly LineRange[]): LineRange[] {
  const sorted = [...ranges].filter((range) => range.start >= 1 && range.end >= range.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: LineRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (!last || range.start > last.end + 1) {
      out.push({ ...range });
      continue;
    }
    if (sameAgent(last.agent, range.agent)) {
      last.end = Math.max(last.end, range.end);
    } else if (range.end > last.end) {
      out.push({ ...range, start: last.end + 1 });
    }
  }
  return out;
}

/** Ranges covering exactly the given line numbers (any order, duplicates allowed), one agent. */
export function rangesOfLines(lines: Iterable<number>, agent?: AgentName): LineRange[] {
  const sorted = [...new Set(lines)].filter((line) => Number.isInteger(line) && line >= 1).sort((a, b) => a - b);
  const out: LineRange[] = [];
  for (const line of sorted) {
    const last = out[out.length - 1];
    if (last && line === last.end + 1) last.end = line;
    else out.push(agent ? { start: line, end: line, agent } : { start: line, end: line });
  }
  return out;
}

/** How many lines the ranges cover. */
export function countLines(ranges: readonly LineRange[]): number {
  let total = 0;
  for (const range of normalizeRanges(ranges)) total += range.end - range.start + 1;
  return total;
}

/** The range holding `line`, by binary search over normalized ranges. */
export function rangeAt(ranges: readonly LineRange[], line: number): LineRange | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle];
    if (line < range.start) high = middle - 1;
    else if (line > range.end) low = middle + 1;
    else return range;
  }
  return undefined;
}

/** The note's JSON for a file's ranges: `[start, end]`, or `[start, end, {tool, model?}]` for another agent. */
export function encodeAiLines(ranges: readonly LineRange[], fileAgent?: AgentName): unknown[] {
  return normalizeRanges(ranges).map((range) =>
    range.agent && !sameAgent(range.agent, fileAgent) ? [range.start, range.end, encodeAgent(range.agent)] : [range.start, range.end],
  );
}

export function encodeAgent(agent: AgentName): AgentName {
  return agent.model ? { tool: agent.tool, model: agent.model } : { tool: agent.tool };
}

export function decodeAgent(value: unknown): AgentName | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const tool = typeof raw.tool === 'string' && raw.tool.trim() ? toSafeLine(raw.tool) : undefined;
  if (!tool) return undefined;
  const model = typeof raw.model === 'string' && raw.model.trim() ? toSafeLine(raw.model) : undefined;
  return model ? { tool, model } : { tool };
}

function isLine(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_LINE;
}

/**
 * A note's `aiLines`, normalized; undefined when the value is not a list of ranges (no
 * evidence). Ranges carrying the file's own agent are stored without one.
 */
export function decodeAiLines(value: unknown, fileAgent?: AgentName): LineRange[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const ranges: LineRange[] = [];
  for (const item of value) {
    if (!Array.isArray(item) || item.length < 2 || item.length > 3) return undefined;
    const [start, end, agentValue] = item;
    if (!isLine(start) || !isLine(end) || end < start) return undefined;
    const agent = item.length === 3 ? decodeAgent(agentValue) : undefined;
    ranges.push(agent && !sameAgent(agent, fileAgent) ? { start, end, agent } : { start, end });
  }
  return normalizeRanges(ranges);
}

/** Ranges as people read them: `2-7, 9`. */
export function formatRanges(ranges: readonly LineRange[]): string {
  return normalizeRanges(ranges)
    .map((range) => (range.start === range.end ? `${range.start}` : `${range.start}-${range.end}`))
    .join(', ');
}
