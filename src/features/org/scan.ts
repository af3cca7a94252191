// `org scan`: the per-repository report over many clones, in parallel child processes (one per
// core by default), each repository's rows replaced in the database as soon as it is done. A
// repository whose state (HEAD, notes, config, tool version, period) is the one stored is not
// read again, so an interrupted scan resumes where it stopped and a repeated scan touches only
// the repositories that changed; those that did resume from their own report cache.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { GIT_AI_NOTES_REF, NOTES_REF } from '../../git/notes.ts';
import { openRepo, type Repo } from '../../git/repo.ts';
import { refTip, resolveCommit } from '../../git/revisions.ts';
import { ProvenanceError, UsageError } from '../../model/errors.ts';
import { CONFIG_FILE } from '../../model/config-defaults.ts';
import type { Period } from '../report/aggregate.ts';
import { buildReport } from '../report/index.ts';
import { governanceFor } from '../dashboard/index.ts';
import { reportRows, type Row } from '../dashboard/rows.ts';
import type { BudgetUse, ExplanationCount } from '../dashboard/figures.ts';
import type { OrgDb } from './db.ts';

export interface Target {
  /** The name its rows carry. */
  repository: string;
  path: string;
}

/** What one repository's scan hands back to `org scan` (as JSON on stdout). */
export interface ScanResult {
  repository: string;
  levels: string[];
  period: string;
  windowDays: number;
  commits: number;
  cache: string;
  warnings: string[];
  rows: Row[];
  budgets: BudgetUse[];
  explanations: ExplanationCount[];
}

function isRepositoryRoot(path: string): boolean {
  try {
    const repo = openRepo(path);
    const root = repo.topLevel ?? repo.gitDir;
    return realpathSync(root) === realpathSync(path);
  } catch {
    return false;
  }
}

/**
 * Folders that are clones, folders whose sub-folders are clones, and list files (one folder a
 * line, relative to the list, `#` comments). Names are folder names, made unique by their parents.
 */
export function resolveTargets(args: readonly string[]): Target[] {
  const paths: string[] = [];
  const visit = (arg: string, from: string) => {
    const path = resolve(from, arg);
    if (!existsSync(path)) throw new UsageError(`${arg}: no such folder or list file`, 'give clones, folders of clones, or a file listing them');
    if (statSync(path).isFile()) {
      for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
        const entry = line.trim();
        if (entry && !entry.startsWith('#')) visit(entry, dirname(path));
      }
      return;
    }
    if (isRepositoryRoot(path)) {
      paths.push(realpathSync(path));
      return;
    }
    const children = readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(path, entry.name))
      .filter(isRepositoryRoot)
      .sort();
    if (!children.length)
      throw new UsageError(`${arg} is neither a git repository nor a folder of them`, 'give clones, folders of clones, or a file listing them');
    paths.push(...children.map((child) => realpathSync(child)));
  };
  for (const arg of args) visit(arg, process.cwd());
  const unique = [...new Set(paths)];
  const names = new Map<string, number>();
  for (const path of unique) names.set(basename(path), (names.get(basename(path)) ?? 0) + 1);
  return unique.map((path) => ({ path, repository: names.get(basename(path))! > 1 ? `${basename(dirname(path))}/${basename(path)}` : basename(path) }));
}

/** Everything the rows of a repository depend on, hashed. */
export function repositoryState(repo: Repo, options: { period: string; version: string }): string {
  const hash = createHash('sha256');
  hash.update(
    `${options.version}\0${options.period}\0${resolveCommit(repo, 'HEAD')}\0${refTip(repo, NOTES_REF) ?? ''}\0${refTip(repo, GIT_AI_NOTES_REF) ?? ''}\0`,
  );
  const config = join(repo.topLevel ?? repo.gitDir, CONFIG_FILE);
  if (existsSync(config)) hash.update(readFileSync(config));
  return hash.digest('hex');
}

/** One repository's report as rows, budgets and explanations (run in a child process). */
export async function scanOne(target: Target, options: { period: Period }): Promise<ScanResult> {
  const report = await buildReport({ cwd: target.path, period: options.period });
  const governance = await governanceFor(report, { cwd: target.path, repository: target.repository });
  return {
    repository: target.repository,
    levels: report.levels,
    period: report.period,
    windowDays: report.windowDays,
    commits: report.range.commits,
    cache: report.cache,
    warnings: report.warnings,
    rows: reportRows(report, target.repository),
    budgets: governance.budgets,
    explanations: governance.explanations,
  };
}

export interface ScanSummary {
  scanned: { repository: string; cache: string; commits: number; seconds: number }[];
  unchanged: string[];
  failed: { repository: string; error: string }[];
}

export interface ScanOptions {
  db: OrgDb;
  period: Period;
  jobs?: number;
  version: string;
  /** Runs one repository's scan; by default this program in a child process. */
  command: (target: Target) => { command: string; args: string[] };
  progress?: { start(total: number): void; done(repository: string): void; stop(): void };
  warn?: (message: string) => void;
}

function runChild(command: string, args: string[]): Promise<ScanResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        const message = Buffer.concat(err).toString('utf8').trim().split('\n').pop() ?? `exit ${code}`;
        reject(new Error(message.replace(/^git-provenance: /, '') || `exit ${code}`));
        return;
      }
      try {
        resolvePromise(JSON.parse(Buffer.concat(out).toString('utf8')) as ScanResult);
      } catch (error) {
        reject(error);
      }
    });
  });
}

export async function scanRepositories(targets: readonly Target[], options: ScanOptions): Promise<ScanSummary> {
  const summary: ScanSummary = { scanned: [], unchanged: [], failed: [] };
  const stored = await options.db.states();
  const pending: { target: Target; state: string }[] = [];
  for (const target of targets) {
    let state: string;
    try {
      state = repositoryState(openRepo(target.path), { period: options.period, version: options.version });
    } catch (error) {
      summary.failed.push({ repository: target.repository, error: error instanceof ProvenanceError ? error.message : String(error) });
      continue;
    }
    const known = stored.get(target.repository);
    if (known && known.state === state && known.path === target.path) summary.unchanged.push(target.repository);
    else pending.push({ target, state });
  }
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), pending.length || 1));
  options.progress?.start(pending.length);
  // Children run in parallel; the database is written by one of them at a time.
  let writing: Promise<void> = Promise.resolve();
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const { target, state } = pending[next++];
      const started = Date.now();
      try {
        const { command, args } = options.command(target);
        const result = await runChild(command, args);
        const write = writing.then(() =>
          options.db.replace(
            {
              repository: target.repository,
              path: target.path,
              state,
              levels: result.levels,
              period: result.period,
              windowDays: result.windowDays,
              commits: result.commits,
              scannedAt: new Date().toISOString(),
            },
            result.rows,
            result.budgets,
            result.explanations,
          ),
        );
        writing = write.catch(() => undefined);
        await write;
        summary.scanned.push({ repository: target.repository, cache: result.cache, commits: result.commits, seconds: (Date.now() - started) / 1000 });
        for (const warning of result.warnings.slice(0, 3)) options.warn?.(`${target.repository}: ${warning}`);
      } catch (error) {
        summary.failed.push({ repository: target.repository, error: (error as Error).message });
      }
      options.progress?.done(target.repository);
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    options.progress?.stop();
  }
  return summary;
}
