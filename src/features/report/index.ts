// `git-provenance report`: resolve the range, walk history once (or resume from the cache),
// aggregate. Everything that reads git goes through src/git/.

import { streamCommits } from '../../git/commits.ts';
import { findMissingObjects } from '../../git/history.ts';
import { changedNotes, NOTES_REF, GIT_AI_NOTES_REF } from '../../git/notes.ts';
import { openRepo, type Repo } from '../../git/repo.ts';
import { countFirstParent, lastFirstParentBefore, parseRange, refTip, resolveCommit, resolveRange, revList } from '../../git/revisions.ts';
import { listFiles, objectIds } from '../../git/tree.ts';
import { GitFailedError, ProvenanceError, UsageError } from '../../model/errors.ts';
import { createPlacer, OTHER_SERVICE } from '../../model/placement.ts';
import { compileFixPattern } from '../../model/fix-pattern.ts';
import { loadConfig } from '../config.ts';
import { aggregate, REPORT_SCHEMA, type Aggregate, type Period, type PeriodFigures, type ServiceFigures } from './aggregate.ts';
import { cacheKey, loadCache, saveCache } from './cache.ts';
import { Ledger, type LedgerState } from './engine.ts';
import { detectServices, generatedMatcher, type ServiceSource } from './services.ts';
import { HistoryRewrittenError, LevelResolver, walkHistory, type MergeMode } from './walk.ts';

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
  const windowDays = options.windowDays ?? config.rework.windowDays;
  if (!Number.isInteger(windowDays) || windowDays <= 0) throw new UsageError(`--window-days must be a positive whole number of days, not ${windowDays}`);
  const mode = options.mode ?? 'all-parents';
  const period = options.period ?? 'month';
  const files = listFiles(repo, end);
  const detected = detectServices(repo, end, config.services);
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
  const attributeBlobs = files.filter((file) => file === '.gitattributes' || file.endsWith('/.gitattributes'));
  const key = cacheKey({
    levels: config.levels,
    services: detected.services,
    ignore: config.ignore,
    fixPattern: config.rework.fixPattern,
    windowDays,
    mode,
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
  try {
    const cached = options.cache === false ? undefined : loadCache(repo, key);
    if (cached) {
      const resumed = new Ledger(settings, cached.state);
      try {
        notesRefreshed = await refreshNotes(repo, resumed, resolver, cached.notesTips, tips);
        excludePaths = cached.excludePaths;
        if (cached.tip !== end) await walkHistory(repo, resumed, resolver, { end, after: cached.tip, mode, excludePaths, onCommit: () => undefined });
        ledger = resumed;
        warnings.push(...cached.warnings);
        cacheState = cached.tip === end ? 'unchanged' : 'incremental';
      } catch (error) {
        if (!(error instanceof HistoryRewrittenError || error instanceof StaleNotesError || error instanceof GitFailedError)) throw error;
      }
    }
    if (!ledger) {
      for (let attempt = 0; ; attempt++) {
        const fresh = new Ledger(settings);
        const total = options.progress ? countFirstParent(repo, end) : 0;
        options.progress?.start(total);
        try {
          await walkHistory(repo, fresh, resolver, { end, mode, excludePaths, onCommit: () => options.progress?.tick() });
          ledger = fresh;
          break;
        } catch (error) {
          if (attempt > 0 || !(error instanceof GitFailedError) || !/unable to read|could not read|missing|bad object|promisor/i.test(error.stderr))
            throw error;
          missing = await findMissingObjects(repo, [end]);
          excludePaths = [...new Set(missing.flatMap((object) => object.paths))];
          if (!excludePaths.length) throw error;
        } finally {
          options.progress?.stop();
        }
      }
    }
  } finally {
    resolver.close();
  }
  warnings.push(...ledger.warnings, ...resolver.warnings);
  for (const object of missing) warnings.push(`object ${object.id} is missing (partial clone?); skipped ${object.paths.join(', ') || 'its path'}`);
  if (options.cache !== false && !(cacheState === 'unchanged' && !notesRefreshed)) {
    try {
      saveCache(repo, { version: 1, key, tip: end, notesTips: tips, excludePaths, warnings: [...ledger.warnings], state: ledger.state });
    } catch (error) {
      warnings.push(`the cache could not be written (${(error as Error).message}); the next run starts over`);
    }
  }
  const state = ledger.state;
  const isSelected = selection ? (commit: number) => selection.has(state.commits.id[commit]) : () => true;
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
    services: figures.services,
    total: figures.total,
    periods: figures.periods,
    skipped: { missingObjects: missing },
    cache: cacheState,
    warnings,
  };
}

class StaleNotesError extends Error {}

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
  for await (const { info: commit } of streamCommits(repo, known, { changes: false })) {
    const index = ledger.commitIndexOf(commit.commit)!;
    const level = await resolver.resolve(commit);
    ledger.state.commits.level[index] = level.level;
    ledger.state.commits.source[index] = level.source;
  }
  return true;
}

export type { LedgerState };
