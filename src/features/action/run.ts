// The GitHub Action's work (action.yml runs it): check the pushed or proposed commits against the
// target branch's rules with annotations, write the dashboard, the rows and the Markdown summary
// to a folder the workflow uploads, and post or update one comment on the pull request.

import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCommits } from '../../git/commits.ts';
import { openRepo } from '../../git/repo.ts';
import { commitsInRange, resolveCommit } from '../../git/revisions.ts';
import { UsageError } from '../../model/errors.ts';
import { loadConfig } from '../config.ts';
import { renderDashboard } from '../dashboard/html.ts';
import { reportDashboard, repositoryName } from '../dashboard/index.ts';
import { countExplanations } from '../dashboard/governance.ts';
import { commitRecord } from '../dashboard/records.ts';
import { formatNdjson, reportRows } from '../dashboard/rows.ts';
import { buildReport } from '../report/index.ts';
import { checkCommits, hasErrors } from '../zones/check.ts';
import { loadConfigAt } from '../zones/config-at.ts';
import { githubAnnotations } from '../zones/render.ts';
import { upsertComment } from './github.ts';
import { COMMENT_MARKER, summaryMarkdown } from './summary.ts';

export interface ActionResult {
  exitCode: number;
  outputDir: string;
  comment?: { action: 'created' | 'updated'; id: number };
}

interface Event {
  pull_request?: { number: number; base: { sha: string }; head: { sha: string } };
  before?: string;
  after?: string;
}

const ZERO = /^0+$/;

export async function runAction(env: NodeJS.ProcessEnv, write: (text: string) => void): Promise<ActionResult> {
  if (!env.GITHUB_EVENT_PATH) throw new UsageError('GITHUB_EVENT_PATH is not set', 'run this inside a GitHub Actions workflow (see action.yml)');
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Event;
  const cwd = env.GITHUB_WORKSPACE || process.cwd();
  const repo = openRepo(cwd);
  const pull = event.pull_request;
  const head = resolveCommit(repo, pull?.head.sha ?? event.after ?? 'HEAD');
  const baseRev = pull?.base.sha ?? (event.before && !ZERO.test(event.before) ? event.before : undefined);
  const base = baseRev ? resolveCommit(repo, baseRev) : undefined;
  const range = base ? `${base}..${head}` : head;

  // The rules (and the .mailmap) of the branch the commits go to: a change cannot loosen its own check.
  const { config } = base ? await loadConfigAt(repo, base) : await loadConfig(repo);
  const commits = commitsInRange(repo, [range]);
  const outcome = await checkCommits(repo, config, commits, { rulesRev: base });
  write(githubAnnotations(outcome));

  const outputDir = env.GIT_PROVENANCE_OUTPUT || join(env.RUNNER_TEMP || cwd, 'git-provenance');
  mkdirSync(outputDir, { recursive: true });
  const name = repositoryName(repo);
  const whole = await buildReport({ cwd, range: head });
  writeFileSync(join(outputDir, 'report.html'), renderDashboard(await reportDashboard(whole, { cwd })));
  writeFileSync(join(outputDir, 'rows.ndjson'), formatNdjson(reportRows(whole, name)));

  const proposed = commits.length ? await buildReport({ cwd, range, cache: false }) : undefined;
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  const markdown = summaryMarkdown({
    title: pull ? `AI provenance of pull request #${pull.number}` : `AI provenance of ${range.slice(0, 40)}`,
    report: proposed ?? { levels: whole.levels, range: { commits: 0 }, total: { aiShare: null, unknownShare: null, linesAdded: 0, levels: {} } },
    violations: outcome.violations,
    budgets: outcome.budgets,
    explanations: countExplanations(
      (await readCommits(repo, commits)).filter((commit) => commit.info.parents.length <= 1).map((commit) => commitRecord(config, commit)),
      { period: 'month', repository: name },
    ),
    runUrl,
  });
  writeFileSync(join(outputDir, 'summary.md'), markdown);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `dir=${outputDir}\n`);

  const result: ActionResult = { exitCode: hasErrors(outcome) ? 1 : 0, outputDir };
  if (pull && env.GITHUB_TOKEN && env.GITHUB_REPOSITORY) {
    try {
      result.comment = await upsertComment(
        { apiUrl: env.GITHUB_API_URL || 'https://api.github.com', token: env.GITHUB_TOKEN, repository: env.GITHUB_REPOSITORY, issue: pull.number },
        COMMENT_MARKER,
        markdown,
      );
      write(`git-provenance: ${result.comment.action} the pull request comment ${result.comment.id}\n`);
    } catch (error) {
      // A fork's pull request gets a read-only token: the check still stands without the comment.
      write(`::warning::git-provenance could not post the pull request comment: ${(error as Error).message.replace(/[\r\n%]/g, ' ')}\n`);
    }
  }
  return result;
}
