// Recognising AI assistance from other tools' conventions (docs/FORMAT.md, "Inferred"):
// co-author trailers, policy trailers, agent markers and bot identities. Evidence is matched on
// e-mail addresses and exact markers, never on a display name alone ("Claude Monet" is a person).

import { parsePerson, parseAssistedBy, type Trailer } from './trailers.ts';

export type InferredLevel = 'assisted' | 'generated';

export interface Inference {
  level: InferredLevel;
  tool: string;
  model?: string;
  /** What was recognised, for `show` and reports. */
  evidence: string;
}

export interface CommitIdentity {
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  /** Full message (subject and body). */
  message: string;
  trailers: readonly Trailer[];
}

const BOT_TOOLS: Record<string, string> = {
  claude: 'claude-code',
  'claude-code-action': 'claude-code',
  cursor: 'cursor',
  'openai-codex': 'codex',
  'chatgpt-codex-connector': 'codex',
  'gemini-code-assist': 'gemini',
  'devin-ai-integration': 'devin',
  cline: 'cline',
  'copilot-swe-agent': 'copilot-agent',
};

/** "Claude Opus 4.7 (1M context)" -> "claude-opus-4.7"; plain "Claude" -> undefined. */
function modelFromDisplayName(name: string, vendorWord: string): string | undefined {
  const cleaned = name.replace(/\([^)]*\)/g, '').trim();
  if (cleaned.toLowerCase() === vendorWord.toLowerCase() || cleaned === '') return undefined;
  return cleaned.toLowerCase().replace(/\s+/g, '-');
}

function fromCoAuthor(name: string, email: string): Inference | undefined {
  const address = email.toLowerCase();
  if (address === 'noreply@anthropic.com') {
    const model = modelFromDisplayName(name, 'Claude');
    return { level: 'generated', tool: 'claude-code', ...(model ? { model } : {}), evidence: `Co-authored-by: ${name} <${email}>` };
  }
  if (address === 'aider@aider.chat' || address === 'noreply@aider.chat' || address === 'noreply@aider.dev') {
    const model = /\(([^)]+)\)/.exec(name)?.[1]?.trim();
    return { level: 'generated', tool: 'aider', ...(model ? { model } : {}), evidence: `Co-authored-by: ${name} <${email}>` };
  }
  if (/^\d+\+copilot@users\.noreply\.github\.com$/.test(address))
    return { level: 'generated', tool: 'copilot', evidence: `Co-authored-by: ${name} <${email}>` };
  if (address === 'copilot@github.com') return { level: 'assisted', tool: 'copilot', evidence: `Co-authored-by: ${name} <${email}>` };
  if (address === 'noreply@openai.com') return { level: 'generated', tool: 'codex', evidence: `Co-authored-by: ${name} <${email}>` };
  if (address === 'cursoragent@cursor.com') return { level: 'generated', tool: 'cursor', evidence: `Co-authored-by: ${name} <${email}>` };
  if (address === 'amp@ampcode.com') return { level: 'generated', tool: 'amp', evidence: `Co-authored-by: ${name} <${email}>` };
  return fromBotAddress(address, `Co-authored-by: ${name} <${email}>`);
}

function fromBotAddress(address: string, evidence: string): Inference | undefined {
  const bot = /^(?:\d+\+)?([a-z0-9-]+)\[bot\]@users\.noreply\.github\.com$/.exec(address.toLowerCase());
  const tool = bot ? BOT_TOOLS[bot[1]] : undefined;
  return tool ? { level: 'generated', tool, evidence } : undefined;
}

function fromIdentity(role: 'author' | 'committer', name: string, email: string): Inference | undefined {
  const address = email.toLowerCase();
  const evidence = `${role} ${name} <${email}>`;
  if (/^\d+\+copilot@users\.noreply\.github\.com$/.test(address) && /copilot-swe-agent\[bot\]/i.test(name)) {
    return { level: 'generated', tool: 'copilot-agent', evidence };
  }
  if (address === '198982749+copilot@users.noreply.github.com') return { level: 'generated', tool: 'copilot-agent', evidence };
  if (AIDER_NAME.test(name)) return { level: 'generated', tool: 'aider', evidence };
  return fromBotAddress(address, evidence);
}

type TrailerConvention = (value: string, evidence: string) => Inference | undefined;

/** Other tools' trailers, by lower-case key (plus every key starting with a prefix below). */
const TRAILER_CONVENTIONS: Record<string, TrailerConvention> = {
  'co-authored-by': (value) => {
    const person = parsePerson(value);
    return person ? fromCoAuthor(person.name, person.email) : undefined;
  },
  'assisted-by': (value, evidence) => fromToolTrailer('assisted', value, evidence),
  'generated-by': (value, evidence) => fromToolTrailer('generated', value, evidence),
  'ai-used-for': (_value, evidence) => ({ level: 'assisted', tool: 'unspecified', evidence }),
  'claude-session': (_value, evidence) => ({ level: 'generated', tool: 'claude-code', evidence }),
  'agent-logs-url': (value, evidence) => (/github\.com\/.+\/sessions\//.test(value) ? { level: 'generated', tool: 'copilot-agent', evidence } : undefined),
  'made-with': (value, evidence) => (/^cursor\b/i.test(value.trim()) ? { level: 'generated', tool: 'cursor', evidence } : undefined),
  'amp-thread-id': (_value, evidence) => ({ level: 'generated', tool: 'amp', evidence }),
  'replit-commit-author': (value, evidence) => {
    if (/^agent$/i.test(value.trim())) return { level: 'generated', tool: 'replit', evidence };
    if (/^assistant$/i.test(value.trim())) return { level: 'assisted', tool: 'replit', evidence };
    return undefined;
  },
};
const TRAILER_PREFIX_CONVENTIONS: Record<string, TrailerConvention> = {
  'entire-': (_value, evidence) => ({ level: 'generated', tool: 'entire', evidence }),
};
/** Trailer keys (lower case) and key prefixes that may carry evidence: the runner's fast path leaves those commits to node. */
export const CONVENTION_TRAILER_KEYS: readonly string[] = Object.keys(TRAILER_CONVENTIONS);
export const CONVENTION_TRAILER_PREFIXES: readonly string[] = Object.keys(TRAILER_PREFIX_CONVENTIONS);

function fromToolTrailer(level: InferredLevel, value: string, evidence: string): Inference | undefined {
  const parsed = parseAssistedBy(value);
  if (!parsed) return undefined;
  return { level, tool: parsed.tool.toLowerCase(), ...(parsed.model ? { model: parsed.model } : {}), evidence };
}

function fromTrailer({ key, value }: Trailer): Inference | undefined {
  const lower = key.toLowerCase();
  const evidence = `${key}: ${value}`;
  if (Object.hasOwn(TRAILER_CONVENTIONS, lower)) return TRAILER_CONVENTIONS[lower](value, evidence);
  const prefix = CONVENTION_TRAILER_PREFIXES.find((candidate) => lower.startsWith(candidate));
  return prefix ? TRAILER_PREFIX_CONVENTIONS[prefix](value, evidence) : undefined;
}

/** Fixed text agents put in a message: Claude Code's footer (followed by its link), aider's subject prefix. */
export const CLAUDE_CODE_FOOTER = 'Generated with [Claude Code]';
export const AIDER_SUBJECT_PREFIX = 'aider: ';
/** aider commits as "<your name> (aider)" (after whitespace). */
export const AIDER_NAME_SUFFIX = '(aider)';

const AIDER_NAME = new RegExp(`\\s${escapeRegExp(AIDER_NAME_SUFFIX)}$`);
const CLAUDE_CODE_MARKER = new RegExp(`${escapeRegExp(CLAUDE_CODE_FOOTER)}\\((?:https://(?:claude\\.com/claude-code|claude\\.ai/code))\\)`);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fromMessage(message: string): Inference | undefined {
  const marker = CLAUDE_CODE_MARKER.exec(message);
  if (marker) return { level: 'generated', tool: 'claude-code', evidence: marker[0] };
  if (message.startsWith(AIDER_SUBJECT_PREFIX)) return { level: 'generated', tool: 'aider', evidence: 'subject starts with "aider: "' };
  return undefined;
}

const RANK: Record<InferredLevel, number> = { assisted: 1, generated: 2 };

/** The strongest evidence of AI assistance in a commit, or undefined when there is none. */
export function inferAssistance(commit: CommitIdentity): Inference | undefined {
  const found: Inference[] = [];
  const add = (inference: Inference | undefined) => {
    if (inference) found.push(inference);
  };
  add(fromIdentity('author', commit.authorName, commit.authorEmail));
  add(fromIdentity('committer', commit.committerName, commit.committerEmail));
  for (const trailer of commit.trailers) add(fromTrailer(trailer));
  add(fromMessage(commit.message));
  let best: Inference | undefined;
  for (const inference of found) {
    if (!best || RANK[inference.level] > RANK[best.level] || (RANK[inference.level] === RANK[best.level] && !best.model && inference.model)) best = inference;
  }
  return best;
}

/** Maps an inferred level onto the configured levels (which may be named differently). */
export function configuredLevelFor(levels: readonly string[], inferred: InferredLevel): string {
  if (levels.includes(inferred)) return inferred;
  if (levels.length === 1) return levels[0];
  return inferred === 'generated' ? levels[levels.length - 1] : levels[1];
}

/**
 * Reads a git-ai authorship note: an attestation block (paths at column 0, indented
 * `<key> <ranges>` lines), a `---` line, then JSON. Keys `s_…` are AI sessions and bare 16-hex
 * keys legacy AI prompts; `h_…` keys are humans. Lines with AI keys make the commit AI-assisted:
 * `generated` when no human key shares the note, else `assisted`.
 */
export function inferFromGitAiNote(text: string): Inference | undefined {
  const separator = text.search(/^---[ \t]*$/m);
  const attestation = separator < 0 ? text : text.slice(0, separator);
  let aiLines = 0;
  let humanKeys = 0;
  for (const line of attestation.split('\n')) {
    const match = /^[ \t]+(\S+)[ \t]+([0-9][0-9,\- ]*)$/.exec(line);
    if (!match) continue;
    const key = match[1];
    if (key.startsWith('h_')) humanKeys++;
    else if (key.startsWith('s_') || /^[0-9a-f]{16}$/.test(key)) {
      for (const range of match[2].split(',')) {
        const [from, to] = range.trim().split('-').map(Number);
        if (Number.isFinite(from)) aiLines += Number.isFinite(to) ? Math.max(0, to - from + 1) : 1;
      }
    }
  }
  if (aiLines === 0) return undefined;
  let tool = 'git-ai';
  let model: string | undefined;
  if (separator >= 0) {
    try {
      const json = JSON.parse(text.slice(separator).replace(/^---[ \t]*\n?/, '')) as Record<string, unknown>;
      for (const group of [json.sessions, json.prompts]) {
        if (!group || typeof group !== 'object') continue;
        for (const entry of Object.values(group as Record<string, { agent_id?: { tool?: unknown; model?: unknown } }>)) {
          const agent = entry?.agent_id;
          if (agent && typeof agent.tool === 'string' && agent.tool) {
            tool = agent.tool.toLowerCase();
            if (typeof agent.model === 'string' && agent.model) model = agent.model;
            break;
          }
        }
        if (tool !== 'git-ai') break;
      }
    } catch {
      // The attestation alone is evidence enough; a damaged JSON part only loses the tool name.
    }
  }
  return {
    level: humanKeys > 0 ? 'assisted' : 'generated',
    tool,
    ...(model ? { model } : {}),
    evidence: `git-ai note (${aiLines} AI line${aiLines === 1 ? '' : 's'})`,
  };
}
