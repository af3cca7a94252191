// The report as flat rows for machines (schema `git-provenance.rows/1`, docs/REPORT.md): one row
// per repository × service × period × level, every figure a column. Pure. Fields the report
// gains later (schema 1 may grow) are flattened the same way, so they reach the rows unnamed here.

export const ROWS_SCHEMA = 'git-provenance.rows/1';
/** The service of the rows that count every service together (a commit in two services once). */
export const ALL_SERVICES = '(all)';

export type RowValue = string | number | null;
export type Row = Record<string, RowValue>;

/** The parts of a `git-provenance.report/1` object the rows read; anything else is tolerated. */
export interface ReportLike {
  levels: string[];
  period: string;
  periods: { period: string; start: string; end: string; services: ServiceLike[]; total: ServiceLike }[];
}

export interface ServiceLike {
  service: string;
  levels: Record<string, object>;
}

/** The columns every row has, in order; flattened extra figures follow them. */
export const ROW_KEY_COLUMNS = ['repository', 'service', 'period', 'periodStart', 'periodEnd', 'level'] as const;

const SERVICE_FIELDS_SKIPPED = new Set(['service', 'levels', 'linesAdded', 'commits']);

function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** `{rework: {mature: 3}}` → `{reworkMature: 3}`; numbers, strings, booleans and null are kept. */
export function flatten(value: object, prefix = '', out: Row = {}): Row {
  for (const [key, field] of Object.entries(value)) {
    const name = prefix ? `${prefix}${capitalize(key)}` : key;
    if (field === null || typeof field === 'number' || typeof field === 'string') out[name] = field;
    else if (typeof field === 'boolean') out[name] = field ? 1 : 0;
    else if (typeof field === 'object' && !Array.isArray(field)) flatten(field, name, out);
  }
  return out;
}

/** Every row of a report for one repository, periods oldest first, `(all)` after the services. */
export function reportRows(report: ReportLike, repository: string): Row[] {
  const rows: Row[] = [];
  for (const period of report.periods) {
    for (const service of [...period.services, period.total]) {
      const serviceFields: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(service)) if (!SERVICE_FIELDS_SKIPPED.has(key)) serviceFields[key] = value;
      const perService = flatten(serviceFields, 'service');
      for (const level of report.levels) {
        const figures = service.levels[level];
        if (!figures) continue;
        rows.push({
          repository,
          service: service.service,
          period: period.period,
          periodStart: period.start,
          periodEnd: period.end,
          level,
          ...flatten(figures),
          ...perService,
        });
      }
    }
  }
  return rows;
}

/** One JSON object per line. */
export function formatNdjson(rows: readonly Row[]): string {
  return rows.map((row) => JSON.stringify({ schema: ROWS_SCHEMA, ...row })).join('\n') + (rows.length ? '\n' : '');
}

/** Columns of a set of rows: the key columns, then every other column in first-seen order. */
export function rowColumns(rows: readonly Row[]): string[] {
  const columns = new Set<string>(ROW_KEY_COLUMNS);
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

export type ColumnType = 'VARCHAR' | 'BIGINT' | 'DOUBLE';

/** A column is a whole number (BIGINT) unless it is a rate, a share or holds a fraction. */
export function columnType(name: string, rows: readonly Row[]): ColumnType {
  let text = false;
  let fraction = /(Rate|Share|share|rate)$/.test(name) || /^service(Ai|Unknown)/.test(name);
  for (const row of rows) {
    const value = row[name];
    if (typeof value === 'string') text = true;
    else if (typeof value === 'number' && !Number.isInteger(value)) fraction = true;
  }
  return text ? 'VARCHAR' : fraction ? 'DOUBLE' : 'BIGINT';
}
