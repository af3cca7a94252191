// The report formats this feature adds: the HTML dashboard and the rows (NDJSON, Parquet).

import type { Report } from '../report/index.ts';
import { renderDashboard } from './html.ts';
import { reportDashboard, repositoryName } from './index.ts';
import { rowsToParquet } from './parquet.ts';
import { formatNdjson, reportRows } from './rows.ts';
import { openRepo } from '../../git/repo.ts';

export async function renderReportAs(format: 'html' | 'ndjson' | 'parquet', report: Report, options: { cwd?: string } = {}): Promise<string | Uint8Array> {
  if (format === 'html') return renderDashboard(await reportDashboard(report, options));
  const rows = reportRows(report, repositoryName(openRepo(options.cwd)));
  return format === 'ndjson' ? formatNdjson(rows) : rowsToParquet(rows);
}
