// The rows as one Parquet file (the same columns as `--format ndjson`, typed by columnType).

import { parquetWriteBuffer } from 'hyparquet-writer';
import { columnType, rowColumns, ROWS_SCHEMA, type Row } from './rows.ts';

export function rowsToParquet(rows: readonly Row[]): Uint8Array {
  const columns = rowColumns(rows);
  const columnData = columns.map((name) => {
    const type = columnType(name, rows);
    const data = rows.map((row) => {
      const value = row[name] ?? null;
      if (value === null) return null;
      if (type === 'BIGINT') return BigInt(value as number);
      if (type === 'VARCHAR') return String(value);
      return Number(value);
    });
    return { name, data, type: type === 'BIGINT' ? 'INT64' : type === 'DOUBLE' ? 'DOUBLE' : 'STRING' } as const;
  });
  const buffer = parquetWriteBuffer({ columnData, kvMetadata: [{ key: 'schema', value: ROWS_SCHEMA }] });
  return new Uint8Array(buffer);
}
