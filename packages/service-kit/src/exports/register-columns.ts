// A register (the rows a list endpoint answers, exported whole) is described once as columns:
// a header and how to read the cell from a row. CSV and XLSX are written from the same columns.

export type Cell = string | number | boolean | null;

export type RegisterColumn<Row> = {
  /** The column's key and header: a stable English name a spreadsheet formula can rely on. */
  header: string;
  value: (row: Row) => Cell;
  /** Spreadsheet width in characters; a default otherwise. */
  width?: number;
};

export function cellsOf<Row>(columns: readonly RegisterColumn<Row>[], row: Row): Cell[] {
  return columns.map((column) => column.value(row));
}
