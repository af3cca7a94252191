// The checks behind the three gates: the index being committed (commit-msg, `check --staged`),
// the commits a push adds (pre-push) and a revision range (`check`, CI, pre-receive).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../model/config.ts';
import { UNKNOWN } from '../../model/levels.ts';
import { parseNote } from '../../model/note.ts';
import { createPlacer, type Placer } from '../../model/placement.ts';
import { resolveRecord, type ProvenanceRecord } from '../../model/record.ts';
import {
  STAGED,
  budgetViolations,
  checkCommit,
  evaluateBudgets,
  levelViolations,
  levelsAllowedForAll,
  reviewsNeeded,
  touchedZones,
  type BudgetCommit,
  type BudgetResult,
  type PathChange,
  type ReviewNeed,
  type Violation,
  type ZoneTouch,
} from '../../model/zones.ts';
import { type LoggedCommit, readCommits, readCommitsSince } from '../../git/commits.ts';
import { identity } from '../../git/config.ts';
import { type CommitLines, readLinesOf } from '../records/index.ts';
import type { Repo } from '../../git/repo.ts';
import { type StagedPath, stagedPaths } from '../../git/staged.ts';
import type { Trailer } from '../../model/trailers.ts';
import { toGlobs } from '../../model/paths.ts';
import { shortId } from '../../model/display.ts';
import type { Inference } from '../../model/inference.ts';
import { patchIds } from '../../git/patch-id.ts';
import { mergeOwnChanges } from '../../git/merges.ts';
import { arrivalTimes } from '../../model/dates.ts';
import { reviewEvidence } from './review-evidence.ts';

export interface CheckOutcome {
  /** Commits checked (merges excluded). */
  checked: number;
  merges: number;
  /** Commits with no record that `unknown: allow` let through. */
  unknown: string[];
  violations: Violation[];
  budgets: BudgetResult[];
  /** Problems reading records (bad notes, unknown level names), each naming its commit. */
  warnings: string[];
}

export function hasErrors(outcome: { violations: readonly Violation[] }): boolean {
  return outcome.violations.some((violation) => violation.severity === 'error');
}

export function recordOf(config: Config, commit: LoggedCommit, lines?: Map<string, CommitLines>): ProvenanceRecord {
  const note = commit.noteText === undefined ? undefined : parseNote(commit.noteText, config.levels);
  const found = lines?.get(commit.info.commit);
  const record = resolveRecord(config.levels, { ...commit.info, note, ...(found?.lines ? { lines: found.lines } : {}) });
  record.warnings.push(...(found?.warnings ?? []));
  return record;
}

/** Line evidence (git-ai notes, note ranges) of logged commits: a git-ai note is evidence only for lines the commit added. */
function linesOf(repo: Repo, config: Config, commits: readonly LoggedCommit[]): Promise<Map<string, CommitLines>> {
  return readLinesOf(
    repo,
    commits.map((commit) => ({
      commit: commit.info.commit,
      note: commit.noteText === undefined ? undefined : parseNote(commit.noteText, config.levels).note,
    })),
  );
}

export interface CheckOptions {
  /**
   * The revision the rules come from (`--config-rev`): its `.mailmap` decides who is who, not the
   * work tree's. Without it, git's own mailmap sources (a bare server repository: HEAD:.mailmap).
   */
  rulesRev?: string;
}

/** Checks the given commits (oldest first): records, zone levels, reviews, then budgets. */
export async function checkCommits(repo: Repo, config: Config, commits: readonly string[], options: CheckOptions = {}): Promise<CheckOutcome> {
  const outcome: CheckOutcome = { checked: 0, merges: 0, unknown: [], violations: [], budgets: [], warnings: [] };
  if (!commits.length) return outcome;
  const placer = createPlacer(config);
  const logged = await readCommits(repo, commits);
  const lines = await linesOf(repo, config, logged);
  let newest = 0;
  const records = new Map(logged.map((commit) => [commit.info.commit, recordOf(config, commit, lines)]));
  // Note reviews approve a patch id: compute the current ones, in one pass, where they matter.
  const reviewed = [...records.values()].filter((record) => record.reviews.some((review) => !review.fromTrailer)).map((record) => record.commit);
  const patches = patchIds(repo, reviewed);
  const people = await reviewEvidence(
    repo,
    config,
    logged.map((commit) => ({ ...commit.info, reviews: records.get(commit.info.commit)?.reviews ?? [] })),
    options.rulesRev,
  );
  for (const commit of logged) {
    let changes: readonly PathChange[] = commit.changes;
    if (commit.info.parents.length > 1) {
      outcome.merges++;
      // A merge is judged on what it changes beyond a clean merge of its parents, if anything.
      changes = mergeOwnChanges(repo, commit.info.commit, commit.info.parents);
      if (!changes.length) continue;
    }
    outcome.checked++;
    newest = Math.max(newest, commit.info.time);
    const record = records.get(commit.info.commit) as ProvenanceRecord;
    for (const warning of record.warnings) outcome.warnings.push(`${shortId(commit.info.commit)}: ${warning}`);
    if (record.level === UNKNOWN) outcome.unknown.push(commit.info.commit);
    const patch = patches.get(commit.info.commit);
    outcome.violations.push(
      ...checkCommit(config, placer, {
        commit: commit.info.commit,
        record,
        changes,
        authorEmail: commit.info.authorEmail,
        patch,
        identity: people?.identityFor(commit.info.commit),
        signatures: people?.signatures,
      }),
    );
  }
  if (config.budgets.length && outcome.checked) {
    outcome.budgets = await checkBudgets(repo, config, placer, logged, newest, outcome.warnings);
    outcome.violations.push(...budgetViolations(outcome.budgets, commits[commits.length - 1]));
  }
  return outcome;
}

/** `:(glob)` pathspecs for the budgeted services, when their patterns mean the same to git. */
function budgetPathspecs(config: Config): string[] {
  const patterns = config.budgets.flatMap((budget) => config.services[budget.service] ?? []);
  // Services detected without a `services` key, or patterns with syntax git's wildmatch reads
  // differently (braces, classes, extglobs): read every path and let the placer decide.
  if (!patterns.length || patterns.some((pattern) => /[{}[\]!?+@()\\]/.test(pattern))) return [];
  return [...new Set(patterns.flatMap(toGlobs))].map((glob) => `:(glob)${glob}`);
}

/**
 * Budgets over the window that ends at the newest checked commit (not the wall clock, so a CI
 * re-run gives the same answer): every non-merge commit reachable from the checked ones.
 */
async function checkBudgets(
  repo: Repo,
  config: Config,
  placer: Placer,
  checked: readonly LoggedCommit[],
  newestDate: number,
  warnings: string[],
): Promise<BudgetResult[]> {
  const longest = Math.max(...config.budgets.map((budget) => budget.windowDays));
  // History is what the checked commits build on: their parents outside the checked set.
  const isNew = new Set(checked.map((commit) => commit.info.commit));
  const boundary = [...new Set(checked.flatMap((commit) => commit.info.parents).filter((parent) => !isNew.has(parent)))];
  const now = Date.now() / 1000;
  const history = await readCommitsSince(repo, boundary, Math.min(newestDate, now) - longest * 86_400, budgetPathspecs(config));
  const lines = await linesOf(repo, config, [...history, ...checked]);
  // Dates are only a hint: a commit is never older than what it builds on, nor in the future.
  const arrival = arrivalTimes(
    [...history, ...checked].map((commit) => ({ commit: commit.info.commit, parents: commit.info.parents, time: commit.info.time })),
    now,
  );
  for (const flag of arrival.flags) if (isNew.has(flag.commit)) warnings.push(flag.message);
  const windowEnd = Math.max(0, ...checked.map((commit) => arrival.times.get(commit.info.commit) ?? 0));
  const toBudget = (commit: LoggedCommit, fresh: boolean): BudgetCommit => ({
    commit: commit.info.commit,
    time: arrival.times.get(commit.info.commit) ?? commit.info.time,
    level: recordOf(config, commit, lines).level,
    changes: commit.changes,
    isNew: fresh,
  });
  const budgetCommits = [
    ...history.filter((commit) => !isNew.has(commit.info.commit)).map((commit) => toBudget(commit, false)),
    ...checked.filter((commit) => commit.info.parents.length <= 1).map((commit) => toBudget(commit, true)),
  ];
  return evaluateBudgets(config, placer, budgetCommits, windowEnd);
}

// ---- The index being committed ----------------------------------------------------------------

export interface StagedOutcome {
  files: StagedPath[];
  touches: ZoneTouch[];
  /** Levels every touched zone allows. */
  allowed: string[];
  /** The level being committed, when known (from the message or --level). */
  level?: string;
  record?: ProvenanceRecord & { authorEmail: string };
  violations: Violation[];
  /** Reviews this commit will need before it can be pushed. */
  reviewsNeeded: ReviewNeed[];
}

/** The message as git will keep it: comment lines and everything below the scissors line dropped. */
function cleanMessage(text: string): string {
  const scissors = text.search(/^# -+ >8 -+$/m);
  const kept = scissors >= 0 ? text.slice(0, scissors) : text;
  return kept
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
}

/** True while git is making a merge commit: its changes are checked in the merged commits. */
export function isMerging(repo: Repo): boolean {
  return existsSync(join(repo.gitDir, 'MERGE_HEAD'));
}

/**
 * Zones of the index being committed and, when the level is known, the violations. The level
 * comes from `level`, else from the message (its trailers, then other tools' conventions),
 * raised to what `agent` (a coding agent seen in the environment) shows.
 */
export function checkStaged(
  repo: Repo,
  config: Config,
  options: { level?: string; message?: { text: string; trailers: readonly Trailer[] }; agent?: Inference } = {},
): StagedOutcome {
  const placer = createPlacer(config);
  const files = stagedPaths(repo);
  const touches = touchedZones(placer, files);
  const outcome: StagedOutcome = { files, touches, allowed: levelsAllowedForAll(config, touches), violations: [], reviewsNeeded: [] };
  let level = options.level;
  if (level === undefined && options.message) {
    const author = identity(repo, 'author');
    const message = cleanMessage(options.message.text);
    const record = resolveRecord(config.levels, {
      commit: STAGED,
      authorName: author.name,
      authorEmail: author.email,
      committerName: author.name,
      committerEmail: author.email,
      message,
      trailers: options.message.trailers,
      externalInference: options.agent,
    });
    outcome.record = { ...record, authorEmail: author.email };
    if (record.level !== UNKNOWN) level = record.level;
  }
  if (level === undefined) return outcome;
  outcome.level = level;
  outcome.violations = levelViolations(config, STAGED, level, touches);
  outcome.reviewsNeeded = reviewsNeeded(touches, level);
  return outcome;
}
