// The trailer codec: what git-provenance writes into a commit message and how it reads trailers
// back. Reading works on git's own trailer output (`%(trailers:only,unfold)` or
// `git interpret-trailers --parse`), so which lines count as trailers is always git's decision.

import { InvalidValueError } from './errors.ts';
import { LEVEL_NAME } from './levels.ts';
import { nameRegExp, type NameSyntax } from './name-syntax.ts';
import { toSafeLine } from './safe-text.ts';

export const TRAILER = {
  level: 'AI-Assistance',
  explanation: 'AI-Explanation',
  assistedBy: 'Assisted-by',
  reviewedBy: 'Reviewed-by',
} as const;

export const MAX_EXPLANATION_LENGTH = 1000;
/** Tool and model names: one token each, so `tool:model` splits back unambiguously. */
export const TOOL_SYNTAX: NameSyntax = { first: 'A-Za-z0-9', rest: 'A-Za-z0-9._+@/-', maxLength: 64 };
export const MODEL_SYNTAX: NameSyntax = { first: 'A-Za-z0-9', rest: 'A-Za-z0-9._+@/:()[]-', maxLength: 128 };
export const TOOL_NAME = nameRegExp(TOOL_SYNTAX);
export const MODEL_NAME = nameRegExp(MODEL_SYNTAX);

export interface Trailer {
  key: string;
  value: string;
}

export interface DeclaredFields {
  level?: string;
  explanation?: string;
  tool?: string;
  model?: string;
}

export interface Person {
  name: string;
  email: string;
}

export interface DecodedTrailers extends DeclaredFields {
  /** Every distinct AI-Assistance value, in order: more than one is a conflict to report. */
  levels: string[];
  reviewers: Person[];
  coAuthors: Person[];
  /** All trailers, for inference from other tools' conventions. */
  all: Trailer[];
}

export function normalizeLevel(level: string): string {
  const value = level.trim().toLowerCase();
  if (!LEVEL_NAME.test(value)) {
    throw new InvalidValueError('level', `"${toSafeLine(level)}" is not a level name`, 'use one of the configured levels, e.g. none, assisted, generated');
  }
  return value;
}

export function normalizeExplanation(text: string): string {
  const line = toSafeLine(text);
  if (line.length > MAX_EXPLANATION_LENGTH) {
    throw new InvalidValueError(
      'explanation',
      `is ${line.length} characters long; at most ${MAX_EXPLANATION_LENGTH} fit in a trailer`,
      'keep it to a sentence or two',
    );
  }
  return line;
}

export function normalizeTool(tool: string): string {
  const value = tool.trim();
  if (!TOOL_NAME.test(value)) {
    throw new InvalidValueError(
      'tool',
      `"${toSafeLine(tool)}" is not a tool name`,
      'use one word of letters, digits and . _ + @ / - (e.g. claude-code), at most 64 characters',
    );
  }
  return value;
}

export function normalizeModel(model: string): string {
  const value = model.trim();
  if (!MODEL_NAME.test(value)) {
    throw new InvalidValueError(
      'model',
      `"${toSafeLine(model)}" is not a model name`,
      'use one word without spaces (e.g. claude-opus-4-7), at most 128 characters',
    );
  }
  return value;
}

/** Validates and normalises declared fields; throws InvalidValueError for what cannot be carried. */
export function normalizeDeclared(fields: DeclaredFields): DeclaredFields {
  const out: DeclaredFields = {};
  if (fields.level !== undefined) out.level = normalizeLevel(fields.level);
  if (fields.explanation !== undefined) {
    const explanation = normalizeExplanation(fields.explanation);
    if (explanation) out.explanation = explanation;
  }
  if (fields.tool !== undefined && fields.tool.trim() !== '') out.tool = normalizeTool(fields.tool);
  if (fields.model !== undefined && fields.model.trim() !== '') out.model = normalizeModel(fields.model);
  if (out.model && !out.tool) {
    throw new InvalidValueError('model', 'a model needs a tool', 'name the tool too (e.g. --tool claude-code --model claude-opus-4-7)');
  }
  return out;
}

/** The trailers for a record, in the order they are written. Input must be normalised. */
export function encodeTrailers(fields: DeclaredFields): Trailer[] {
  const clean = normalizeDeclared(fields);
  const out: Trailer[] = [];
  if (clean.level) out.push({ key: TRAILER.level, value: clean.level });
  if (clean.explanation) out.push({ key: TRAILER.explanation, value: clean.explanation });
  if (clean.tool) out.push({ key: TRAILER.assistedBy, value: clean.model ? `${clean.tool}:${clean.model}` : clean.tool });
  return out;
}

/** Parses `Key: value` lines as git prints trailers (one per line, already unfolded). */
export function parseTrailerLines(text: string): Trailer[] {
  const out: Trailer[] = [];
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*:\s?(.*)$/.exec(line);
    if (match) out.push({ key: match[1], value: match[2].trim() });
  }
  return out;
}

/** `Name <email>` as in Co-authored-by and Reviewed-by. */
export function parsePerson(value: string): Person | undefined {
  const match = /^(.*?)\s*<([^<>\s]+)>\s*$/.exec(value.trim());
  if (!match) return undefined;
  return { name: match[1].trim(), email: match[2].toLowerCase() };
}

/** `Assisted-by: TOOL[:MODEL] [other tools]` (Linux kernel style). */
export function parseAssistedBy(value: string): { tool: string; model?: string } | undefined {
  const first = value.trim().split(/\s+/)[0];
  if (!first) return undefined;
  const colon = first.indexOf(':');
  const tool = colon < 0 ? first : first.slice(0, colon);
  const model = colon < 0 ? undefined : first.slice(colon + 1);
  if (!tool) return undefined;
  return model ? { tool, model } : { tool };
}

export function decodeTrailers(trailers: readonly Trailer[]): DecodedTrailers {
  const out: DecodedTrailers = { levels: [], reviewers: [], coAuthors: [], all: [...trailers] };
  for (const { key, value } of trailers) {
    switch (key.toLowerCase()) {
      case TRAILER.level.toLowerCase(): {
        const level = value.trim().toLowerCase();
        if (level && !out.levels.includes(level)) out.levels.push(level);
        out.level = level;
        break;
      }
      case TRAILER.explanation.toLowerCase():
        out.explanation = toSafeLine(value);
        break;
      case TRAILER.assistedBy.toLowerCase(): {
        const parsed = parseAssistedBy(value);
        if (parsed && out.tool === undefined) {
          out.tool = parsed.tool;
          if (parsed.model) out.model = parsed.model;
        }
        break;
      }
      case TRAILER.reviewedBy.toLowerCase(): {
        const person = parsePerson(value);
        if (person) out.reviewers.push(person);
        break;
      }
      case 'co-authored-by': {
        const person = parsePerson(value);
        if (person) out.coAuthors.push(person);
        break;
      }
    }
  }
  return out;
}

/**
 * `AI-Assistance:` lines anywhere in a message body, indented or not. A squash merge keeps only
 * the last commit's trailer block as trailers; the other commits' levels survive as body lines.
 */
export function levelsInBody(message: string): string[] {
  const out: string[] = [];
  for (const match of message.matchAll(/^[ \t]*AI-Assistance[ \t]*:[ \t]*([A-Za-z][A-Za-z0-9-]*)[ \t]*$/gim)) {
    out.push(match[1].toLowerCase());
  }
  return out;
}

/** `AI-Explanation:` lines anywhere in a body (a squash's earlier commits), folded to safe lines. */
export function explanationsInBody(message: string): string[] {
  const out: string[] = [];
  for (const match of message.matchAll(/^[ \t]*AI-Explanation[ \t]*:[ \t]*(.+)$/gim)) {
    const line = toSafeLine(match[1]);
    if (line && !out.includes(line)) out.push(line);
  }
  return out;
}

/** The message without the indented `AI-Assistance:` / `AI-Explanation:` lines a squash quotes. */
export function withoutQuotedRecords(message: string): string {
  return message.replace(/^[ \t]+AI-(Assistance|Explanation)[ \t]*:.*(\n|$)/gim, '');
}

/**
 * Our trailer lines that ended up in the body instead of the trailer block (another commit-msg
 * hook appended a paragraph after them), and the message without them. Only unindented lines
 * with our exact keys move: indented ones are a squash's quoted records.
 */
export function strandedTrailers(message: string): { trailers: Trailer[]; rest: string } {
  const ours = new Set<string>([TRAILER.level, TRAILER.explanation, TRAILER.assistedBy]);
  const trailers: Trailer[] = [];
  const kept: string[] = [];
  for (const line of message.split('\n')) {
    const match = /^([A-Za-z-]+): (.*\S)\s*$/.exec(line);
    if (match && ours.has(match[1])) trailers.push({ key: match[1], value: match[2] });
    else kept.push(line);
  }
  return { trailers, rest: kept.join('\n').replace(/\n{3,}/g, '\n\n') };
}
