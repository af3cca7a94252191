// `blame`: git's own blame, line by line, with each line's provenance. A line's level is its own
// when the note of the commit that wrote it has line evidence for the file (`aiLines`: an
// agent's line is the last level, any other added line the first), else its commit's level.
// One `git blame --porcelain` and one `git log --no-walk` for all the commits it names.

import type { Config } from '../../model/config.ts';
import { BadRevisionError, UsageError } from '../../model/errors.ts';
import { configuredLevelFor } from '../../model/inference.ts';
import { UNKNOWN } from '../../model/levels.ts';
import { formatRanges, rangeAt, rangesOfLines, type AgentName } from '../../model/line-ranges.ts';
import { parseNote } from '../../model/note.ts';
import { resolveRecord, type ProvenanceRecord } from '../../model/record.ts';
import { blameLines, type BlameRequest } from '../../git/blame.ts';
import { streamCommits } from '../../git/commits.ts';
import type { Repo } from '../../git/repo.ts';
import { GitFailedError } from '../../model/errors.ts';

export type LevelSource = 'line' | 'commit' | 'uncommitted';

export interface LineProvenance {
  line: number;
  /** null for lines not committed yet. */
  commit: string | null;
  originalLine: number;
  originalPath: string;
  text: string;
  level: string;
  levelSource: LevelSource;
  tool?: string;
  model?: string;
  explanation?: string;
}

export interface BlameResult {
  lines: LineProvenance[];
  /** The record of each commit the lines name. */
  records: Map<string, ProvenanceRecord>;
}

const UNCOMMITTED = /^0+$/;

function lineAgent(record: ProvenanceRecord, path: string, originalLine: number): { evidence: boolean; agent?: AgentName } {
  const file = record.files.find((entry) => entry.path === path);
  if (!file?.aiLines) return { evidence: false };
  const range = rangeAt(file.aiLines, originalLine);
  if (!range) return { evidence: true };
  return { evidence: true, agent: range.agent ?? file.agent ?? (record.tool ? { tool: record.tool, model: record.model } : { tool: 'unknown' }) };
}

function withProvenance(config: Config, record: ProvenanceRecord | undefined, line: Omit<LineProvenance, 'level' | 'levelSource'>): LineProvenance {
  if (!record) return { ...line, commit: null, level: UNKNOWN, levelSource: 'uncommitted' };
  const explanation = record.explanation ? { explanation: record.explanation } : {};
  const own = lineAgent(record, line.originalPath, line.originalLine);
  if (own.evidence) {
    if (!own.agent) return { ...line, level: config.levels[0], levelSource: 'line', ...explanation };
    const agent = own.agent.model ? { tool: own.agent.tool, model: own.agent.model } : { tool: own.agent.tool };
    return { ...line, level: configuredLevelFor(config.levels, 'generated'), levelSource: 'line', ...agent, ...explanation };
  }
  return {
    ...line,
    level: record.level,
    levelSource: 'commit',
    ...(record.tool ? { tool: record.tool } : {}),
    ...(record.model ? { model: record.model } : {}),
    ...explanation,
  };
}

export async function blameFile(repo: Repo, config: Config, request: BlameRequest): Promise<BlameResult> {
  const blamed = [];
  try {
    for await (const line of blameLines(repo, request)) blamed.push(line);
  } catch (error) {
    if (error instanceof GitFailedError) {
      const reason =
        error.stderr
          .replace(/^fatal: /m, '')
          .trim()
          .split('\n')[0] ?? 'git blame failed';
      if (/bad revision|unknown revision|ambiguous argument/i.test(reason) && request.rev) throw new BadRevisionError(request.rev);
      throw new UsageError(`blame ${request.path}: ${reason}`, 'name a file tracked at that revision, and -L ranges inside it');
    }
    throw error;
  }
  const commits = [...new Set(blamed.map((line) => line.commit).filter((commit) => !UNCOMMITTED.test(commit)))];
  const records = new Map<string, ProvenanceRecord>();
  for await (const logged of streamCommits(repo, commits, { changes: false })) {
    const note = logged.noteText === undefined ? undefined : parseNote(logged.noteText, config.levels);
    records.set(logged.info.commit, resolveRecord(config.levels, { ...logged.info, note }));
  }
  const lines = blamed.map(({ commit, ...line }) => withProvenance(config, records.get(commit), { ...line, commit }));
  return { lines, records };
}

/** Line numbers as people read them: `3-7, 9`. */
export function describeLineNumbers(numbers: readonly number[]): string {
  return formatRanges(rangesOfLines(numbers));
}
