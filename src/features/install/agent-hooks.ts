// `install --agents` / `uninstall --agents`: entries in the coding agents' own project settings
// that run `git-provenance checkpoint` around each file edit (docs/CAPTURE.md, "Agents' edits").
// Existing settings are merged, never replaced: other keys and other hooks stay as they are, a
// second run changes nothing, and a file that is not JSON is left alone with an error. Nothing is
// written through a symlink that leads out of the repository.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, UsageError } from '../../model/errors.ts';
import { realPathInside, type Repo } from '../../git/repo.ts';
import { checkpointsDir, openCheckpoints } from '../checkpoint/store.ts';
import type { Change } from './index.ts';

export const AGENTS = ['claude-code', 'cursor', 'gemini'] as const;
export type AgentId = (typeof AGENTS)[number];

/** What marks a hook entry as ours (install finds it again, uninstall removes only it). */
const MARK = 'git-provenance checkpoint';

interface AgentSettings {
  agent: AgentId;
  /** The settings file, relative to the work tree's root. */
  file: string;
  /** The folder whose presence says the project uses this agent. */
  folder: string;
  /** Adds our entries to the parsed settings; returns whether anything changed. */
  add(settings: Record<string, unknown>, command: string): boolean;
}

function objectAt(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = parent[key];
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  parent[key] = created;
  return created;
}

function arrayAt(parent: Record<string, unknown>, key: string): unknown[] {
  const value = parent[key];
  if (Array.isArray(value)) return value;
  const created: unknown[] = [];
  parent[key] = created;
  return created;
}

function isOurs(command: unknown): boolean {
  return typeof command === 'string' && command.includes(MARK);
}

/** Claude Code and Gemini CLI: `{hooks: {Event: [{matcher, hooks: [{type, command, timeout}]}]}}`. */
function addMatcherHooks(settings: Record<string, unknown>, events: readonly string[], matcher: string, command: string): boolean {
  let changed = false;
  const hooks = objectAt(settings, 'hooks');
  for (const event of events) {
    const groups = arrayAt(hooks, event);
    const ours = groups.flatMap((group) => {
      const entries = (group as { hooks?: unknown })?.hooks;
      return Array.isArray(entries) ? entries.filter((entry) => isOurs((entry as { command?: unknown })?.command)) : [];
    }) as { command: string }[];
    if (ours.length) {
      for (const entry of ours) {
        if (entry.command !== command) {
          entry.command = command;
          changed = true;
        }
      }
      continue;
    }
    groups.push({ matcher, hooks: [{ type: 'command', command, timeout: 10 }] });
    changed = true;
  }
  return changed;
}

const SETTINGS: readonly AgentSettings[] = [
  {
    agent: 'claude-code',
    file: '.claude/settings.json',
    folder: '.claude',
    add: (settings, command) => addMatcherHooks(settings, ['PreToolUse', 'PostToolUse'], 'Write|Edit|MultiEdit|NotebookEdit', command),
  },
  {
    agent: 'cursor',
    file: '.cursor/hooks.json',
    folder: '.cursor',
    add: (settings, command) => {
      let changed = false;
      if (settings.version === undefined) {
        settings.version = 1;
        changed = true;
      }
      const entries = arrayAt(objectAt(settings, 'hooks'), 'afterFileEdit') as { command?: unknown }[];
      const ours = entries.filter((entry) => isOurs(entry?.command));
      for (const entry of ours) {
        if (entry.command !== command) {
          entry.command = command;
          changed = true;
        }
      }
      if (!ours.length) {
        entries.push({ command });
        changed = true;
      }
      return changed;
    },
  },
  {
    agent: 'gemini',
    file: '.gemini/settings.json',
    folder: '.gemini',
    add: (settings, command) => addMatcherHooks(settings, ['BeforeTool', 'AfterTool'], 'write_file|replace', command),
  },
];

/**
 * The command each agent runs. A project-local install is called by its path (no npx: it costs
 * hundreds of milliseconds per edit) where the agent says where the project is; otherwise
 * git-provenance on PATH. `|| true`: a missing
 * binary must not fail the agent's tool call. Cursor reads a JSON answer, so it gets `{}` then.
 */
export function checkpointCommand(agent: AgentId, localInstall: boolean): string {
  // Cursor resolves a project hook's paths against .cursor/, not the project: npx finds the local copy.
  if (agent === 'cursor') return localInstall ? `npx --no-install ${MARK} || echo '{}'` : `${MARK} || echo '{}'`;
  const projectDir = agent === 'claude-code' ? '$CLAUDE_PROJECT_DIR' : '$GEMINI_PROJECT_DIR';
  return localInstall ? `"${projectDir}"/node_modules/.bin/${MARK} 2>/dev/null || true` : `${MARK} 2>/dev/null || true`;
}

/** `--agents` with no value: the agents whose folder the project has, else Claude Code and Cursor. */
export function chooseAgents(top: string, requested: string): AgentId[] {
  const names = requested
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(AGENTS as readonly string[]).includes(name))
      throw new UsageError(`--agents: unknown agent "${name}"`, `use one or more of ${AGENTS.join(', ')}, comma-separated`);
  }
  if (names.length) return names as AgentId[];
  const present = SETTINGS.filter((entry) => existsSync(join(top, entry.folder))).map((entry) => entry.agent);
  return present.length ? present : ['claude-code', 'cursor'];
}

/** The real path a write to `file` would reach; refuses one that leaves the work tree. */
function safePath(top: string, file: string): string {
  const real = realPathInside(top, join(top, file));
  if (!real) throw new UsageError(`${file} leads out of the repository (a symlink); not written`, 'replace the link with a file in the repository');
  return real;
}

function readSettings(path: string, file: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  const text = readFileSync(path, 'utf8');
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, `is not valid JSON (${(error as Error).message}); not changed`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(file, 'is not a JSON object; not changed');
  return value as Record<string, unknown>;
}

function indentOf(path: string): string {
  if (!existsSync(path)) return '  ';
  return /^[ \t]+(?=")/m.exec(readFileSync(path, 'utf8'))?.[0] ?? '  ';
}

export function planAgentHooks(repo: Repo, requested: string): Change[] {
  const top = repo.topLevel;
  if (!top) throw new UsageError('--agents needs a work tree (this repository is bare)');
  const localInstall = existsSync(join(top, 'node_modules', '.bin', 'git-provenance'));
  const changes: Change[] = [];
  for (const agent of chooseAgents(top, requested)) {
    const entry = SETTINGS.find((candidate) => candidate.agent === agent)!;
    const path = safePath(top, entry.file);
    const settings = readSettings(path, entry.file);
    if (!entry.add(settings, checkpointCommand(agent, localInstall))) continue;
    const indent = indentOf(path);
    changes.push({
      describe: `${existsSync(path) ? 'add to' : 'create'} ${entry.file}: ${agent} runs \`${MARK}\` around file edits`,
      apply() {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, `${JSON.stringify(settings, null, indent)}\n`);
      },
    });
  }
  if (changes.length && !existsSync(checkpointsDir(repo.commonDir))) {
    changes.push({
      describe: 'create .git/provenance/checkpoints/ (commits then record which lines agents wrote)',
      apply() {
        openCheckpoints(repo.commonDir);
      },
    });
  }
  return changes;
}

/** Removes our entries (and the arrays and objects they leave empty); other hooks stay. */
export function planAgentUnhooks(repo: Repo): Change[] {
  const top = repo.topLevel;
  if (!top) return [];
  const changes: Change[] = [];
  for (const entry of SETTINGS) {
    const path = join(top, entry.file);
    if (!existsSync(path)) continue;
    const real = safePath(top, entry.file);
    let settings: Record<string, unknown>;
    try {
      settings = readSettings(real, entry.file);
    } catch {
      continue;
    }
    const hooks = settings.hooks;
    if (!hooks || typeof hooks !== 'object' || Array.isArray(hooks)) continue;
    let changed = false;
    const table = hooks as Record<string, unknown>;
    for (const [event, list] of Object.entries(table)) {
      if (!Array.isArray(list)) continue;
      const kept = list
        .map((item) => {
          const group = item as { hooks?: unknown; command?: unknown };
          if (isOurs(group?.command)) return undefined;
          if (!Array.isArray(group?.hooks)) return item;
          const inner = group.hooks.filter((hook) => !isOurs((hook as { command?: unknown })?.command));
          if (inner.length === group.hooks.length) return item;
          return inner.length ? { ...group, hooks: inner } : undefined;
        })
        .filter((item) => item !== undefined);
      if (kept.length === list.length && kept.every((item, i) => item === list[i])) continue;
      changed = true;
      if (kept.length) table[event] = kept;
      else delete table[event];
    }
    if (!changed) continue;
    if (!Object.keys(table).length) delete settings.hooks;
    const indent = indentOf(real);
    changes.push({
      describe: `remove \`${MARK}\` from ${entry.file}`,
      apply: () => writeFileSync(real, `${JSON.stringify(settings, null, indent)}\n`),
    });
  }
  return changes;
}
