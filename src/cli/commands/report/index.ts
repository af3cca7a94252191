import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { safeJson } from '../../../model/safe-text.ts';
import { buildReport, type Report, type ReportOptions } from '../../../features/report/index.ts';
import { formatCsv, formatMarkdown, formatTable } from '../../../features/report/format.ts';
import { UsageError } from '../../../model/errors.ts';
import { defineCommand } from '../../command.ts';
import { rangeWords } from '../../range-words.ts';
import { colors, noColors, warn } from '../../../features/output.ts';
import { renderReportAs } from '../../../features/dashboard/render.ts';

interface ReportArgs {
  range?: string[];
  _: (string | number)[];
  since?: string;
  until?: string;
  service?: string[];
  period: 'week' | 'month';
  windowDays?: number;
  firstParent?: boolean;
  allParents?: boolean;
  assumeUnknown?: string;
  format: 'table' | 'json' | 'csv' | 'markdown' | 'html' | 'ndjson' | 'parquet';
  output?: string;
  cache: boolean;
}

/** A progress bar on stderr for long runs, only when stderr is a terminal. */
async function progressBar(): Promise<ReportOptions['progress']> {
  if (!process.stderr.isTTY) return undefined;
  // A CommonJS module: bundled, a dynamic import gives only its default export.
  const progress = await import('cli-progress');
  const { SingleBar } = (progress as unknown as { default?: typeof progress }).default ?? progress;
  let bar: InstanceType<typeof SingleBar> | undefined;
  let done = 0;
  return {
    start(total) {
      done = 0;
      if (total < 2000) return;
      bar = new SingleBar({
        stream: process.stderr,
        format: 'reading history [{bar}] {value}/{total} commits',
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
      });
      bar.start(total, 0);
    },
    tick() {
      done++;
      if (bar && done % 200 === 0) bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

export const reportCommand = defineCommand<ReportArgs>({
  command: 'report [range..]',
  describe: 'per-service AI share, rework and fix follow-ups from git history',
  builder: (yargs) =>
    yargs
      .positional('range', { type: 'string', array: true, describe: 'a revision (default HEAD), A..B, A.., ..B or ^A B' })
      .option('since', { type: 'string', describe: 'count only commits committed after this date', requiresArg: true })
      .option('until', { type: 'string', describe: 'end the range at the last commit before this date', requiresArg: true })
      .option('service', { type: 'string', array: true, describe: 'only these services (repeatable)', requiresArg: true })
      .option('period', { choices: ['week', 'month'] as const, default: 'month' as const, describe: 'trend period' })
      .option('window-days', { type: 'number', describe: 'rework window in days (default: rework.windowDays from the config, 14)', requiresArg: true })
      .option('first-parent', { type: 'boolean', describe: 'credit lines a merge brings in to the merge itself (as git blame --first-parent)' })
      .option('all-parents', { type: 'boolean', describe: 'credit lines a merge brings in to the branch commits that wrote them (default)' })
      .conflicts('first-parent', 'all-parents')
      .option('assume-unknown', { choices: ['none'], describe: 'count commits with no record as the first level (history from before the hooks)' })
      .option('format', {
        choices: ['table', 'json', 'csv', 'markdown', 'html', 'ndjson', 'parquet'] as const,
        default: 'table' as const,
        describe: 'output format',
      })
      .option('output', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout (- is stdout)', requiresArg: true })
      .option('cache', { type: 'boolean', default: true, describe: 'use and update the cache in .git/provenance/ (--no-cache to skip)' }),
  handler: async (argv) => {
    if (argv.windowDays !== undefined && (!Number.isInteger(argv.windowDays) || argv.windowDays <= 0)) {
      throw new UsageError(`--window-days must be a positive whole number of days${Number.isNaN(argv.windowDays) ? '' : `, not ${argv.windowDays}`}`);
    }
    boundHeapGrowth();
    const report: Report = await buildReport({
      range: rangeWords(argv, 'report').join(' ') || undefined,
      since: argv.since,
      until: argv.until,
      services: argv.service,
      period: argv.period,
      windowDays: argv.windowDays,
      mode: argv.firstParent ? 'first-parent' : 'all-parents',
      assumeUnknown: argv.assumeUnknown === 'none' ? 'none' : undefined,
      cache: argv.cache,
      progress: await progressBar(),
    });
    const shown = report.warnings.slice(0, 20);
    for (const warning of shown) warn(warning);
    if (report.warnings.length > shown.length) warn(`… and ${report.warnings.length - shown.length} more warnings`);
    let text: string | Uint8Array;
    // `-o -` is standard output, as for most tools that take an output file.
    const toFile = argv.output !== undefined && argv.output !== '-' ? argv.output : undefined;
    switch (argv.format) {
      case 'html':
      case 'ndjson':
      case 'parquet':
        if (argv.format === 'parquet' && !toFile && process.stdout.isTTY)
          throw new UsageError('Parquet is binary and stdout is a terminal', 'write it to a file with -o report.parquet');
        text = await renderReportAs(argv.format, report);
        break;
      case 'json':
        text = `${safeJson(report)}\n`;
        break;
      case 'csv':
        text = formatCsv(report);
        break;
      case 'markdown':
        text = formatMarkdown(report);
        break;
      default:
        text = formatTable(report, toFile ? noColors : colors);
    }
    if (toFile) {
      try {
        writeFileSync(toFile, text);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason =
          code === 'ENOENT'
            ? 'its folder does not exist'
            : code === 'EISDIR'
              ? 'it is a folder'
              : code === 'EACCES' || code === 'EPERM'
                ? 'permission denied'
                : (error as Error).message;
        throw new UsageError(`cannot write the report to ${toFile}: ${reason}`, 'give -o a file path in a folder you can write to');
      }
    } else process.stdout.write(text);
  },
});

/**
 * The walk allocates steadily while its live data stays small (the ledger grows with the lines
 * alive and a few numbers per commit). V8's defaults let the heap grow to 3-4x what is live and
 * the young generation to 16 MB semi-spaces before collecting: peak memory was 8x the tip's text
 * on the merge-heavy benchmark. Growing the old generation by 25% at a time and keeping the
 * young generation at its initial size brings it under 5x for a few percent of CPU (DECISIONS.md
 * section 9). Both flags are read at each collection, so setting them now takes effect.
 */
function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=25');
  setFlagsFromString('--semi-space-growth-factor=1');
}
