// What the dashboard shows beside the report's figures: each budget's use against its cap at the
// end of the range, and how many commits at each level carry an explanation: one `git log` of
// messages and notes over the report's dates, one with changed files over the budget windows.

import { readCommitsSince, type LoggedCommit } from '../../git/range.ts';
import type { Repo } from '../../git/repo.ts';
import type { Config } from '../../model/config.ts';
import { createPlacer } from '../../model/placement.ts';
import { evaluateBudgets, type BudgetResult } from '../../model/zones.ts';
import { periodOf, type Period } from '../report/aggregate.ts';
import { recordOf } from '../zones/check.ts';
import type { BudgetUse, ExplanationCount } from './figures.ts';

export interface Governance {
  budgets: BudgetUse[];
  explanations: ExplanationCount[];
}

const DAY = 86_400;
const iso = (time: number) => new Date(time * 1000).toISOString().replace('.000Z', 'Z');

export async function readGovernance(repo: Repo, config: Config, request: { end: string; startTime: number; endTime: number; period: Period; repository: string }): Promise<Governance> {
  // Explanations need messages and notes only; budgets need the changed lines of their windows.
  const messages = await readCommitsSince(repo, [request.end], request.startTime, [], { changes: false });
  const inRange = messages.filter((commit) => commit.time <= request.endTime);
  let budgets: BudgetResult[] = [];
  if (config.budgets.length) {
    const longest = Math.max(...config.budgets.map((budget) => budget.windowDays));
    const changed = await readCommitsSince(repo, [request.end], request.endTime - longest * DAY);
    const budgetCommits = changed.map((commit) => ({ commit: commit.info.commit, time: commit.time, level: recordOf(config, commit).level, changes: commit.changes, isNew: false }));
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
    explanations: countExplanations(config, inRange, { period: request.period, repository: request.repository }),
  };
}

/** Commits per period × level, and how many of them carry an explanation. */
export function countExplanations(config: Config, commits: readonly LoggedCommit[], options: { period: Period; repository: string }): ExplanationCount[] {
  const counts = new Map<string, ExplanationCount>();
  for (const commit of commits) {
    if (commit.info.parents.length > 1) continue;
    const record = recordOf(config, commit);
    const period = periodOf(commit.time, options.period).key;
    const key = `${period}\0${record.level}`;
    let count = counts.get(key);
    if (!count) counts.set(key, (count = { repository: options.repository, period, level: record.level, commits: 0, explained: 0 }));
    count.commits++;
    if (record.explanation) count.explained++;
  }
  return [...counts.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.level < b.level ? -1 : 1));
}
