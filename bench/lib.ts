// Shared benchmark plumbing: timing by median of runs, an environment without the machine-local
// NODE_EXTRA_CA_CERTS (it adds ~80 ms to every node start here, not on users' machines), and
// synthetic repositories built with git fast-import.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function benchEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  for (const key of Object.keys(env)) if (key.startsWith('GIT_')) delete env[key];
  return {
    ...env,
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
    NO_COLOR: '1',
    ...extra,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time in ms of a synchronous or asynchronous function. */
export async function time(runs: number, fn: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

/** Median wall time in ms of a command. */
export function timeCommand(
  runs: number,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<number> {
  return time(runs, () => {
    const result = spawnSync(command, args, {
      cwd: options.cwd,
      env: options.env ?? benchEnv(),
      input: options.input,
      stdio: ['pipe', 'ignore', 'pipe'],
      maxBuffer: 1 << 30,
    });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  });
}

export function benchDir(name: string): string {
  const root = join(tmpdir(), 'git-provenance-bench');
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, `${name}-`));
}

export function fastImport(dir: string, stream: string): void {
  const result = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream, env: benchEnv(), maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`fast-import failed: ${result.stderr}`);
}

export function row(label: string, ms: number, floorMs: number): string {
  return `${label.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms  ${(ms / floorMs).toFixed(2).padStart(7)}x`;
}
