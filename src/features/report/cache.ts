// The incremental cache: the ledger as it stood after the newest first-parent commit it has
// seen, under .git/provenance/ (shared by worktrees). A run resumes from it when its key
// (settings that change any figure) matches and the cached tip is the first parent of the new
// commits; otherwise it starts over. Notes are followed separately: commits whose notes changed
// since the cache was written are re-resolved without re-reading diffs.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Repo } from '../../git/repo.ts';
import type { FileState, LedgerState } from './engine.ts';

const CACHE_VERSION = 1;

export interface CachedLedger {
  version: number;
  key: string;
  tip: string;
  notesTips: Record<string, string | null>;
  excludePaths: string[];
  warnings: string[];
  state: LedgerState;
}

interface CacheFile extends Omit<CachedLedger, 'state'> {
  state: Omit<LedgerState, 'files'> & { files: [string, number[], number[], boolean][] };
}

export function cacheKey(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({ version: CACHE_VERSION, parts }))
    .digest('hex');
}

export function cachePath(repo: Repo): string {
  return join(repo.commonDir, 'provenance', 'report-cache.json');
}

export function loadCache(repo: Repo, key: string): CachedLedger | undefined {
  let text: string;
  try {
    text = readFileSync(cachePath(repo), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const file = JSON.parse(text) as CacheFile;
    if (file.version !== CACHE_VERSION || file.key !== key) return undefined;
    const files = new Map<string, FileState>();
    for (const [path, lens, cells, opaque] of file.state.files) files.set(path, opaque ? { runs: { lens, cells }, opaque } : { runs: { lens, cells } });
    return { ...file, state: { ...file.state, files } };
  } catch {
    return undefined; // A damaged cache is only a slower run.
  }
}

export function saveCache(repo: Repo, cached: CachedLedger): void {
  const files: [string, number[], number[], boolean][] = [];
  for (const [path, state] of cached.state.files) files.push([path, state.runs.lens, state.runs.cells, Boolean(state.opaque)]);
  const file: CacheFile = { ...cached, state: { ...cached.state, files } };
  const path = cachePath(repo);
  mkdirSync(join(repo.commonDir, 'provenance'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(file));
  renameSync(temporary, path);
}
