/**
 * CSV/TSV reading with papaparse: delimiter and header detection, quoted fields, blank lines skipped.
 * The text is parsed one chunk of complete records at a time and the chosen cells go straight into a
 * Float64Array per batch, so memory is bounded by the batch, never by the file.
 */
import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import { InputError } from '../errors.js';
import type { ColumnChoice, ColumnResolver } from './columns.js';

export interface CsvOptions {
  /** Forced delimiter; detected among comma, tab and semicolon when absent. */
  readonly delimiter?: string;
  /** true / false force it; undefined: the first record is a header when a cell of it is not a number. */
  readonly header?: boolean;
  /** Empty, NaN and NA cells are missing values, read as NaN (for imputation); otherwise they are errors. */
  readonly missing?: boolean;
}

/** Rows of the chosen columns, row-major. */
export interface CsvBatch {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly columns: ColumnChoice;
}

const DELIMITERS = [',', '\t', ';'];
const NUMBER_WORDS = /^[+-]?(nan|inf|infinity)$/i;
const MISSING_CELL = /^(nan|na)?$/i;

/** A cell that reads as a number, even a non-finite one: such a first record is data, not a header. */
function looksNumeric(cell: string): boolean {
  const text = cell.trim();
  return text !== '' && (!Number.isNaN(Number(text)) || NUMBER_WORDS.test(text));
}

function isMissing(cell: string): boolean {
  return MISSING_CELL.test(cell.trim());
}

function isBlank(record: string[]): boolean {
  return record.length === 1 && record[0]!.trim() === '';
}

/** Index just past the last newline that is outside quotes (-1 if none): the records before it are complete. */
function completeRecordsEnd(text: string): number {
  if (!text.includes('"')) return text.lastIndexOf('\n');
  let inQuotes = false;
  let end = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) inQuotes = !inQuotes; // an escaped "" toggles twice
    else if (code === 10 && !inQuotes) end = i;
  }
  return end;
}

function countNewlines(record: string[]): number {
  let count = 0;
  for (const cell of record) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) count++;
  return count;
}

/** Parses records and turns the chosen cells into numbers; keeps the state that spans chunks. */
class RecordParser {
  #delimiter: string | undefined;
  #header: boolean | undefined;
  readonly #missing: boolean;
  #columns: ColumnChoice | undefined;
  #width = 0;
  #headerNames: string[] | undefined;
  /** 1-based line number of the next record. */
  #line = 1;
  rows = 0;

  constructor(
    private readonly label: string,
    options: CsvOptions,
    private readonly resolve: ColumnResolver,
  ) {
    this.#delimiter = options.delimiter;
    this.#header = options.header;
    this.#missing = options.missing === true;
  }

  get sawHeader(): boolean {
    return this.#headerNames !== undefined;
  }

  parse(text: string): CsvBatch | undefined {
    // One line ending for papaparse, even in files that mix CRLF and LF.
    const lines = text.includes('\r') ? text.replaceAll('\r\n', '\n').replace(/\r$/, '') : text;
    const result = Papa.parse<string[]>(lines, {
      delimiter: this.#delimiter ?? '',
      delimitersToGuess: DELIMITERS,
      newline: '\n',
      skipEmptyLines: false,
    });
    this.#delimiter ??= result.meta.delimiter;
    const unterminated = result.errors.find((error) => error.code === 'MissingQuotes');
    if (unterminated) throw new InputError(`${this.label}: row ${this.#line + (unterminated.row ?? 0)}: a quoted field is not closed`);
    return this.#toBatch(result.data);
  }

  #toBatch(records: string[][]): CsvBatch | undefined {
    let data: Float64Array | undefined;
    let rows = 0;
    for (const record of records) {
      const line = this.#line;
      this.#line += 1 + countNewlines(record);
      if (isBlank(record)) continue;
      if (this.#columns === undefined) {
        if (this.#start(record)) continue;
      }
      const columns = this.#columns!;
      if (record.length !== this.#width) {
        throw new InputError(`${this.label}: row ${line} has ${record.length} fields, expected ${this.#width} (as the first row)`);
      }
      data ??= new Float64Array(records.length * columns.indices.length);
      this.#readRow(record, line, data, rows * columns.indices.length);
      rows++;
    }
    if (rows === 0) return undefined;
    this.rows += rows;
    const cols = this.#columns!.indices.length;
    return { data: data!.subarray(0, rows * cols), rows, cols, columns: this.#columns! };
  }

  /** Sets up the columns from the first record; true when that record is the header. */
  #start(record: string[]): boolean {
    const isHeader = this.#header ?? !record.every((cell) => looksNumeric(cell) || (this.#missing && isMissing(cell)));
    this.#width = record.length;
    this.#headerNames = isHeader ? record.map((name) => name.trim()) : undefined;
    this.#columns = this.resolve(this.#headerNames, this.#width, this.label);
    return isHeader;
  }

  #readRow(record: string[], line: number, data: Float64Array, offset: number): void {
    const { indices, names, weight } = this.#columns!;
    for (let c = 0; c < indices.length; c++) {
      const cell = record[indices[c]!]!;
      if (this.#missing && isMissing(cell) && c !== weight) {
        data[offset + c] = NaN;
        continue;
      }
      const value = Number(cell);
      // Number('') and Number(' ') are 0: an empty cell is missing data, not zero.
      if (!Number.isFinite(value) || (value === 0 && cell.trim() === '')) this.#badCell(cell, line, names[c]!);
      if (c === weight && value < 0) {
        throw new InputError(`${this.label}: row ${line}, column "${names[c]}": the weight ${cell.trim()} is negative (expected a number >= 0)`);
      }
      data[offset + c] = value;
    }
  }

  #badCell(cell: string, line: number, column: string): never {
    const where = `${this.label}: row ${line}, column "${column}"`;
    if (cell.trim() === '') throw new InputError(`${where}: the cell is empty`);
    if (looksNumeric(cell)) throw new InputError(`${where}: ${JSON.stringify(cell)} is not a finite number`);
    throw new InputError(`${where}: ${JSON.stringify(cell)} is not a number`);
  }
}

/**
 * Batches of rows from a CSV text stream, as they arrive. Throws InputError naming the source (and row and
 * column) for bad cells, ragged rows, unclosed quotes, and a source with no data rows.
 */
export async function* readCsvBatches(
  input: AsyncIterable<string | Buffer>,
  label: string,
  options: CsvOptions,
  resolve: ColumnResolver,
): AsyncGenerator<CsvBatch> {
  const parser = new RecordParser(label, options, resolve);
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const end = completeRecordsEnd(pending);
    if (end < 0) continue;
    const batch = parser.parse(pending.slice(0, end));
    pending = pending.slice(end + 1);
    if (batch) yield batch;
  }
  pending += decoder.decode();
  const last = pending === '' ? undefined : parser.parse(pending);
  if (last) yield last;
  if (parser.rows === 0) {
    throw new InputError(`${label}: no data rows (${parser.sawHeader ? 'only a header' : 'the input is empty'})`);
  }
}

/** A whole table as one row-major matrix (growing by doubling; no arrays of rows). */
export interface CsvMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly names: string[];
}

export async function collectBatches(batches: AsyncIterable<CsvBatch>): Promise<CsvMatrix> {
  let data = new Float64Array(0);
  let length = 0;
  let last: CsvBatch | undefined;
  let rows = 0;
  for await (const batch of batches) {
    if (length + batch.data.length > data.length) {
      const grown = new Float64Array(Math.max(2 * data.length, length + batch.data.length, 1 << 16));
      grown.set(data.subarray(0, length));
      data = grown;
    }
    data.set(batch.data, length);
    length += batch.data.length;
    rows += batch.rows;
    last = batch;
  }
  // readCsvBatches throws when there are no rows, so there is a last batch.
  return { data: data.subarray(0, length), rows, cols: last!.cols, names: last!.columns.names };
}
