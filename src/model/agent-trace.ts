// Agent Trace records (the open specification, v0.1: https://agent-trace.dev): built from a
// commit's provenance for `export`, read tolerantly for `import` (docs/FORMAT.md §7).

import { lineCount, toLineSet, type LineAttribution, type LineSpan, type LineSet } from './line-attribution.ts';
import type { Review } from './note.ts';

/** The version string the specification's JSON schema accepts (`^[0-9]+\.[0-9]+$`). */
export const AGENT_TRACE_VERSION = '0.1';
/** Our vendor key under `metadata` (reverse-domain, as the specification asks). */
export const TRACE_METADATA_KEY = 'dev.git-provenance';

export type ContributorType = 'human' | 'ai' | 'mixed' | 'unknown';

export interface TraceContributor {
  type: ContributorType;
  model_id?: string;
}

export interface TraceRange {
  start_line: number;
  end_line: number;
  contributor?: TraceContributor;
}

export interface TraceConversation {
  contributor?: TraceContributor;
  ranges: TraceRange[];
}

export interface TraceRecord {
  version: string;
  id: string;
  timestamp: string;
  vcs?: { type: 'git'; revision: string };
  tool?: { name: string; version: string };
  files: { path: string; conversations: TraceConversation[] }[];
  metadata?: Record<string, unknown>;
}

/** What we put under `metadata["dev.git-provenance"]`, and read back on import. */
export interface OurTraceMetadata {
  /** The commit's level ("unknown" when it has none). */
  level: string;
  source: string;
  /** `lines`: the ranges carry line evidence; `commit`: every added line takes the commit's level. */
  basis: 'lines' | 'commit';
  explanation?: string;
  tool?: string;
  model?: string;
  reviews: Review[];
}

const PROVIDERS: [RegExp, string][] = [
  [/^claude/i, 'anthropic'],
  [/^(gpt|o[1-9]|codex|chatgpt)/i, 'openai'],
  [/^gemini/i, 'google'],
  [/^grok/i, 'xai'],
  [/^(mistral|codestral|devstral)/i, 'mistral'],
  [/^deepseek/i, 'deepseek'],
  [/^qwen/i, 'alibaba'],
  [/^llama/i, 'meta'],
];
const TOOL_PROVIDERS: Record<string, string> = { 'claude-code': 'anthropic', codex: 'openai', gemini: 'google', copilot: 'github', 'copilot-agent': 'github' };

/** A model id in the `provider/model` form (models.dev): the provider from the model's name, else from the tool. */
export function traceModelId(tool: string | undefined, model: string | undefined): string | undefined {
  if (!model) return undefined;
  if (model.includes('/')) return model.slice(0, 250);
  const provider = PROVIDERS.find(([pattern]) => pattern.test(model))?.[1] ?? (tool ? (TOOL_PROVIDERS[tool] ?? tool) : 'unknown');
  return `${provider}/${model}`.slice(0, 250);
}

/** `provider/model` → `model`. */
export function modelFromTraceId(modelId: string | undefined): string | undefined {
  if (!modelId) return undefined;
  const slash = modelId.indexOf('/');
  return slash >= 0 ? modelId.slice(slash + 1) : modelId;
}

/** The contributor type for lines that take a commit's level: first level human, last AI, between mixed. */
export function contributorForLevel(levels: readonly string[], level: string): ContributorType {
  const index = levels.indexOf(level);
  if (index < 0) return 'unknown';
  if (index === 0) return 'human';
  return index === levels.length - 1 ? 'ai' : 'mixed';
}

export interface CommitTraceInput {
  commit: string;
  /** Deterministic UUID of the record (callers derive it from the commit id). */
  id: string;
  /** ISO 8601 (UTC) committer date. */
  timestamp: string;
  toolVersion: string;
  levels: readonly string[];
  level: string;
  source: string;
  explanation?: string;
  tool?: string;
  model?: string;
  reviews: Review[];
  /** path → the lines the commit added. */
  added: ReadonlyMap<string, LineSet>;
  lines?: LineAttribution;
}

function toRanges(set: LineSet): TraceRange[] {
  return set.map(([start, end]) => ({ start_line: start, end_line: end }));
}

/** One record per commit, anchored at the commit itself (`vcs.revision` = the commit that added the lines). */
export function traceRecordFor(input: CommitTraceInput): TraceRecord | undefined {
  const files: TraceRecord['files'] = [];
  const modelId = traceModelId(input.lines?.agent?.tool ?? input.tool, input.lines?.agent?.model ?? input.model);
  const withModel = (type: ContributorType): TraceContributor => (modelId && (type === 'ai' || type === 'mixed') ? { type, model_id: modelId } : { type });
  if (input.lines) {
    for (const file of input.lines.files) {
      const conversations: TraceConversation[] = [];
      if (file.ai.length) conversations.push({ contributor: withModel('ai'), ranges: toRanges(file.ai) });
      if (file.human.length) conversations.push({ contributor: { type: 'human' }, ranges: toRanges(file.human) });
      if (file.unknown.length) conversations.push({ contributor: { type: 'unknown' }, ranges: toRanges(file.unknown) });
      if (conversations.length) files.push({ path: file.path, conversations });
    }
  } else {
    const contributor = withModel(contributorForLevel(input.levels, input.level));
    for (const [path, lines] of [...input.added].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (lines.length) files.push({ path, conversations: [{ contributor, ranges: toRanges(lines) }] });
    }
  }
  if (!files.length) return undefined;
  const ours: OurTraceMetadata = {
    level: input.level,
    source: input.source,
    basis: input.lines ? 'lines' : 'commit',
    ...(input.explanation ? { explanation: input.explanation } : {}),
    ...(input.tool ? { tool: input.tool } : {}),
    ...(input.model ? { model: input.model } : {}),
    reviews: input.reviews,
  };
  return {
    version: AGENT_TRACE_VERSION,
    id: input.id,
    timestamp: input.timestamp,
    vcs: { type: 'git', revision: input.commit },
    tool: { name: 'git-provenance', version: input.toolVersion },
    files,
    metadata: { [TRACE_METADATA_KEY]: ours },
  };
}

// --- reading ------------------------------------------------------------------------------------

export interface ParsedTrace {
  revision?: string;
  /** path → AI (ai and mixed contributors) and human ranges. */
  files: Map<string, { ai: LineSet; human: LineSet }>;
  tool?: string;
  modelId?: string;
  ours?: OurTraceMetadata;
}

function contributorOf(value: unknown): TraceContributor | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { type, model_id: modelId } = value as { type?: unknown; model_id?: unknown };
  if (type !== 'human' && type !== 'ai' && type !== 'mixed' && type !== 'unknown') return undefined;
  return { type, ...(typeof modelId === 'string' && modelId ? { model_id: modelId } : {}) };
}

function oursOf(value: unknown): OurTraceMetadata | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const raw = value as Record<string, unknown>;
  if (typeof raw.level !== 'string' || (raw.basis !== 'lines' && raw.basis !== 'commit')) return undefined;
  const text = (key: string) => (typeof raw[key] === 'string' && raw[key] ? (raw[key] as string) : undefined);
  const reviews = Array.isArray(raw.reviews)
    ? raw.reviews.filter((review): review is Review => Boolean(review) && typeof review === 'object' && typeof (review as Review).by === 'string')
    : [];
  return {
    level: raw.level,
    source: text('source') ?? 'noted',
    basis: raw.basis,
    ...(text('explanation') ? { explanation: text('explanation') } : {}),
    ...(text('tool') ? { tool: text('tool') } : {}),
    ...(text('model') ? { model: text('model') } : {}),
    reviews,
  };
}

/** Reads one record, or says why it is not one. Ranges that are not whole numbers ≥ 1 are dropped. */
export function parseTraceRecord(value: unknown): { trace?: ParsedTrace; problem?: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { problem: 'is not a JSON object' };
  const raw = value as Record<string, unknown>;
  if (typeof raw.version !== 'string' || !Array.isArray(raw.files)) return { problem: 'is not an Agent Trace record (no version or files)' };
  const vcs = raw.vcs as { type?: unknown; revision?: unknown } | undefined;
  if (vcs && vcs.type !== undefined && vcs.type !== 'git') return { problem: `records a ${String(vcs.type)} revision, not git` };
  const listed = new Map<string, { ai: LineSpan[]; human: LineSpan[] }>();
  let modelId: string | undefined;
  for (const file of raw.files) {
    const path = (file as { path?: unknown })?.path;
    const conversations = (file as { conversations?: unknown })?.conversations;
    if (typeof path !== 'string' || !path || !Array.isArray(conversations)) continue;
    for (const conversation of conversations) {
      const shared = contributorOf((conversation as { contributor?: unknown })?.contributor);
      const ranges = (conversation as { ranges?: unknown })?.ranges;
      if (!Array.isArray(ranges)) continue;
      for (const range of ranges) {
        const { start_line: start, end_line: end, contributor } = (range ?? {}) as { start_line?: unknown; end_line?: unknown; contributor?: unknown };
        if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || (start as number) < 1 || (end as number) < (start as number)) continue;
        const who = contributorOf(contributor) ?? shared;
        if (!who || who.type === 'unknown') continue;
        let entry = listed.get(path);
        if (!entry) {
          entry = { ai: [], human: [] };
          listed.set(path, entry);
        }
        entry[who.type === 'human' ? 'human' : 'ai'].push([start as number, end as number]);
        if (who.type !== 'human' && who.model_id && !modelId) modelId = who.model_id;
      }
    }
  }
  const files = new Map<string, { ai: LineSet; human: LineSet }>();
  for (const [path, kinds] of listed) files.set(path, { ai: toLineSet(kinds.ai), human: toLineSet(kinds.human) });
  const tool = (raw.tool as { name?: unknown } | undefined)?.name;
  const ours = oursOf((raw.metadata as Record<string, unknown> | undefined)?.[TRACE_METADATA_KEY]);
  return {
    trace: {
      ...(vcs && typeof vcs.revision === 'string' && vcs.revision ? { revision: vcs.revision } : {}),
      files,
      ...(typeof tool === 'string' && tool ? { tool } : {}),
      ...(modelId ? { modelId } : {}),
      ...(ours ? { ours } : {}),
    },
  };
}

/** Lines a set of ranges covers, for messages. */
export function traceLineCount(files: ReadonlyMap<string, { ai: LineSet; human: LineSet }>): { ai: number; human: number } {
  let ai = 0;
  let human = 0;
  for (const file of files.values()) {
    ai += lineCount(file.ai);
    human += lineCount(file.human);
  }
  return { ai, human };
}
