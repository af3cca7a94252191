// Real git repositories in temporary folders, and the built CLI run as a user would run it.

import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'git-provenance');
/** Bound for every child process a test starts: uvu has no per-test timeout. */
export const CHILD_TIMEOUT_MS = 30_000;

const made: string[] = [];

export function tempDir(prefix = 'gp-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * An environment with no trace of the developer's git config or of an outer hook, fixed
 * identities, and no colour. NODE_EXTRA_CA_CERTS is dropped: it adds ~80 ms to each node start.
 */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('GIT_') || key === 'NODE_EXTRA_CA_CERTS' || key === 'FORCE_COLOR' || key === 'CI') continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ada Dev',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Dev',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], options: SpawnSyncOptions & { input?: string } = {}): RunResult {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS, ...options });
  if (result.error) throw result.error;
  return { status: result.status ?? (result.signal ? 128 : 1), stdout: String(result.stdout), stderr: String(result.stderr) };
}

export class TempRepo {
  readonly dir: string;
  readonly home: string;
  env: NodeJS.ProcessEnv;
  private tick = 0;

  constructor(options: { bare?: boolean; dir?: string; init?: boolean } = {}) {
    this.home = tempDir('gp-home-');
    this.dir = options.dir ?? tempDir('gp-repo-');
    this.env = isolatedEnv(this.home);
    if (options.init !== false) this.git('init', '-q', '-b', 'main', ...(options.bare ? ['--bare'] : []));
  }

  /** Runs git in the repository; throws with git's stderr when it fails. */
  git(...args: string[]): string {
    const result = run('git', args, { cwd: this.dir, env: this.env });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  }

  gitResult(args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): RunResult {
    return run('git', args, { cwd: this.dir, env: { ...this.env, ...options.env }, input: options.input });
  }

  write(path: string, content: string): void {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }

  /** Writes files, stages everything and commits; dates advance one minute per commit. */
  commit(message: string, files: Record<string, string> = {}, options: { date?: string; env?: NodeJS.ProcessEnv; args?: string[] } = {}): string {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
    this.git('add', '-A');
    const date = options.date ?? new Date(Date.UTC(2026, 0, 1) + this.tick++ * 60_000).toISOString();
    const result = run('git', ['commit', '-q', '--allow-empty', '-m', message, ...(options.args ?? [])], {
      cwd: this.dir,
      env: { ...this.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, ...options.env },
    });
    if (result.status !== 0) throw new Error(`git commit failed: ${result.stderr}`);
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** Runs the built CLI here. */
  cli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): RunResult {
    return run(process.execPath, [BIN, ...args], { cwd: options.cwd ?? this.dir, env: { ...this.env, ...options.env }, input: options.input ?? '' });
  }

  json<T = any>(args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): T {
    const result = this.cli(args, options);
    if (result.status !== 0) throw new Error(`git-provenance ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }
}
