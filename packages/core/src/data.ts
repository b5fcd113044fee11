import { DataError, describe } from './errors.js';

/** A data set: rows as arrays, or a row-major matrix (which is used without copying). */
export type DataInput = number[][] | { data: Float64Array; rows: number; cols: number };

/** A validated, finite, row-major matrix. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

function nonFiniteName(value: number): string {
  return Number.isNaN(value) ? 'NaN' : String(value);
}

function checkFinite(data: Float64Array, rows: number, cols: number): void {
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < cols; column++) {
      const value = data[row * cols + column]!;
      if (!Number.isFinite(value)) {
        throw new DataError(`X[row ${row}, column ${column}] is ${nonFiniteName(value)}`, { row, column });
      }
    }
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function fromRows(rows: unknown[]): Matrix {
  if (rows.length === 0) throw new DataError('X is empty: it has no rows');
  const first = rows[0];
  if (!Array.isArray(first)) throw new DataError(`X[row 0] must be an array of numbers, received ${describe(first)}`, { row: 0 });
  const cols = first.length;
  if (cols === 0) throw new DataError('X is empty: row 0 has no columns', { row: 0 });
  const data = new Float64Array(rows.length * cols);
  for (let row = 0; row < rows.length; row++) {
    const values = rows[row];
    if (!Array.isArray(values)) {
      throw new DataError(`X[row ${row}] must be an array of numbers, received ${describe(values)}`, { row });
    }
    if (values.length !== cols) {
      throw new DataError(`X is ragged: row ${row} has ${values.length} columns, row 0 has ${cols}`, { row });
    }
    for (let column = 0; column < cols; column++) {
      const value: unknown = values[column];
      if (typeof value !== 'number') {
        throw new DataError(`X[row ${row}, column ${column}] must be a number, received ${describe(value)}`, { row, column });
      }
      data[row * cols + column] = value;
    }
  }
  checkFinite(data, rows.length, cols);
  return { data, rows: rows.length, cols };
}

function fromFlat(input: { data: unknown; rows: unknown; cols: unknown }): Matrix {
  const { data, rows, cols } = input;
  if (!(data instanceof Float64Array)) throw new DataError(`X.data must be a Float64Array, received ${describe(data)}`);
  if (rows === 0) throw new DataError('X is empty: it has no rows');
  if (!isCount(rows)) throw new DataError(`X.rows must be an integer >= 1, received ${describe(rows)}`);
  if (!isCount(cols)) throw new DataError(`X.cols must be an integer >= 1, received ${describe(cols)}`);
  if (data.length !== rows * cols) {
    throw new DataError(`X.data holds ${data.length} values, X.rows × X.cols = ${rows} × ${cols} = ${rows * cols}`);
  }
  checkFinite(data, rows, cols);
  return { data, rows, cols };
}

/** Validates `X` (non-empty, rectangular, finite) and returns it as a row-major matrix. */
export function toMatrix(X: unknown): Matrix {
  if (Array.isArray(X)) return fromRows(X);
  if (typeof X === 'object' && X !== null && 'data' in X && 'rows' in X && 'cols' in X) return fromFlat(X);
  throw new DataError(`X must be a number[][] or { data: Float64Array, rows, cols }, received ${describe(X)}`);
}

/** Checks that X has the number of features a model was fitted on. */
export function expectFeatures(X: Matrix, nFeatures: number): void {
  if (X.cols !== nFeatures) {
    throw new DataError(`X has ${X.cols} features, the model expects ${nFeatures}`);
  }
}
