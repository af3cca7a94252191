// The only place that starts git. Synchronous calls for the short questions hooks ask (no event
// loop turn, ~3 ms each), a line stream for long outputs that must never be held whole.

import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { GitFailedError, GitMissingError } from '../model/errors.ts';

export interface GitOptions {
  cwd?: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that are answers, not failures (e.g. 1 for `rev-parse --verify --quiet`). */
  okCodes?: readonly number[];
}

export interface GitResult {
  stdout: string;
  stderr: string;
  status: number;
}

const MAX_BUFFER = 256 * 1024 * 1024;

function checkSpawn(result: SpawnSyncReturns<string>): void {
  const error = result.error as NodeJS.ErrnoException | undefined;
  if (error?.code === 'ENOENT') throw new GitMissingError();
  if (error) throw error;
}

export function git(args: readonly string[], options: GitOptions = {}): GitResult {
  const result = spawnSync('git', args, {
    cwd: options.cwd,
    input: options.input,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  checkSpawn(result);
  const status = result.status ?? 128;
  const ok = status === 0 || (options.okCodes ?? []).includes(status);
  if (!ok) throw new GitFailedError(args, result.status, result.stderr);
  return { stdout: result.stdout, stderr: result.stderr, status };
}

/** stdout of a git command that must succeed. */
export function gitText(args: readonly string[], options: GitOptions = {}): string {
  return git(args, options).stdout;
}

/**
 * Streams git's stdout line by line (split on "\n" only: a lone "\r" is content).
 * Throws GitFailedError after the last line if git exits non-zero.
 */
export async function* gitLines(args: readonly string[], options: GitOptions = {}): AsyncGenerator<string> {
  const child = spawn('git', args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new GitMissingError() : error));
    child.on('close', (code) => resolve(code));
  });
  exit.catch(() => undefined);
  child.stdout.setEncoding('utf8');
  let pending = '';
  try {
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      let start = 0;
      let newline = chunk.indexOf('\n');
      while (newline >= 0) {
        const line = pending + chunk.slice(start, newline);
        pending = '';
        yield line;
        start = newline + 1;
        newline = chunk.indexOf('\n', start);
      }
      pending += chunk.slice(start);
    }
    if (pending) yield pending;
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exit;
  if (code !== 0 && !(options.okCodes ?? []).includes(code ?? -1)) throw new GitFailedError(args, code, stderr);
}

/** Runs git asynchronously with input, collecting output (for commands too slow to block on). */
export function gitAsync(args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new GitMissingError() : error));
    child.on('close', (code) => {
      const status = code ?? 128;
      if (status === 0 || (options.okCodes ?? []).includes(status)) resolve({ stdout, stderr, status });
      else reject(new GitFailedError(args, code, stderr));
    });
    child.stdin.end(options.input ?? '');
  });
}


/**
 * Streams git's stdout split on one separator character (e.g. "\0" for `-z` output), with
 * optional stdin (e.g. commit ids for `--stdin`). Throws GitFailedError after the last record
 * if git exits non-zero.
 */
export async function* gitRecords(args: readonly string[], options: GitOptions & { separator: string }): AsyncGenerator<string> {
  const child = spawn('git', args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new GitMissingError() : error));
    child.on('close', (code) => resolve(code));
  });
  exit.catch(() => undefined);
  // git may exit before reading all of stdin (e.g. a bad revision): that is reported by its exit code.
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input ?? '');
  child.stdout.setEncoding('utf8');
  let pending = '';
  try {
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      const parts = (pending + chunk).split(options.separator);
      pending = parts.pop() ?? '';
      for (const part of parts) yield part;
    }
    if (pending) yield pending;
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exit;
  if (code !== 0 && !(options.okCodes ?? []).includes(code ?? -1)) throw new GitFailedError(args, code, stderr);
}
