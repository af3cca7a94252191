// The organisation's database: DuckDB through @duckdb/node-api, an OPTIONAL dependency loaded only
// here (the org commands), never by the hooks. Rows are those of `report --format ndjson`
// (git-provenance.rows/1); columns the report gains later are added to the table as they come.

import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ProvenanceError } from '../../model/errors.ts';
import type { BudgetUse, ExplanationCount } from '../dashboard/figures.ts';
import { rowsToParquet } from '../dashboard/parquet.ts';
import type { Row } from '../dashboard/rows.ts';

export class MissingDuckDbError extends ProvenanceError {
  constructor() {
    super('E_USAGE', 'the org commands need the optional package @duckdb/node-api, which is not installed', { hint: 'npm install @duckdb/node-api' });
  }
}

export interface RepositoryState {
  repository: string;
  path: string;
  /** HEAD, notes tips, config and tool version: the same state gives the same rows. */
  state: string;
  levels: string[];
  period: string;
  windowDays: number;
  commits: number;
  scannedAt: string;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS repositories (repository VARCHAR PRIMARY KEY, path VARCHAR, state VARCHAR, levels VARCHAR, period VARCHAR, window_days INTEGER, commits BIGINT, scanned_at VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS rows (repository VARCHAR, service VARCHAR, period VARCHAR, periodStart VARCHAR, periodEnd VARCHAR, level VARCHAR, commits BIGINT, linesAdded BIGINT, linesDeleted BIGINT, reworkMature BIGINT, reworkReworked BIGINT, reworkRate DOUBLE, fixFollowUpCommits BIGINT, fixFollowUpFollowed BIGINT, fixFollowUpRate DOUBLE, reverted BIGINT, surviving BIGINT, replaced BIGINT, serviceAiShare DOUBLE, serviceUnknownShare DOUBLE)`,
  `CREATE TABLE IF NOT EXISTS budgets (repository VARCHAR, service VARCHAR, windowDays INTEGER, maxAiShare DOUBLE, share DOUBLE, aiLines BIGINT, humanLines BIGINT, unknownLines BIGINT, over BOOLEAN, windowStart VARCHAR, windowEnd VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS explanations (repository VARCHAR, period VARCHAR, level VARCHAR, commits BIGINT, explained BIGINT)`,
];

export class OrgDb {
  private constructor(
    readonly connection: DuckDBConnection,
    private readonly release: () => void,
  ) {}

  static async open(path: string, options: { readOnly?: boolean } = {}): Promise<OrgDb> {
    let api: typeof import('@duckdb/node-api');
    try {
      api = await import('@duckdb/node-api');
    } catch {
      throw new MissingDuckDbError();
    }
    let instance: Awaited<ReturnType<typeof api.DuckDBInstance.create>>;
    try {
      instance = await api.DuckDBInstance.create(path, options.readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (error) {
      throw new ProvenanceError('E_USAGE', `cannot open the database ${path}: ${(error as Error).message.split('\n')[0]}`, {
        hint: options.readOnly ? 'give --db the file `org scan` wrote' : 'give --db a file path you can write to',
      });
    }
    const connection = await instance.connect();
    const db = new OrgDb(connection, () => {
      connection.closeSync();
      instance.closeSync();
    });
    if (!options.readOnly) for (const statement of SCHEMA) await connection.run(statement);
    return db;
  }

  close(): void {
    this.release();
  }

  async states(): Promise<Map<string, RepositoryState>> {
    const result = await this.connection.runAndReadAll('SELECT repository, path, state, levels, period, window_days, commits, scanned_at FROM repositories');
    const out = new Map<string, RepositoryState>();
    for (const row of result.getRowObjectsJson()) {
      out.set(String(row.repository), {
        repository: String(row.repository),
        path: String(row.path),
        state: String(row.state),
        levels: JSON.parse(String(row.levels)) as string[],
        period: String(row.period),
        windowDays: Number(row.window_days),
        commits: Number(row.commits),
        scannedAt: String(row.scanned_at),
      });
    }
    return out;
  }

  /** Replaces one repository's rows, budgets and explanations in one transaction. */
  async replace(state: RepositoryState, rows: readonly Row[], budgets: readonly BudgetUse[], explanations: readonly ExplanationCount[]): Promise<void> {
    const c = this.connection;
    const file = join(tmpdir(), `gp-org-${process.pid}-${Date.now()}.parquet`);
    try {
      if (rows.length) {
        writeFileSync(file, rowsToParquet(rows));
        const known = new Set((await c.runAndReadAll(`SELECT column_name FROM (DESCRIBE rows)`)).getRowObjectsJson().map((row) => String(row.column_name)));
        const incoming = (
          await c.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${quote(file)}))`)
        ).getRowObjectsJson();
        for (const column of incoming) {
          if (!known.has(String(column.column_name)))
            await c.run(`ALTER TABLE rows ADD COLUMN ${ident(String(column.column_name))} ${String(column.column_type)}`);
        }
      }
      await c.run('BEGIN TRANSACTION');
      for (const table of ['rows', 'budgets', 'explanations', 'repositories']) await c.run(`DELETE FROM ${table} WHERE repository = $1`, [state.repository]);
      if (rows.length) await c.run(`INSERT INTO rows BY NAME SELECT * FROM read_parquet(${quote(file)})`);
      for (const b of budgets) {
        await c.run('INSERT INTO budgets VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
          b.repository,
          b.service,
          b.windowDays,
          b.maxAiShare,
          b.share,
          b.aiLines,
          b.humanLines,
          b.unknownLines,
          b.over,
          b.windowStart,
          b.windowEnd,
        ]);
      }
      for (const e of explanations)
        await c.run('INSERT INTO explanations VALUES ($1, $2, $3, $4, $5)', [e.repository, e.period, e.level, e.commits, e.explained]);
      await c.run('INSERT INTO repositories VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        state.repository,
        state.path,
        state.state,
        JSON.stringify(state.levels),
        state.period,
        state.windowDays,
        state.commits,
        state.scannedAt,
      ]);
      await c.run('COMMIT');
    } catch (error) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      rmSync(file, { force: true });
    }
  }
}
