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
  const credited = report.merges === 'all-parents' ? 'the branch commits that wrote the lines' : 'the merge commit (first parent only)';
  const services = report.serviceSource === 'none' ? 'no services found: every file is in (other)' : `services from ${report.serviceSource}`;
  const out = [`Rework window ${report.windowDays} days; merges credited to ${credited}; ${services}.`];
  if (report.assumeUnknown) out.push(`Unknown commits are counted as "${report.assumeUnknown}" (--assume-unknown).`);
  if (report.skipped.missingObjects.length)
    out.push(`${report.skipped.missingObjects.length} missing object(s) skipped: ${report.skipped.missingObjects.map((o) => shortId(o.id)).join(', ')}.`);
  return out;
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
    head: ['Service', 'AI share', 'Unknown', 'Level', 'Commits', 'Added', 'Surviving', 'Rework', 'Fix follow-up', 'Reverted'],
    chars: COMPACT,
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'right', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const service of [...report.services, report.total]) {
    const label = service === report.total ? paint.bold('all services') : paint.bold(printablePath(service.service));
    const rows = levelRows(service, report.levels);
    const shares = [paint.cyan(percent(service.aiShare)), service.unknownShare ? paint.yellow(percent(service.unknownShare)) : percent(service.unknownShare)];
    if (!rows.length) table.push([label, ...shares, paint.dim('no lines'), '', '', '', '', '', '']);
    rows.forEach(([level, f], i) => {
      table.push([
        i === 0 ? label : '',
        i === 0 ? shares[0] : '',
        i === 0 ? shares[1] : '',
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
    const trend = new Table({
      head: ['Period', 'Commits', 'Added', 'AI share', 'Unknown', 'Rework (AI levels)', `Rework (${report.levels[0]})`],
      chars: COMPACT,
      style: { head: [], border: [] },
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    });
    const ai = report.levels.slice(1, -1);
    for (const period of report.periods) {
      const t = period.total;
      const sum = (names: readonly string[]) =>
        names.reduce((acc, name) => ({ reworked: acc.reworked + t.levels[name].rework.reworked, mature: acc.mature + t.levels[name].rework.mature }), {
          reworked: 0,
          mature: 0,
        });
      const aiRework = sum(ai);
      const firstRework = sum(report.levels.slice(0, 1));
      trend.push([
        period.period,
        count(t.commits),
        count(t.linesAdded),
        percent(t.aiShare),
        percent(t.unknownShare),
        aiRework.mature ? percent(aiRework.reworked / aiRework.mature) : '–',
        firstRework.mature ? percent(firstRework.reworked / firstRework.mature) : '–',
      ]);
    }
    out.push('', paint.bold(`Trend by ${report.period}`), trend.toString());
  }
  out.push('', ...notes(report).map((line) => paint.dim(line)));
  return `${out.join('\n')}\n`;
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
  out.push('| Service | AI share | Unknown | Level | Commits | Added | Deleted | Surviving | Rework | Fix follow-up | Reverted |');
  out.push('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const service of [...report.services, report.total]) {
    const rows = levelRows(service, report.levels);
    const label = service === report.total ? '**all services**' : mdEscape(printablePath(service.service));
    if (!rows.length) out.push(`| ${label} | ${percent(service.aiShare)} | ${percent(service.unknownShare)} | | | | | | | | |`);
    rows.forEach(([level, f], i) => {
      const shares = i === 0 ? [label, percent(service.aiShare), percent(service.unknownShare)] : ['', '', ''];
      const lines = [count(f.commits), count(f.linesAdded), count(f.linesDeleted), count(f.surviving)];
      const rates = [fraction(f.rework.reworked, f.rework.mature, f.rework.rate), fraction(f.fixFollowUp.followed, f.fixFollowUp.commits, f.fixFollowUp.rate)];
      out.push(mdRow([...shares, level, ...lines, ...rates, count(f.reverted)]));
    });
  }
  if (report.periods.length) {
    out.push('', `### Trend by ${report.period}`, '', '| Period | Commits | Added | AI share | Unknown |', '| --- | ---: | ---: | ---: | ---: |');
    for (const { period: name, total } of report.periods) {
      out.push(mdRow([name, count(total.commits), count(total.linesAdded), percent(total.aiShare), percent(total.unknownShare)]));
    }
  }
  out.push('', ...notes(report).map((line) => `_${mdEscape(line)}_`));
  return `${out.join('\n')}\n`;
}
