// The report as a terminal table, CSV and Markdown (JSON is the Report object itself).
// Columns are documented in docs/REPORT.md.

import Table from 'cli-table3';
import type { LevelFigures, ServiceFigures } from './aggregate.ts';
import type { Report } from './index.ts';
import { printablePath } from '../../model/safe-text.ts';
import { type Colors, noColors } from '../output.ts';
import { shortId } from '../../model/display.ts';

export function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** The AI share of all added lines: one figure when every line is known, else lower–upper. */
export function shareRange(service: ServiceFigures): string {
  const range = service.aiShareOfAll;
  if (!range) return '–';
  return range.lower === range.upper ? percent(range.lower) : `${percent(range.lower)}–${percent(range.upper)}`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function fraction(part: number, whole: number, rate: number | null): string {
  return whole === 0 ? '–' : `${percent(rate)} (${count(part)}/${count(whole)})`;
}

function describeRange(report: Report): string {
  const dates = `${report.range.startDate?.slice(0, 10) ?? '?'} → ${report.range.endDate.slice(0, 10)}`;
  const filters = [report.range.since && `since ${report.range.since}`, report.range.until && `until ${report.range.until}`].filter(Boolean).join(', ');
  return `${report.range.revision} (${shortId(report.range.end)}), ${dates}${filters ? `, ${filters}` : ''}, ${count(report.range.commits)} commits`;
}

function notes(report: Report): string[] {
  const out = [
    `Rework window ${report.windowDays} days; merges credited to ${report.merges === 'all-parents' ? 'the branch commits that wrote the lines' : 'the merge commit (first parent only)'}.`,
  ];
  const unknown = report.total.unknownShare ?? 0;
  if (unknown > 0) {
    out.push(
      `AI share is the share of all added lines at AI levels; ${percent(unknown)} of lines have no record, so it is a range: the lower bound counts them as human, the upper as AI (AI share of known lines only: ${percent(report.total.aiShare)}).`,
      'Narrow it: `git-provenance install` records every new commit; `--assume-unknown none` counts history from before the hooks as written without AI.',
    );
  }
  out.push(describeServices(report));
  if (report.assumeUnknown) out.push(`Unknown commits are counted as "${report.assumeUnknown}" (--assume-unknown).`);
  if (report.skipped.missingObjects.length)
    out.push(`${report.skipped.missingObjects.length} missing object(s) skipped: ${report.skipped.missingObjects.map((o) => shortId(o.id)).join(', ')}.`);
  return out;
}

function describeServices(report: Report): string {
  const detection = report.serviceDetection;
  if (report.serviceSource === 'config') return 'Services from .provenance.yml.';
  if (report.serviceSource === 'none') return 'No services found: every file is in (other); name them under `services:` in .provenance.yml.';
  const parts = detection.sources.map((s) => `${s.source} (${s.services} service${s.services === 1 ? '' : 's'}, ${percent(s.files)} of files)`);
  const other = detection.otherFiles > 0 ? `; ${percent(detection.otherFiles)} of files in (other)` : '';
  return `Services detected from ${parts.join(', ')}${other}. To pin or change them, copy \`serviceDetection.services\` of \`--format json\` under \`services:\` in .provenance.yml.`;
}

function levelRows(service: ServiceFigures, levels: readonly string[]): [string, LevelFigures][] {
  return levels
    .map((level) => [level, service.levels[level]] as [string, LevelFigures])
    .filter(([, f]) => f && (f.commits > 0 || f.linesAdded > 0 || f.surviving > 0));
}

const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export function formatTable(report: Report, paint: Colors = noColors): string {
  const out: string[] = [];
  out.push(paint.bold(`AI provenance report — ${describeRange(report)}`));
  const table = new Table({
    head: ['Service', 'AI share', 'Recorded', 'Unknown', 'Level', 'Commits', 'Added', 'Surviving', 'Rework', 'Fix follow-up', 'Reverted'],
    chars: COMPACT,
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'right', 'right', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const service of [...report.services, report.total]) {
    const label = service === report.total ? paint.bold('all services') : paint.bold(printablePath(service.service));
    const rows = levelRows(service, report.levels);
    const shares = [
      paint.cyan(shareRange(service)),
      percent(service.recordedShare),
      service.unknownShare ? paint.yellow(percent(service.unknownShare)) : percent(service.unknownShare),
    ];
    if (!rows.length) table.push([label, ...shares, paint.dim('no lines'), '', '', '', '', '', '']);
    rows.forEach(([level, f], i) => {
      table.push([
        i === 0 ? label : '',
        ...shares.map((share) => (i === 0 ? share : '')),
        level === 'unknown' ? paint.yellow(level) : level,
        count(f.commits),
        count(f.linesAdded),
        count(f.surviving),
        fraction(f.rework.reworked, f.rework.mature, f.rework.rate),
        fraction(f.fixFollowUp.followed, f.fixFollowUp.commits, f.fixFollowUp.rate),
        count(f.reverted),
      ]);
    });
  }
  out.push(table.toString());
  if (report.periods.length > 1) {
    const levels = trendLevels(report);
    const trend = new Table({
      head: ['Period', 'AI share', 'Unknown', ...levels.map((level) => `${level}: commits · lines · rework`)],
      chars: COMPACT,
      style: { head: [], border: [] },
      colAligns: ['left', 'right', 'right', ...levels.map(() => 'right' as const)],
    });
    for (const period of report.periods) trend.push(trendRow(period.total, period.period, levels));
    out.push('', paint.bold(`Trend by ${report.period} (velocity and rework per level)`), trend.toString());
  }
  out.push('', ...notes(report).map((line) => paint.dim(line)));
  return `${out.join('\n')}\n`;
}

/** Levels with any commit or line in some period. */
function trendLevels(report: Report): string[] {
  return report.levels.filter((level) => report.periods.some((period) => period.total.levels[level].commits > 0 || period.total.levels[level].linesAdded > 0));
}

function trendRow(total: ServiceFigures, label: string, levels: readonly string[]): string[] {
  return [
    label,
    shareRange(total),
    percent(total.unknownShare),
    ...levels.map((level) => {
      const f = total.levels[level];
      return `${count(f.commits)} · ${count(f.linesAdded)} · ${f.rework.mature ? percent(f.rework.rate) : '–'}`;
    }),
  ];
}

const CSV_COLUMNS = [
  'period',
  'service',
  'level',
  'commits',
  'linesAdded',
  'linesDeleted',
  'surviving',
  'replaced',
  'reworkMature',
  'reworked',
  'reworkRate',
  'fixFollowUpCommits',
  'fixFollowUpFollowed',
  'fixFollowUpRate',
  'reverted',
  'serviceAiShare',
  'serviceUnknownShare',
  'serviceAiShareLower',
  'serviceAiShareUpper',
  'serviceRecordedShare',
] as const;

/**
 * A CSV field. Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return: a service named "=HYPERLINK(…)") is prefixed with "'" so it stays text.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCsv(report: Report): string {
  const rows: (string | number | null)[][] = [[...CSV_COLUMNS]];
  const add = (period: string, services: ServiceFigures[]) => {
    for (const service of services) {
      for (const level of report.levels) {
        const f = service.levels[level];
        rows.push([
          period,
          service.service,
          level,
          f.commits,
          f.linesAdded,
          f.linesDeleted,
          f.surviving,
          f.replaced,
          f.rework.mature,
          f.rework.reworked,
          f.rework.rate,
          f.fixFollowUp.commits,
          f.fixFollowUp.followed,
          f.fixFollowUp.rate,
          f.reverted,
          service.aiShare,
          service.unknownShare,
          service.aiShareOfAll?.lower ?? null,
          service.aiShareOfAll?.upper ?? null,
          service.recordedShare,
        ]);
      }
    }
  };
  add('all', [...report.services, report.total]);
  for (const period of report.periods) add(period.period, [...period.services, period.total]);
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}

function mdRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function mdEscape(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function formatMarkdown(report: Report): string {
  const out: string[] = [`## AI provenance report`, '', `${mdEscape(describeRange(report))}`, ''];
  out.push('| Service | AI share | Recorded | Unknown | Level | Commits | Added | Deleted | Surviving | Rework | Fix follow-up | Reverted |');
  out.push('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const service of [...report.services, report.total]) {
    const rows = levelRows(service, report.levels);
    const label = service === report.total ? '**all services**' : mdEscape(printablePath(service.service));
    const shares = [shareRange(service), percent(service.recordedShare), percent(service.unknownShare)];
    if (!rows.length) out.push(`| ${label} | ${shares.join(' | ')} | | | | | | | | |`);
    rows.forEach(([level, f], i) => {
      const first = i === 0 ? [label, ...shares] : ['', '', '', ''];
      const lines = [count(f.commits), count(f.linesAdded), count(f.linesDeleted), count(f.surviving)];
      const rates = [fraction(f.rework.reworked, f.rework.mature, f.rework.rate), fraction(f.fixFollowUp.followed, f.fixFollowUp.commits, f.fixFollowUp.rate)];
      out.push(mdRow([...first, level, ...lines, ...rates, count(f.reverted)]));
    });
  }
  if (report.periods.length) {
    const levels = trendLevels(report);
    out.push(
      '',
      `### Trend by ${report.period} (velocity and rework per level)`,
      '',
      `| Period | AI share | Unknown | ${levels.map((level) => `${mdEscape(level)}: commits · lines · rework`).join(' | ')} |`,
      `| --- | ---: | ---: |${levels.map(() => ' ---: |').join('')}`,
    );
    for (const period of report.periods) out.push(mdRow(trendRow(period.total, period.period, levels)));
  }
  out.push('', ...notes(report).map((line) => `_${mdEscape(line)}_`));
  return `${out.join('\n')}\n`;
}
