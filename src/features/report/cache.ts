// The incremental cache: the ledger as it stood after the newest first-parent commit it has
// seen, under .git/provenance/ (shared by worktrees). A run resumes from it when its key
// (settings that change any figure) matches and the cached tip is the first parent of the new
// commits; otherwise it starts over. Notes are followed separately: commits whose notes changed
// since the cache was written are re-resolved without re-reading diffs.
//
// The file is never trusted: a header line names the format version and the SHA-256 of the body,
// and the body is checked for shape and consistency before use (a cache that parses but lies
// would multiply figures or crash every later run). Writes go to a unique temporary file renamed
// over the old one, so concurrent runs each read a whole file, old or new.

import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Repo } from '../../git/repo.ts';
import { UNCOUNTED } from './runs.ts';
import type { FileState, LedgerState } from './engine.ts';

export const CACHE_VERSION = 4;
const MAGIC = 'git-provenance.report-cache';

export interface MissingObject {
  id: string;
  paths: string[];
}

export interface CachedLedger {
  key: string;
  tip: string;
  notesTips: Record<string, string | null>;
  excludePaths: string[];
  missingObjects: MissingObject[];
  warnings: string[];
  state: LedgerState;
}

interface CacheBody extends Omit<CachedLedger, 'state'> {
  state: Omit<LedgerState, 'files'> & { files: [string, number[], number[], boolean][] };
}

export type CacheRead =
  | { status: 'absent' }
  /** Written by another version or with other settings: rebuilt silently. */
  | { status: 'stale' }
  | { status: 'damaged'; reason: string }
  | { status: 'ok'; cached: CachedLedger };

export function cacheKey(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({ version: CACHE_VERSION, parts }))
    .digest('hex');
}

export function cachePath(repo: Repo): string {
  return join(repo.commonDir, 'provenance', 'report-cache.json');
}

const checksum = (body: string) => createHash('sha256').update(body).digest('hex');

export function loadCache(repo: Repo, key: string, levelCount: number): CacheRead {
  let text: string;
  try {
    text = readFileSync(cachePath(repo), 'utf8');
  } catch {
    return { status: 'absent' };
  }
  const newline = text.indexOf('\n');
  const header = (newline < 0 ? text : text.slice(0, newline)).split(' ');
  if (header[0] !== MAGIC) return text.startsWith('{"version":') ? { status: 'stale' } : { status: 'damaged', reason: 'no header' };
  if (header[1] !== String(CACHE_VERSION)) return { status: 'stale' };
  const body = text.slice(newline + 1);
  if (header[2] !== checksum(body)) return { status: 'damaged', reason: 'checksum mismatch' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 'damaged', reason: 'not JSON' };
  }
  if ((parsed as CacheBody | null)?.key !== key) return { status: 'stale' };
  const problem = shapeProblem(parsed, levelCount);
  if (problem) return { status: 'damaged', reason: problem };
  const file = parsed as CacheBody;
  const files = new Map<string, FileState>();
  for (const [path, lens, cells, opaque] of file.state.files) files.set(path, opaque ? { runs: { lens, cells }, opaque } : { runs: { lens, cells } });
  return { status: 'ok', cached: { ...file, state: { ...file.state, files } } };
}

export function saveCache(repo: Repo, cached: CachedLedger): void {
  const files: [string, number[], number[], boolean][] = [];
  for (const [path, state] of cached.state.files) files.push([path, state.runs.lens, state.runs.cells, Boolean(state.opaque)]);
  const body = JSON.stringify({ ...cached, state: { ...cached.state, files } } satisfies CacheBody);
  const path = cachePath(repo);
  mkdirSync(join(repo.commonDir, 'provenance'), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, `${MAGIC} ${CACHE_VERSION} ${checksum(body)}\n${body}`);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const SOURCES = new Set(['declared', 'noted', 'inferred', 'unknown']);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isFlag = (value: unknown) => value === 0 || value === 1;
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Why a parsed cache body cannot be the ledger this version writes, or undefined when it can. */
export function shapeProblem(value: unknown, levelCount: number): string | undefined {
  const body = value as CacheBody;
  if (!body || typeof body !== 'object') return 'not an object';
  if (typeof body.tip !== 'string' || !OBJECT_ID.test(body.tip)) return 'bad tip';
  if (
    !body.notesTips ||
    typeof body.notesTips !== 'object' ||
    !Object.values(body.notesTips).every((tip) => tip === null || (typeof tip === 'string' && OBJECT_ID.test(tip)))
  )
    return 'bad notes tips';
  if (!isStringArray(body.excludePaths) || !isStringArray(body.warnings)) return 'bad paths or warnings';
  if (!Array.isArray(body.missingObjects) || !body.missingObjects.every((object) => object && typeof object.id === 'string' && isStringArray(object.paths)))
    return 'bad missing objects';
  const state = body.state;
  if (!state || typeof state !== 'object' || !isStringArray(state.services)) return 'bad services';
  const { commits, cells, files } = state;
  if (!commits || !cells || !Array.isArray(files)) return 'missing columns';
  const n = commits.id?.length;
  for (const column of ['id', 'time', 'level', 'source', 'fix', 'reverted', 'mainline', 'baseline'] as const)
    if (!Array.isArray(commits[column]) || commits[column].length !== n) return `commit column ${column}`;
  const ids = new Set<string>();
  for (let i = 0; i < n; i++) {
    const id = commits.id[i];
    if (typeof id !== 'string' || !OBJECT_ID.test(id) || ids.has(id)) return `commit ${i}: bad or repeated id`;
    ids.add(id);
    if (!Number.isSafeInteger(commits.time[i])) return `commit ${i}: bad time`;
    const level = commits.level[i];
    if (!Number.isSafeInteger(level) || level < -1 || level >= levelCount) return `commit ${i}: bad level`;
    if (
      !SOURCES.has(commits.source[i]) ||
      !isFlag(commits.fix[i]) ||
      !isFlag(commits.reverted[i]) ||
      !isFlag(commits.mainline[i]) ||
      !isFlag(commits.baseline[i])
    )
      return `commit ${i}: bad flags`;
  }
  const m = cells.commit?.length;
  for (const column of ['commit', 'service', 'added', 'deleted', 'replaced', 'reworked', 'fixFollowed', 'lineLevel'] as const)
    if (!Array.isArray(cells[column]) || cells[column].length !== m) return `cell column ${column}`;
  const pairs = new Set<number>();
  for (let c = 0; c < m; c++) {
    const commit = cells.commit[c];
    const service = cells.service[c];
    if (!Number.isSafeInteger(commit) || commit < 0 || commit >= n || !Number.isSafeInteger(service) || service < 0 || service >= state.services.length)
      return `cell ${c}: bad commit or service`;
    const lineLevel = cells.lineLevel[c];
    // A line level is a level index, -1 (unknown) or COMMIT_LEVEL (-2: the commit's own level).
    if (!Number.isSafeInteger(lineLevel) || lineLevel < -2 || lineLevel >= 62) return `cell ${c}: bad line level`;
    const pair = (commit * 65_536 + service) * 64 + lineLevel + 2;
    if (pairs.has(pair)) return `cell ${c}: counted twice`;
    pairs.add(pair);
    if (!isCount(cells.added[c]) || !isCount(cells.deleted[c]) || !isCount(cells.replaced[c]) || !isCount(cells.reworked[c]) || !isFlag(cells.fixFollowed[c]))
      return `cell ${c}: bad counts`;
    if (cells.reworked[c] > cells.replaced[c]) return `cell ${c}: more reworked than replaced`;
  }
  const surviving = new Array<number>(m).fill(0);
  const paths = new Set<string>();
  for (const entry of files) {
    if (!Array.isArray(entry) || entry.length !== 4) return 'bad file entry';
    const [path, lens, runCells, opaque] = entry;
    if (
      typeof path !== 'string' ||
      paths.has(path) ||
      typeof opaque !== 'boolean' ||
      !Array.isArray(lens) ||
      !Array.isArray(runCells) ||
      lens.length !== runCells.length
    )
      return 'bad file entry';
    paths.add(path);
    for (let i = 0; i < lens.length; i++) {
      const cell = runCells[i];
      if (!Number.isSafeInteger(lens[i]) || lens[i] <= 0 || !Number.isSafeInteger(cell) || cell < UNCOUNTED || cell >= m) return `${path}: bad runs`;
      if (!opaque && cell !== UNCOUNTED) surviving[cell] += lens[i];
    }
  }
  // Lines a cell wrote are alive or were removed, never more than it wrote.
  for (let c = 0; c < m; c++) if (surviving[c] + cells.replaced[c] > cells.added[c]) return `cell ${c}: more lines alive and removed than added`;
  return undefined;
}
