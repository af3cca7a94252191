// The only place that starts git. Synchronous calls for the short questions hooks ask (no event
// loop turn, ~3 ms each), a line stream for long outputs that must never be held whole.

import type { SpawnSyncReturns } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GitFailedError, GitMissingError } from '../model/errors.ts';
import { nodeChildProcess, nodeOs } from '../model/lazy-builtins.ts';

// node:child_process and node:os load on first use (model/lazy-builtins.ts).
const spawn = ((...args: Parameters<typeof import('node:child_process').spawn>) =>
  nodeChildProcess().spawn(...args)) as typeof import('node:child_process').spawn;
const spawnSync = ((...args: Parameters<typeof import('node:child_process').spawnSync>) =>
  nodeChildProcess().spawnSync(...args)) as typeof import('node:child_process').spawnSync;
const tmpdir = () => nodeOs().tmpdir();

export interface GitOptions {
  cwd?: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that are answers, not failures (e.g. 1 for `rev-parse --verify --quiet`). */
  okCodes?: readonly number[];
  /** Kill git after this long (network commands inside hooks must never hang a commit or push). */
  timeoutMs?: number;
  /** Stop reading stdout past this many bytes: the result is then `overflow` (git is killed). */
  maxBytes?: number;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  status: number;
  /** Set when stdout went past `maxBytes`: stdout is then incomplete. */
  overflow?: boolean;
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
    maxBuffer: options.maxBytes ?? MAX_BUFFER,
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') {
    throw new GitFailedError(args, null, `timed out after ${options.timeoutMs} ms`);
  }
  if (options.maxBytes !== undefined && (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOBUFS') {
    return { stdout: '', stderr: result.stderr ?? '', status: result.status ?? 128, overflow: true };
  }
  checkSpawn(result);
  const status = result.status ?? 128;
  const ok = status === 0 || (options.okCodes ?? []).includes(status);
  if (!ok) throw new GitFailedError(args, result.status, result.stderr);
  return { stdout: result.stdout, stderr: result.stderr, status };
}

/**
 * stdout of a git command that must succeed, without blocking: several short questions run at
 * once (each git start costs a few ms, and a hook has two cores).
 */
export async function gitTextAsync(args: readonly string[], options: GitOptions = {}): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of gitBuffers(args, options)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** stdout of a git command that must succeed. */
export function gitText(args: readonly string[], options: GitOptions = {}): string {
  return git(args, options).stdout;
}

/**
 * Streams git's stdout line by line (split on "\n" only: a lone "\r" is content).
 * Throws GitFailedError after the last line if git exits non-zero.
 */
export function gitLines(args: readonly string[], options: GitOptions = {}): AsyncGenerator<string> {
  return gitRecords(args, { ...options, separator: '\n' });
}

/**
 * Streams git's stdout split on one separator character ("\n" for lines, "\0" for `-z`
 * output), with optional stdin (e.g. commit ids for `--stdin`). Throws GitFailedError after the
 * last record if git exits non-zero.
 */
export async function* gitRecords(args: readonly string[], options: GitOptions & { separator: string }): AsyncGenerator<string> {
  for await (const batch of gitRecordBatches(args, options)) yield* batch;
}

/**
 * gitRecords for long outputs: the records of each chunk of output together, as one step of
 * the stream (a step per record costs more than the record: each allocates promises). Each
 * record is decoded from its own bytes: a substring of a decoded chunk would keep the whole
 * chunk alive as long as the record is kept (a commit id kept for the whole run held 64 KB).
 */
export async function* gitRecordBatches(args: readonly string[], options: GitOptions & { separator: string }): AsyncGenerator<string[]> {
  const separator = options.separator.charCodeAt(0);
  // The start of a record that goes on in the next chunks, kept as pieces and joined once: joined
  // chunk by chunk, a 15 MiB note cost 240 copies of up to 15 MiB (6 s, quadratic in its size).
  let pending: Buffer[] = [];
  for await (const chunk of gitBuffers(args, options)) {
    const batch: string[] = [];
    let start = 0;
    let end = chunk.indexOf(separator);
    while (end >= 0) {
      if (pending.length) {
        pending.push(chunk.subarray(start, end));
        batch.push(Buffer.concat(pending).toString('utf8'));
        pending = [];
      } else batch.push(chunk.toString('utf8', start, end));
      start = end + 1;
      end = chunk.indexOf(separator, start);
      // Small batches: decoded records wait for their reader as short-lived objects (a 64 KB
      // chunk holds ~150 commits of metadata, which would outlive a young-generation collection).
      if (batch.length >= RECORD_BATCH) yield batch.splice(0);
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
    if (batch.length) yield batch;
  }
  if (pending.length) yield [Buffer.concat(pending).toString('utf8')];
}

const RECORD_BATCH = 128;

/** How far a stream reads ahead of its consumer (bytes). */
const READ_AHEAD = 1024 * 1024;

/**
 * Streams git's stdout as byte chunks, for parsers that split them themselves. Up to READ_AHEAD
 * bytes are read while the caller is busy, so git keeps its own core instead of waiting on a full
 * 64 KB pipe. Throws GitFailedError after the last chunk if git exits non-zero.
 */
export async function* gitBuffers(args: readonly string[], options: GitOptions = {}): AsyncGenerator<Buffer> {
  const child = spawn('git', args, {
    cwd: options.cwd,
    // git flushes its output after every commit when it goes to a pipe (2-3 KB each in `log -p`):
    // one write, one wake-up and one read per commit. Nothing here waits on a commit before git's
    // next: full 4 KB buffers halve the reads and the system time of both sides.
    env: { ...(options.env ?? process.env), GIT_FLUSH: '0' },
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.input !== undefined && child.stdin) {
    // git may exit before reading all of stdin (e.g. a bad revision): its exit code says so.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);
  }
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new GitMissingError() : error));
    child.on('close', (code) => resolve(code));
  });
  exit.catch(() => undefined);
  const stdout = child.stdout!;
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  stdout.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= READ_AHEAD) stdout.pause();
    signal();
  });
  stdout.on('close', () => {
    ended = true;
    signal();
  });
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        queued -= chunk.length;
        if (stdout.isPaused() && queued < READ_AHEAD / 2) stdout.resume();
        yield chunk;
      } else if (ended) break;
      else
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exit;
  if (code !== 0 && !(options.okCodes ?? []).includes(code ?? -1)) throw new GitFailedError(args, code, stderr);
}

/** An object read by GitObjectReader: its size, and its content unless over the size asked for. */
export interface ObjectContent {
  size: number;
  /** Undefined when the object is larger than the limit given to `read` (it was not kept). */
  content?: Buffer;
}

/**
 * A long-lived `git cat-file --batch`: objects read one by one, on demand, by many callers in
 * order. Used to read notes lazily while history streams, instead of holding them all. Each
 * object's bytes are copied once into a buffer of its announced size (linear in size), or
 * counted and dropped when it is over the caller's limit.
 */
export class GitObjectReader {
  private readonly child: import('node:child_process').ChildProcess;
  /** Bytes of the current header line not yet ended by "\n". */
  private header: Buffer = Buffer.alloc(0);
  /** The object being received, after its header. */
  private body: { size: number; content?: Buffer; filled: number } | undefined;
  private readonly waiting: { limit: number; resolve: (value: ObjectContent | undefined) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'ignore'] });
    this.child.on('error', (error: NodeJS.ErrnoException) => this.fail(error.code === 'ENOENT' ? new GitMissingError() : error));
    this.child.on('close', () => this.fail(new Error('git cat-file --batch ended early')));
    this.child.stdin!.on('error', () => undefined);
    this.child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }

  private receive(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.body) {
        const { size, content } = this.body;
        // Body bytes, then the "\n" git writes after every object.
        const take = Math.min(chunk.length - at, size + 1 - this.body.filled);
        if (content && this.body.filled < size) chunk.copy(content, this.body.filled, at, at + Math.min(take, size - this.body.filled));
        this.body.filled += take;
        at += take;
        if (this.body.filled === size + 1) {
          this.body = undefined;
          this.waiting.shift()?.resolve({ size, content });
        }
        continue;
      }
      const newline = chunk.indexOf(10, at);
      if (newline < 0) {
        this.header = Buffer.concat([this.header, chunk.subarray(at)]);
        return;
      }
      const head = Buffer.concat([this.header, chunk.subarray(at, newline)]).toString('utf8');
      this.header = Buffer.alloc(0);
      at = newline + 1;
      if (head.endsWith(' missing') || head.endsWith(' ambiguous')) {
        this.waiting.shift()?.resolve(undefined);
        continue;
      }
      const size = Number(head.slice(head.lastIndexOf(' ') + 1));
      const limit = this.waiting[0]?.limit ?? Infinity;
      this.body = { size, content: size <= limit ? Buffer.allocUnsafe(size) : undefined, filled: 0 };
    }
  }

  /** The object, or undefined when it does not exist; its content is dropped above `limit` bytes. */
  read(object: string, limit = Infinity): Promise<ObjectContent | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ limit, resolve, reject });
      this.child.stdin!.write(`${object}\n`);
    });
  }

  close(): void {
    this.child.removeAllListeners('close');
    this.child.stdin!.end();
  }
}

export interface BackgroundGit {
  /** git's stdout once it has exited successfully. */
  output: Promise<string>;
  /** Stops git; `output` then rejects. */
  cancel(): void;
}

/**
 * Starts git without waiting for it: its stdout goes to a temporary file, so git never blocks on
 * a full pipe while this process is busy with synchronous work (hooks run other git commands
 * meanwhile), and both use a core each.
 */
export function gitInBackground(args: readonly string[], options: GitOptions = {}): BackgroundGit {
  const dir = mkdtempSync(join(tmpdir(), 'git-provenance-'));
  const file = join(dir, 'stdout');
  const fd = openSync(file, 'w');
  const child = spawn('git', args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  const output = new Promise<string>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      rmSync(dir, { recursive: true, force: true });
      reject(error.code === 'ENOENT' ? new GitMissingError() : error);
    });
    child.on('close', (code) => {
      try {
        if (code === 0 || (options.okCodes ?? []).includes(code ?? -1)) resolve(readFileSync(file, 'utf8'));
        else reject(new GitFailedError(args, code, stderr));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
  output.catch(() => undefined);
  return { output, cancel: () => child.kill() };
}
