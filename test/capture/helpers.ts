// Shared set-up for the capture end-to-end tests: a repository with the hooks installed by the
// real `install`, and git-provenance on PATH the way a global npm install puts it there.

import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, TempRepo, run, type RunResult } from '../helpers/repo.ts';

/** Variables of coding agents and CI that would change what the hooks decide. */
const OUTSIDE_SIGNALS = ['CLAUDECODE', 'CURSOR_AGENT', 'CODEX_SANDBOX', 'CODEX_SANDBOX_NETWORK_DISABLED', 'GEMINI_CLI', 'CI', 'HUSKY'];

/** A folder holding only a `git-provenance` link, like a global npm bin folder. */
export function toolBinDir(home: string): string {
  const dir = join(home, 'global-bin');
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    symlinkSync(BIN, join(dir, 'git-provenance'));
  }
  return dir;
}

/**
 * A PATH like a GUI client's, without node: links to the few programs git and the hook shims
 * use (on this machine node sits in /usr/bin, so the real minimal PATH would still find it).
 */
export function pathWithoutNode(home: string): string {
  const dir = join(home, 'minimal-bin');
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    for (const tool of ['sh', 'git', 'dirname', 'grep', 'sed', 'mktemp', 'cat', 'rm', 'setsid', 'true']) {
      const found = run('sh', ['-c', `command -v ${tool}`]).stdout.trim();
      if (found) symlinkSync(found, join(dir, tool));
    }
  }
  return dir;
}

export function captureEnv(repo: TempRepo, extra: NodeJS.ProcessEnv = {}): void {
  for (const name of OUTSIDE_SIGNALS) delete repo.env[name];
  repo.env.PATH = `${toolBinDir(repo.home)}:${repo.env.PATH}`;
  Object.assign(repo.env, extra);
}

export function installedRepo(options: { args?: string[] } = {}): TempRepo {
  const repo = new TempRepo();
  captureEnv(repo);
  const result = repo.cli(['install', ...(options.args ?? [])]);
  if (result.status !== 0) throw new Error(`install failed: ${result.stderr}${result.stdout}`);
  return repo;
}

/** `git commit` with the hooks, no terminal (stdin /dev/null, pipes, no controlling tty). */
export function commit(repo: TempRepo, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  return run('setsid', ['-w', 'git', 'commit', ...args], { cwd: repo.dir, env: { ...repo.env, ...env }, input: '' });
}

export function stageFile(repo: TempRepo, path: string, content: string): void {
  repo.write(path, content);
  repo.git('add', '--', path);
}

export function trailers(repo: TempRepo, rev = 'HEAD'): Record<string, string> {
  const out: Record<string, string> = {};
  const text = repo.git('log', '-1', '--format=%(trailers:only,unfold)', rev);
  for (const line of text.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) out[match[1]] = match[2];
  }
  return out;
}

export function note(repo: TempRepo, rev = 'HEAD'): any {
  const result = repo.gitResult(['notes', '--ref=refs/notes/provenance', 'show', rev]);
  return result.status === 0 ? JSON.parse(result.stdout) : undefined;
}

export function mkdirp(path: string): void {
  mkdirSync(path, { recursive: true });
}

export const EXPLAIN = 'Adds the parser beside the existing codec, as the design asks';
