// `git-provenance org scan|report`: the report over many repositories, kept in DuckDB.

import { writeFileSync } from 'node:fs';
import Table from 'cli-table3';
import pkg from '../../../../package.json' with { type: 'json' };
import { renderDashboard } from '../../../features/dashboard/html.ts';
import { percent, count, fraction } from '../../../features/dashboard/figures.ts';
import { OrgDb } from '../../../features/org/db.ts';
import { orgDashboard, orgReport, type OrgReport } from '../../../features/org/report.ts';
import { resolveTargets, scanOne, scanRepositories, type ScanSummary } from '../../../features/org/scan.ts';
import type { Period } from '../../../features/report/aggregate.ts';
import { ExitCode, UsageError } from '../../../model/errors.ts';
import { printablePath } from '../../../model/safe-text.ts';
import { defineCommand } from '../../command.ts';
import { printJson, warn } from '../../../features/output.ts';

interface ScanArgs {
  targets: string[];
  db: string;
  period: Period;
  jobs?: number;
  json?: boolean;
}

interface ScanOneArgs {
  path: string;
  name: string;
  period: Period;
}

interface OrgReportArgs {
  db: string;
  format: 'table' | 'json' | 'html';
  output?: string;
}

/** A bar of repositories done, on stderr when it is a terminal. */
async function progressBar(): Promise<Parameters<typeof scanRepositories>[1]['progress']> {
  if (!process.stderr.isTTY) return undefined;
  // A CommonJS module: bundled, a dynamic import gives only its default export.
  const progress = await import('cli-progress');
  const { SingleBar } = (progress as unknown as { default?: typeof progress }).default ?? progress;
  let bar: InstanceType<typeof SingleBar> | undefined;
  return {
    start(total) {
      bar = new SingleBar({
        stream: process.stderr,
        format: 'scanning [{bar}] {value}/{total} repositories {name}',
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
      });
      bar.start(total, 0, { name: '' });
    },
    done(repository) {
      bar?.increment(1, { name: printablePath(repository) });
    },
    stop() {
      bar?.stop();
    },
  };
}

function summaryText(summary: ScanSummary): string {
  const lines = summary.scanned.map(
    (entry) => `scanned ${printablePath(entry.repository)}: ${count(entry.commits)} commits (${entry.cache} cache, ${entry.seconds.toFixed(1)} s)`,
  );
  for (const failure of summary.failed) lines.push(`failed ${printablePath(failure.repository)}: ${printablePath(failure.error)}`);
  lines.push(`${summary.scanned.length} scanned, ${summary.unchanged.length} unchanged, ${summary.failed.length} failed`);
  return `${lines.join('\n')}\n`;
}

const scanCommand = defineCommand<ScanArgs>({
  command: 'scan <targets..>',
  describe: 'report every repository (clones, folders of clones, or list files) into a DuckDB database',
  builder: (yargs) =>
    yargs
      .positional('targets', { type: 'string', array: true, describe: 'clones, folders holding clones, or files listing them (one a line)' })
      .option('db', { type: 'string', demandOption: true, requiresArg: true, describe: 'the DuckDB database file (created when missing)' })
      .option('period', { choices: ['week', 'month'] as const, default: 'month' as const, describe: 'trend period' })
      .option('jobs', { alias: 'j', type: 'number', requiresArg: true, describe: 'repositories read at once (default: the number of cores)' })
      .option('json', { type: 'boolean', describe: 'print the summary as JSON' }),
  handler: async (argv) => {
    if (argv.jobs !== undefined && (!Number.isInteger(argv.jobs) || argv.jobs <= 0))
      throw new UsageError(`--jobs must be a positive whole number, not ${argv.jobs}`);
    const targets = resolveTargets(argv.targets);
    const db = await OrgDb.open(argv.db);
    try {
      const summary = await scanRepositories(targets, {
        db,
        period: argv.period,
        jobs: argv.jobs,
        version: pkg.version,
        command: (target) => ({
          command: process.execPath,
          args: [process.argv[1], 'org', 'scan-one', target.path, '--name', target.repository, '--period', argv.period],
        }),
        progress: await progressBar(),
        warn,
      });
      if (argv.json) printJson(summary);
      else process.stdout.write(summaryText(summary));
      if (summary.failed.length) process.exitCode = ExitCode.checkFailed;
    } finally {
      db.close();
    }
  },
});

const scanOneCommand = defineCommand<ScanOneArgs>({
  command: 'scan-one <path>',
  describe: false as unknown as string, // internal: one repository of `org scan`, as JSON
  builder: (yargs) =>
    yargs
      .positional('path', { type: 'string', demandOption: true })
      .option('name', { type: 'string', demandOption: true, requiresArg: true })
      .option('period', { choices: ['week', 'month'] as const, default: 'month' as const }),
  handler: async (argv) => {
    process.stdout.write(JSON.stringify(await scanOne({ path: argv.path, repository: argv.name }, { period: argv.period })));
  },
});

function orgTable(report: OrgReport): string {
  const ai = report.levels.slice(1, -1);
  const table = new Table({
    head: [
      'Repository',
      'AI share',
      'Range',
      'Unknown',
      'Commits',
      'Lines added',
      'Rework (AI levels)',
      `Rework (${report.levels[0]})`,
      'Fix follow-up (AI)',
      'Reverted',
    ],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const figures of [...report.repositories, report.total]) {
    const sum = (levels: string[], part: 'reworkReworked' | 'reworkMature' | 'fixFollowUpFollowed' | 'fixFollowUpCommits' | 'reverted') =>
      levels.reduce((acc, level) => acc + (figures.levels[level]?.[part] ?? 0), 0);
    table.push([
      printablePath(figures.repository),
      percent(figures.aiShare),
      figures.aiShareLower === null ? '–' : `${percent(figures.aiShareLower)}–${percent(figures.aiShareUpper)}`,
      percent(figures.unknownShare),
      count(figures.commits),
      count(figures.linesAdded),
      fraction(sum(ai, 'reworkReworked'), sum(ai, 'reworkMature')),
      fraction(sum(report.levels.slice(0, 1), 'reworkReworked'), sum(report.levels.slice(0, 1), 'reworkMature')),
      fraction(sum(ai, 'fixFollowUpFollowed'), sum(ai, 'fixFollowUpCommits')),
      count(sum(report.levels, 'reverted')),
    ]);
  }
  return `${table.toString()}\n`;
}

const orgReportCommand = defineCommand<OrgReportArgs>({
  command: 'report',
  describe: 'the organisation: figures per repository, aggregated in DuckDB',
  builder: (yargs) =>
    yargs
      .option('db', { type: 'string', demandOption: true, requiresArg: true, describe: 'the DuckDB database `org scan` wrote' })
      .option('format', { choices: ['table', 'json', 'html'] as const, default: 'table' as const, describe: 'output format' })
      .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: 'write to this file instead of stdout (- is stdout)' }),
  handler: async (argv) => {
    const db = await OrgDb.open(argv.db, { readOnly: true });
    let text: string;
    try {
      if (argv.format === 'html') text = renderDashboard(await orgDashboard(db));
      else {
        const report = await orgReport(db);
        text = argv.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : orgTable(report);
      }
    } finally {
      db.close();
    }
    if (argv.output !== undefined && argv.output !== '-') {
      try {
        writeFileSync(argv.output, text);
      } catch (error) {
        throw new UsageError(`cannot write to ${argv.output}: ${(error as Error).message}`, 'give -o a file path in a folder you can write to');
      }
    } else process.stdout.write(text);
  },
});

export const orgCommand = defineCommand<Record<string, never>>({
  command: 'org <command>',
  describe: 'many repositories: scan them into DuckDB, then report across them',
  builder: (yargs) => yargs.command(scanCommand).command(orgReportCommand).command(scanOneCommand).demandCommand(1, 'name an org command: scan or report'),
  handler: () => undefined,
});
