// What the dashboard shows beside the report's figures: each budget's use against its cap at the
// end of the range, and how many commits at each level carry an explanation (from each commit's
// record, cached: records.ts), with changed files read over the budget windows only.

import { readCommitsSince } from '../../git/commits.ts';
import type { Repo } from '../../git/repo.ts';
import type { Config } from '../../model/config.ts';
import { createPlacer } from '../../model/placement.ts';
import { evaluateBudgets, type BudgetResult } from '../../model/zones.ts';
import { periodOf, type Period } from '../report/aggregate.ts';
import { recordOf } from '../zones/check.ts';
import type { BudgetUse, ExplanationCount } from './figures.ts';
import { commitRecords, type CommitRecord } from './records.ts';

export interface Governance {
  budgets: BudgetUse[];
  explanations: ExplanationCount[];
}

const DAY = 86_400;
const iso = (time: number) => new Date(time * 1000).toISOString().replace('.000Z', 'Z');

export async function readGovernance(
  repo: Repo,
  config: Config,
  request: { end: string; startTime: number; endTime: number; period: Period; repository: string; cache?: boolean },
): Promise<Governance> {
  // Explanations need each commit's record (cached); budgets need the changed lines of their windows.
  const records = await commitRecords(repo, config, request.end, { cache: request.cache });
  const inRange = records.filter((commit) => commit.time >= request.startTime && commit.time <= request.endTime);
  let budgets: BudgetResult[] = [];
  if (config.budgets.length) {
    const longest = Math.max(...config.budgets.map((budget) => budget.windowDays));
    const changed = await readCommitsSince(repo, [request.end], request.endTime - longest * DAY);
    const budgetCommits = changed.map((commit) => ({
      commit: commit.info.commit,
      time: commit.info.time,
      level: recordOf(config, commit).level,
      changes: commit.changes,
      isNew: false,
    }));
    budgets = evaluateBudgets(config, createPlacer(config), budgetCommits, request.endTime);
  }
  return {
    budgets: budgets.map((result) => ({
      repository: request.repository,
      service: result.budget.service,
      windowDays: result.budget.windowDays,
      maxAiShare: result.budget.maxAiShare,
      share: result.share,
      aiLines: result.aiLines,
      humanLines: result.humanLines,
      unknownLines: result.unknownLines,
      over: result.share > result.budget.maxAiShare,
      windowStart: iso(result.windowStart),
      windowEnd: iso(result.windowEnd),
    })),
    explanations: countExplanations(inRange, { period: request.period, repository: request.repository }),
  };
}

/** Commits per period × level, and how many of them carry an explanation. */
export function countExplanations(commits: readonly CommitRecord[], options: { period: Period; repository: string }): ExplanationCount[] {
  const counts = new Map<string, ExplanationCount>();
  for (const commit of commits) {
    const period = periodOf(commit.time, options.period).key;
    const key = `${period}\0${commit.level}`;
    let count = counts.get(key);
    if (!count) {
      count = { repository: options.repository, period, level: commit.level, commits: 0, explained: 0 };
      counts.set(key, count);
    }
    count.commits++;
    if (commit.explained) count.explained++;
  }
  return [...counts.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.level < b.level ? -1 : 1));
}
