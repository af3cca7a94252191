import { loadConfig } from '../../../features/config.ts';
import { checkCommits, checkStaged, hasErrors } from '../../../features/zones/check.ts';
import { loadConfigAt } from '../../../features/zones/config-at.ts';
import { githubAnnotations, outcomeJson, renderOutcome } from '../../../features/zones/render.ts';
import { reviewNotice, stagedRefusal } from '../../../features/zones/refusal.ts';
import { readFileSync } from 'node:fs';
import { commitsForReceive } from '../../../git/push.ts';
import { openRepo } from '../../../git/repo.ts';
import { commitsInRange, resolveCommit, unpushedCommits } from '../../../git/revisions.ts';
import { ExitCode, InvalidValueError, UsageError } from '../../../model/errors.ts';
import { describeAllowed } from '../../../model/zones.ts';
import { defineCommand } from '../../command.ts';
import { rangeWords } from '../../range-words.ts';
import { colors, printJson, warn } from '../../../features/output.ts';

interface CheckArgs {
  range?: string[];
  _: (string | number)[];
  staged?: boolean;
  level?: string;
  json?: boolean;
  format?: 'text' | 'github';
  configRev?: string;
  preReceive?: boolean;
}

export const checkCommand = defineCommand<CheckArgs>({
  command: 'check [range..]',
  describe: 'check commits against zones, reviews, records and budgets (exit 1 on violations)',
  builder: (yargs) =>
    yargs
      .positional('range', {
        type: 'string',
        array: true,
        describe:
          'commits to check: B, A..B, A.., ..B or ^A B, e.g. origin/main..HEAD (default: commits on no remote-tracking branch); one revision checks that commit',
      })
      .option('staged', { type: 'boolean', describe: 'check the index instead: the zones it touches and the levels they allow' })
      .option('level', { type: 'string', requiresArg: true, describe: 'with --staged: the level to check the index at' })
      .option('json', { type: 'boolean', describe: 'print JSON: each violation with commit, path, zone and rule' })
      .option('format', { choices: ['text', 'github'] as const, default: 'text' as const, describe: 'github: GitHub Actions ::error annotations' })
      .option('config-rev', {
        type: 'string',
        requiresArg: true,
        describe: 'read .provenance.yml from this revision (CI: the target branch, so a change cannot loosen its own rules)',
      })
      .option('pre-receive', {
        type: 'boolean',
        describe: 'read pre-receive hook input ("<old> <new> <ref>" lines) on stdin and check what the push adds (server side)',
      })
      .conflicts('pre-receive', 'staged')
      .example('$0 check origin/main..HEAD', '')
      .example('$0 check --staged --level generated', ''),
  handler: async (argv) => {
    const words = rangeWords(argv, 'check');
    if (words.length && (argv.staged || argv.preReceive))
      throw new UsageError(`${argv.staged ? '--staged' : '--pre-receive'} takes no range (got "${words.join(' ')}")`, 'drop the range, or the option');
    // Judge the objects as stored: a replace ref (refs/replace/<bad> → a clean twin) or a graft
    // file would otherwise show git, and so the check, a different commit than the one pushed.
    process.env.GIT_NO_REPLACE_OBJECTS = '1';
    process.env.GIT_GRAFT_FILE = '/dev/null';
    const repo = openRepo();
    const { config } = argv.configRev ? await loadConfigAt(repo, argv.configRev) : await loadConfig(repo);
    if (argv.level !== undefined && !argv.staged) throw new UsageError('--level goes with --staged', 'a range is checked at the levels its commits recorded');
    if (argv.staged) {
      const level = argv.level?.trim().toLowerCase();
      if (level !== undefined && !config.levels.includes(level)) {
        throw new InvalidValueError('--level', `"${level}" is not one of levels [${config.levels.join(', ')}]`);
      }
      const staged = checkStaged(repo, config, { level });
      if (argv.json) {
        printJson({
          ok: staged.violations.length === 0 && staged.allowed.length > 0,
          level: staged.level ?? null,
          allowed: staged.allowed,
          files: staged.touches.map((touch) => ({ path: touch.path, zone: touch.zone.name, pattern: touch.pattern, allow: touch.zone.allow ?? config.levels })),
          violations: staged.violations,
          reviewsNeeded: staged.reviewsNeeded.map((need) => ({ zone: need.zone.name, reviewers: need.zone.reviewers, paths: need.paths })),
        });
      } else {
        const zones = new Map<string, number>();
        for (const touch of staged.touches) zones.set(touch.zone.name, (zones.get(touch.zone.name) ?? 0) + 1);
        const byName = new Map(config.zones.map((zone) => [zone.name, zone]));
        for (const [name, count] of zones) {
          process.stdout.write(
            `${name.padEnd(16)} ${String(count).padStart(6)} file${count === 1 ? ' ' : 's'}  allows ${describeAllowed(config, byName.get(name)!)}\n`,
          );
        }
        const allowed = staged.allowed.join(', ') || colors.red('none of them (split the commit)');
        process.stdout.write(`${staged.files.length} staged file${staged.files.length === 1 ? '' : 's'}; levels allowed for this commit: ${allowed}\n`);
        if (staged.violations.length) process.stdout.write(stagedRefusal(staged, colors));
        else for (const need of staged.reviewsNeeded) process.stdout.write(`note: ${reviewNotice(staged.level ?? '', need)}\n`);
      }
      if (staged.violations.length || !staged.allowed.length) process.exitCode = ExitCode.checkFailed;
      return;
    }
    const commits = argv.preReceive ? commitsForReceive(repo, readFileSync(0, 'utf8')) : words.length ? commitsInRange(repo, words) : unpushedCommits(repo);
    // The rules' revision also decides who is who (its .mailmap), not the work tree under check.
    const outcome = await checkCommits(repo, config, commits, { rulesRev: argv.configRev ? resolveCommit(repo, argv.configRev) : undefined });
    if (argv.json) printJson(outcomeJson(outcome));
    else if (argv.format === 'github') process.stdout.write(githubAnnotations(outcome));
    else {
      for (const warning of outcome.warnings) warn(warning);
      process.stdout.write(renderOutcome(outcome, colors, { what: argv.preReceive ? 'push' : 'check', width: process.stdout.columns || 100 }));
    }
    if (hasErrors(outcome)) process.exitCode = ExitCode.checkFailed;
  },
});
