/** CSV text → a table of strings → the numeric columns the visitor picked, with errors naming row and column. */
import Papa from 'papaparse';

/** A CSV problem; `row` is the line of the file (the header is row 1), `column` the column's name. */
export class CsvError extends Error {
  readonly row: number | undefined;
  readonly column: string | undefined;
  constructor(message: string, where: { row?: number; column?: string } = {}) {
    super(message);
    this.name = 'CsvError';
    this.row = where.row;
    this.column = where.column;
  }
}

export interface CsvTable {
  columns: string[];
  hasHeader: boolean;
  /** Data records (header excluded), every one as wide as `columns`. */
  records: string[][];
  /** The row number (line of the file, from 1) of every record, for messages. */
  rowNumbers: number[];
}

export interface PickedData {
  columns: string[];
  data: Float64Array;
  rows: number;
  cols: number;
}

/** Strict number syntax: Number('') is 0 and Number('0x1f') is 31; neither is a measurement. */
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

export function looksNumeric(cell: string): boolean {
  return NUMBER.test(cell);
}

const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '');

export function parseCsvText(text: string): CsvTable {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] });
  const structural = parsed.errors.find((error) => error.type === 'Quotes');
  if (structural) {
    throw new CsvError(`Row ${(structural.row ?? 0) + 1}: ${structural.message.toLowerCase()}`, { row: (structural.row ?? 0) + 1 });
  }
  const all = parsed.data.map((record, i) => ({ record, row: i + 1 })).filter(({ record }) => !isBlank(record));
  const first = all[0];
  if (!first) throw new CsvError('The CSV is empty: expected a header or a row of numbers.');
  const hasHeader = !first.record.every(looksNumeric);
  const width = first.record.length;
  const columns = hasHeader
    ? first.record.map((name, c) => name.trim() || `column ${c + 1}`)
    : Array.from({ length: width }, (_, c) => `column ${c + 1}`);
  const body = hasHeader ? all.slice(1) : all;
  if (body.length === 0) throw new CsvError('The CSV has a header but no data rows.');
  for (const { record, row } of body) {
    if (record.length !== width) {
      throw new CsvError(`Row ${row} has ${record.length} fields, expected ${width} (as the ${hasHeader ? 'header' : 'first row'}).`, { row });
    }
  }
  return { columns, hasHeader, records: body.map((b) => b.record), rowNumbers: body.map((b) => b.row) };
}

/** The columns picked by default: those whose first data cell is a number (text columns such as labels are left out). */
export function defaultColumns(table: CsvTable): number[] {
  const numeric = table.columns.map((_, c) => c).filter((c) => looksNumeric(table.records[0]![c]!));
  return numeric.length > 0 ? numeric : table.columns.map((_, c) => c);
}

/** The picked columns as a row-major matrix; the first bad cell throws, naming its row and column. */
export function pickColumns(table: CsvTable, picked: readonly number[]): PickedData {
  if (picked.length === 0) throw new CsvError('Pick at least one column to fit.');
  const cols = picked.length;
  const rows = table.records.length;
  const data = new Float64Array(rows * cols);
  table.records.forEach((record, i) => {
    picked.forEach((c, p) => {
      const cell = record[c]!;
      const row = table.rowNumbers[i]!;
      const column = table.columns[c]!;
      if (!looksNumeric(cell)) {
        const why = cell.trim() === '' ? 'the cell is empty' : `${JSON.stringify(cell)} is not a number`;
        throw new CsvError(`Row ${row}, column "${column}": ${why}. Fix the cell, or untick the column.`, { row, column });
      }
      data[i * cols + p] = Number(cell);
    });
  });
  return { columns: picked.map((c) => table.columns[c]!), data, rows, cols };
}
