// `git-provenance report`: resolve the range, walk history once (or resume from the cache),
// aggregate. Everything that reads git goes through src/git/.

import { existsSync } from 'node:fs';
import { streamCommits } from '../../git/commits.ts';
import { findMissingObjects, shallowBoundary } from '../../git/history.ts';
import { changedNotes, GIT_AI_NOTES_REF, NOTES_REF } from '../../git/notes.ts';
import { openRepo, type Repo } from '../../git/repo.ts';
import { countFirstParent, isAncestor, lastFirstParentBefore, parseRange, refTip, resolveCommit, resolveRange, revList } from '../../git/revisions.ts';
import { listFiles, objectIds } from '../../git/tree.ts';
import { GitFailedError, ProvenanceError, UsageError } from '../../model/errors.ts';
import { shortId } from '../../model/display.ts';
import { createPlacer, OTHER_SERVICE } from '../../model/placement.ts';
import { compileFixPattern } from '../../model/fix-pattern.ts';
import { loadConfig } from '../config.ts';
import { aggregate, REPORT_SCHEMA, type Aggregate, type Period, type PeriodFigures, type ServiceFigures } from './aggregate.ts';
import { cacheKey, cachePath, loadCache, saveCache } from './cache.ts';
import { COMMIT_LEVEL, Ledger, type LedgerState } from './engine.ts';
import { detectServices, generatedMatcher, type ServiceSource, type SourceShare } from './services.ts';
import { HistoryRewrittenError, LevelResolver, MainDiffs, walkHistory, type MergeMode } from './walk.ts';

export interface ReportOptions {
  cwd?: string;
  range?: string;
  since?: string;
  until?: string;
  services?: string[];
  period?: Period;
  windowDays?: number;
  mode?: MergeMode;
  assumeUnknown?: 'none';
  cache?: boolean;
  /** Called once with the number of first-parent commits to read, then per commit. */
  progress?: { start(total: number): void; tick(): void; stop(): void };
  now?: Date;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  range: {
    revision: string;
    since: string | null;
    until: string | null;
    end: string;
    startDate: string | null;
    endDate: string;
    commits: number;
  };
  windowDays: number;
  period: Period;
  merges: MergeMode;
  assumeUnknown: string | null;
  generatedAt: string;
  levels: string[];
  serviceSource: ServiceSource;
  /** How services were found: each source's share of files, and the patterns to pin in the config. */
  serviceDetection: { sources: SourceShare[]; otherFiles: number; services: Record<string, string[]> };
  services: ServiceFigures[];
  total: ServiceFigures;
  periods: PeriodFigures[];
  skipped: { missingObjects: { id: string; paths: string[] }[] };
  cache: 'cold' | 'incremental' | 'unchanged' | 'off';
  warnings: string[];
}

function iso(time: number): string {
  return new Date(time * 1000).toISOString().replace('.000Z', 'Z');
}

/** End commit and which commits count, from `<range> --since --until` (range grammar: src/git/revisions.ts). */
async function selectRange(repo: Repo, options: ReportOptions): Promise<{ end: string; revision: string; selection?: Set<string> }> {
  const revision = options.range?.trim() || 'HEAD';
  const range = resolveRange(repo, parseRange([revision]));
  let end = range.end;
  if (options.until) {
    const limited = lastFirstParentBefore(repo, end, options.until);
    if (!limited)
      throw new ProvenanceError('E_NO_COMMITS', `no commit of ${revision} is older than --until ${options.until}`, { hint: 'pick a later --until date' });
    end = limited;
  }
  if (!range.exclude.length && !options.since && !options.until) return { end, revision };
  const dates = [...(options.since ? [`--since=${options.since}`] : []), ...(options.until ? [`--until=${options.until}`] : [])];
  const selection = await revList(repo, [end, ...range.exclude.map((id) => `^${id}`), ...dates]);
  if (!selection.size)
    throw new ProvenanceError(
      'E_NO_COMMITS',
      `the range ${revision}${options.since ? ` since ${options.since}` : ''}${options.until ? ` until ${options.until}` : ''} has no commits`,
      { hint: 'widen the range or the dates (see `git log --oneline`)' },
    );
  return { end, revision, selection };
}

export async function buildReport(options: ReportOptions = {}): Promise<Report> {
  const repo = openRepo(options.cwd);
  resolveCommit(repo, 'HEAD'); // "no commits yet" before anything else
  const { config } = await loadConfig(repo);
  const { end, revision, selection } = await selectRange(repo, options);
  const mode = options.mode ?? 'all-parents';
  // Without a cache the walk reads all history: git starts on it while configuration, services
  // and notes are resolved below (one core each).
  const started = options.cache === false || !existsSync(cachePath(repo)) ? new MainDiffs(repo, { end, mode, excludePaths: [] }) : undefined;
  try {
    return await buildFrom(repo, options, config, { end, revision, selection, mode, started });
  } finally {
    await started?.close();
  }
}

async function buildFrom(
  repo: Repo,
  options: ReportOptions,
  config: Awaited<ReturnType<typeof loadConfig>>['config'],
  { end, revision, selection, mode, started }: { end: string; revision: string; selection?: Set<string>; mode: MergeMode; started?: MainDiffs },
): Promise<Report> {
  const windowDays = options.windowDays ?? config.rework.windowDays;
  if (!Number.isInteger(windowDays) || windowDays <= 0) throw new UsageError(`--window-days must be a positive whole number of days, not ${windowDays}`);
  const period = options.period ?? 'month';
  const files = listFiles(repo, end);
  const detected = detectServices(repo, end, config.services, files);
  const placer = createPlacer(config, detected.services);
  const generated = generatedMatcher(repo, end, files);
  const knownServices = [...Object.keys(detected.services), OTHER_SERVICE];
  for (const service of options.services ?? []) {
    if (!knownServices.includes(service)) throw new UsageError(`unknown service "${service}"`, `use one of: ${knownServices.join(', ')}`);
  }
  const fixPattern = compileFixPattern(config.rework.fixPattern);
  const settings = {
    windowDays,
    fixPattern,
    pathInfo: (path: string) => ({ service: placer.service(path), counted: !placer.ignored(path) && !generated(path) }),
  };
  const boundary = shallowBoundary(repo);
  const attributeBlobs = files.filter((file) => file === '.gitattributes' || file.endsWith('/.gitattributes'));
  const key = cacheKey({
    levels: config.levels,
    services: detected.services,
    ignore: config.ignore,
    fixPattern: config.rework.fixPattern,
    windowDays,
    mode,
    shallow: [...boundary].sort(),
    attributes: attributeBlobs.length
      ? objectIds(
          repo,
          attributeBlobs.map((file) => `${end}:${file}`),
        )
      : '',
  });
  const tips = { [NOTES_REF]: refTip(repo, NOTES_REF) ?? null, [GIT_AI_NOTES_REF]: refTip(repo, GIT_AI_NOTES_REF) ?? null };
  const warnings: string[] = [];
  const resolver = await LevelResolver.open(repo, config.levels);
  let ledger: Ledger | undefined;
  let cacheState: Report['cache'] = options.cache === false ? 'off' : 'cold';
  let excludePaths: string[] = [];
  let missing: { id: string; paths: string[] }[] = [];
  let notesRefreshed = false;
  /** Leave the cache as it is: it describes a newer tip on the same line than this run's end. */
  let keepCache = false;
  const progress = options.progress && onceProgress(options.progress);
  try {
    const read = options.cache === false ? ({ status: 'absent' } as const) : loadCache(repo, key, config.levels.length);
    if (read.status === 'damaged') warnings.push(`the report cache (${cachePath(repo)}) was damaged (${read.reason}); it is rebuilt from history`);
    const cached = read.status === 'ok' ? read.cached : undefined;
    if (cached && cached.tip !== end && endsBefore(repo, end, cached.tip)) keepCache = true;
    else if (cached) {
      const resumed = new Ledger(settings, cached.state);
      try {
        notesRefreshed = await refreshNotes(repo, resumed, resolver, cached.notesTips, tips);
        excludePaths = cached.excludePaths;
        if (cached.tip !== end) await walkHistory(repo, resumed, resolver, { end, after: cached.tip, mode, excludePaths, boundary, onCommit: () => undefined });
        ledger = resumed;
        missing = cached.missingObjects;
        warnings.push(...cached.warnings);
        cacheState = cached.tip === end ? 'unchanged' : 'incremental';
      } catch (error) {
        if (!(error instanceof HistoryRewrittenError || error instanceof StaleNotesError || error instanceof GitFailedError)) {
          warnings.push(`the report cache could not be resumed (${(error as Error).message}); it is rebuilt from history`);
        }
        excludePaths = [];
        missing = [];
      }
    }
    if (!ledger) {
      const total = progress ? countFirstParent(repo, end) : 0;
      progress?.start(total);
      try {
        for (let attempt = 0; ; attempt++) {
          const fresh = new Ledger(settings);
          progress?.restart();
          try {
            await walkHistory(repo, fresh, resolver, { end, mode, excludePaths, boundary, started, onCommit: () => progress?.tick() });
            ledger = fresh;
            break;
          } catch (error) {
            // git stops at the first object it cannot read (or fetch, in a partial clone whose
            // promisor is unreachable): find them all and read history again without their paths.
            if (attempt > 0 || !(error instanceof GitFailedError)) throw error;
            missing = await findMissingObjects(repo, [end]);
            excludePaths = [...new Set(missing.flatMap((object) => object.paths))];
            if (!excludePaths.length) throw error;
          }
        }
      } finally {
        progress?.stop();
      }
    }
  } finally {
    resolver.close();
  }
  warnings.push(...ledger.warnings, ...resolver.warnings);
  for (const object of missing) warnings.push(`object ${object.id} is missing (partial clone?); skipped ${object.paths.join(', ') || 'its path'}`);
  if (boundary.size) {
    const ids = [...boundary].slice(0, 3).map(shortId).join(', ');
    warnings.push(
      `this is a shallow clone: history before ${ids}${boundary.size > 3 ? ', …' : ''} was not fetched, so lines present there count as written before the report and those commits are not counted; for full figures run \`git fetch --unshallow\` (GitHub Actions: \`fetch-depth: 0\` on actions/checkout)`,
    );
  }
  if (options.cache !== false && !keepCache && !(cacheState === 'unchanged' && !notesRefreshed)) {
    try {
      saveCache(repo, { key, tip: end, notesTips: tips, excludePaths, missingObjects: missing, warnings: [...ledger.warnings], state: ledger.state });
    } catch (error) {
      warnings.push(`the cache could not be written (${(error as Error).message}); the next run starts over`);
    }
  }
  const state = ledger.state;
  const isSelected = selection
    ? (commit: number) => !state.commits.baseline[commit] && selection.has(state.commits.id[commit])
    : (commit: number) => !state.commits.baseline[commit];
  let endTime = 0;
  for (let commit = 0; commit < state.commits.id.length; commit++)
    if (isSelected(commit) && state.commits.time[commit] > endTime) endTime = state.commits.time[commit];
  const figures: Aggregate = aggregate(state, ledger.surviving(), {
    levels: config.levels,
    windowDays,
    endTime,
    period,
    selected: isSelected,
    assumeUnknownAs: options.assumeUnknown === 'none' ? config.levels[0] : undefined,
    services: options.services?.length ? options.services : undefined,
  });
  return {
    schema: REPORT_SCHEMA,
    range: {
      revision,
      since: options.since ?? null,
      until: options.until ?? null,
      end,
      startDate: figures.firstTime === undefined ? null : iso(figures.firstTime),
      endDate: iso(endTime),
      commits: figures.commits,
    },
    windowDays,
    period,
    merges: mode,
    assumeUnknown: options.assumeUnknown === 'none' ? config.levels[0] : null,
    generatedAt: (options.now ?? new Date()).toISOString(),
    levels: [...config.levels, 'unknown'],
    serviceSource: detected.source,
    serviceDetection: { sources: detected.sources, otherFiles: detected.otherFiles, services: detected.services },
    services: figures.services,
    total: figures.total,
    periods: figures.periods,
    skipped: { missingObjects: missing },
    cache: cacheState,
    warnings,
  };
}

class StaleNotesError extends Error {}

/** Whether `end` is on the history of the cached tip (false when that tip is gone). */
function endsBefore(repo: Repo, end: string, tip: string): boolean {
  try {
    return isAncestor(repo, end, tip);
  } catch (error) {
    if (error instanceof GitFailedError) return false;
    throw error;
  }
}

/**
 * One bar for the whole run: a second attempt (after missing objects were found) does not start
 * it again from zero, it only moves on once it passes where the first attempt stopped.
 */
function onceProgress(progress: NonNullable<ReportOptions['progress']>) {
  let reached = 0;
  let done = 0;
  return {
    start: (total: number) => progress.start(total),
    restart: () => {
      done = 0;
    },
    tick: () => {
      if (++done > reached) {
        reached = done;
        progress.tick();
      }
    },
    stop: () => progress.stop(),
  };
}

/** Re-resolves the levels of cached commits whose notes changed since the cache was written. */
async function refreshNotes(
  repo: Repo,
  ledger: Ledger,
  resolver: LevelResolver,
  before: Record<string, string | null>,
  now: Record<string, string | null>,
): Promise<boolean> {
  const changed = new Set<string>();
  for (const ref of Object.keys(now)) {
    const from = before[ref] ?? null;
    const to = now[ref];
    if (from === to) continue;
    try {
      for (const id of await changedNotes(repo, from, to)) changed.add(id);
    } catch {
      throw new StaleNotesError(); // the old tip is gone: notes were rewritten
    }
  }
  const known = [...changed].filter((id) => ledger.commitIndexOf(id) !== undefined);
  if (!known.length) return changed.size > 0;
  // Line evidence splits a commit's lines into cells: a change to it needs the diffs again.
  const withLineCells = new Set<number>();
  ledger.state.cells.lineLevel.forEach((level, cell) => {
    if (level !== COMMIT_LEVEL) withLineCells.add(ledger.state.cells.commit[cell]);
  });
  for await (const { info: commit } of streamCommits(repo, known, { changes: false })) {
    const index = ledger.commitIndexOf(commit.commit)!;
    const level = await resolver.resolve(commit);
    if (level.needsDiff || withLineCells.has(index)) throw new StaleNotesError();
    ledger.state.commits.level[index] = level.level;
    ledger.state.commits.source[index] = level.source;
  }
  return true;
}

export type { LedgerState };
