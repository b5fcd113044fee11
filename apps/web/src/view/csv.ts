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
  /** Row-major; NaN marks a missing value (only when they were allowed). */
  data: Float64Array;
  rows: number;
  cols: number;
  /** Missing cells, and rows with at least one, among the picked columns. */
  missing: { cells: number; rows: number };
}

/** The option's label, quoted by the error that suggests it. */
export const MISSING_OPTION_LABEL = 'Fit rows with missing values (EM)';

/** Strict number syntax: Number('') is 0 and Number('0x1f') is 31; neither is a measurement. */
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

export function looksNumeric(cell: string): boolean {
  return NUMBER.test(cell);
}

/** An empty cell, NaN or NA (any case), as spreadsheets and R write a missing value. */
export function looksMissing(cell: string): boolean {
  return /^\s*(nan|na)?\s*$/i.test(cell);
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

/**
 * The picked columns as a row-major matrix; the first bad cell throws, naming its row and column. With
 * `allowMissing`, empty / NaN / NA cells become NaN (a row with every picked cell missing still throws).
 */
export function pickColumns(table: CsvTable, picked: readonly number[], allowMissing = false): PickedData {
  if (picked.length === 0) throw new CsvError('Pick at least one column to fit.');
  const cols = picked.length;
  const rows = table.records.length;
  const data = new Float64Array(rows * cols);
  const missing = { cells: 0, rows: 0 };
  table.records.forEach((record, i) => {
    const row = table.rowNumbers[i]!;
    let gaps = 0;
    picked.forEach((c, p) => {
      const cell = record[c]!;
      const column = table.columns[c]!;
      if (looksNumeric(cell)) {
        data[i * cols + p] = Number(cell);
      } else if (allowMissing && looksMissing(cell)) {
        data[i * cols + p] = NaN;
        gaps++;
      } else {
        throw new CsvError(`Row ${row}, column "${column}": ${cellProblem(cell, allowMissing)}`, { row, column });
      }
    });
    if (gaps === cols) {
      throw new CsvError(`Row ${row}: every picked column is missing, so it says nothing to fit. Remove the row, or pick a column it has.`, { row });
    }
    missing.cells += gaps;
    if (gaps > 0) missing.rows++;
  });
  return { columns: picked.map((c) => table.columns[c]!), data, rows, cols, missing };
}

function cellProblem(cell: string, allowMissing: boolean): string {
  if (!allowMissing && looksMissing(cell)) {
    const what = cell.trim() === '' ? 'the cell is empty' : `${JSON.stringify(cell.trim())} marks a missing value`;
    return `${what}. Fix the cell, untick the column, or tick "${MISSING_OPTION_LABEL}".`;
  }
  return `${JSON.stringify(cell)} is not a number. Fix the cell, or untick the column.`;
}
