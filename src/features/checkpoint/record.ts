// `git-provenance checkpoint`: called by a coding agent's own hooks around each file edit
// (installed by `install --agents`). Before the edit it keeps the hashes of the file's lines (what
// the person had typed); after it, the hashes of the lines the agent added. No git process, no
// network, no output but the JSON answer some agents require: the agent must never wait or fail.

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parseAgentPayload, wantsJsonAnswer, type AgentEdit } from '../../model/agent-payload.ts';
import { addedByChange, hashLines, lineHash, linesOfWrittenTexts, splitLines } from '../../model/line-evidence.ts';
import { locateRepository, realPathInside } from '../../git/repo.ts';
import { appendEdit, MAX_FILE_BYTES, openCheckpoints, takePreSnapshot, writePreSnapshot } from './store.ts';

/** Payloads larger than this are not read (a Write of a huge file; its lines are not hashed either). */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

/** Records one hook call; returns what to print on stdout. Never throws. */
export function recordCheckpoint(input: string, env: NodeJS.ProcessEnv, cwd: string): string {
  let payload: unknown;
  try {
    payload = JSON.parse(input);
  } catch {
    return '';
  }
  const answer = wantsJsonAnswer(payload) ? '{}\n' : '';
  try {
    const edit = parseAgentPayload(payload);
    if (edit) recordEdit(edit, env, cwd);
  } catch {
    // Evidence is lost for this edit; the agent's work is not disturbed.
  }
  return answer;
}

/** The file's path relative to the project's repository, or undefined when it is outside it. */
function pathInRepository(edit: AgentEdit, env: NodeJS.ProcessEnv, cwd: string): { commonDir: string; absolute: string; path: string } | undefined {
  const root = env.CLAUDE_PROJECT_DIR || edit.root || cwd;
  const repository = locateRepository(root);
  if (!repository) return undefined;
  const absolute = isAbsolute(edit.filePath) ? edit.filePath : resolve(root, edit.filePath);
  // Resolved through symlinks, the file must be in this work tree, not in its git directory
  // and not in a repository nested in it.
  const real = realPathInside(repository.topLevel, absolute);
  if (!real) return undefined;
  const path = relative(realpathSync(repository.topLevel), real).split(sep).join('/');
  if (!path || path === '.git' || path.startsWith('.git/')) return undefined;
  const own = locateRepository(dirname(real));
  if (!own || realpathSync(own.topLevel) !== realpathSync(repository.topLevel)) return undefined;
  return { commonDir: repository.commonDir, absolute: real, path };
}

function readSmallFile(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function recordEdit(edit: AgentEdit, env: NodeJS.ProcessEnv, cwd: string): void {
  const target = pathInRepository(edit, env, cwd);
  if (!target) return;
  const dir = openCheckpoints(target.commonDir);
  if (!dir) return;
  const text = readSmallFile(target.absolute);
  if (edit.phase === 'pre') {
    writePreSnapshot(dir, target.path, text === undefined ? [] : hashLines(text));
    return;
  }
  if (text === undefined) {
    takePreSnapshot(dir, target.path);
    return;
  }
  const after = splitLines(text);
  const hashes = after.map(lineHash);
  const before = takePreSnapshot(dir, target.path);
  const lines = before ? addedByChange(before, hashes) : linesOfWrittenTexts(text, edit.written);
  appendEdit(dir, {
    path: target.path,
    at: Date.now(),
    agent: edit.model ? { tool: edit.tool, model: edit.model } : { tool: edit.tool },
    lines: lines.map((line) => [line, hashes[line - 1]]),
  });
}
