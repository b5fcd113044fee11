/** A data matrix with missing values (NaN), split into its complete rows and its incomplete rows grouped by pattern. */
import { DataError } from '../errors.js';
import type { Matrix } from '../data.js';
import { toMatrixWithMissing } from '../conditional/missing-data.js';

/** The incomplete rows sharing one missingness pattern. */
export interface MissingPattern {
  /** Observed and missing coordinates, ascending. */
  readonly observed: readonly number[];
  readonly missing: readonly number[];
  /** rows × observed.length: the observed values, row-major. */
  readonly values: Float64Array;
  readonly rows: number;
  /** The row of X each row comes from. */
  readonly rowIndex: Int32Array;
  /** Sample weight of each row (1 without weights). */
  readonly weights: Float64Array;
}

export interface SplitRows {
  readonly complete: Matrix;
  /** Sample weights of the complete rows (undefined without weights). */
  readonly completeWeight: Float64Array | undefined;
  /** The row of X each complete row comes from. */
  readonly completeIndex: Int32Array;
  readonly patterns: readonly MissingPattern[];
}

/** Validates X as toMatrix does but lets NaN through; a row with every value missing is an error naming it. */
export function toMatrixAllowingMissing(X: unknown): Matrix {
  const matrix = toMatrixWithMissing(X);
  const { data, rows, cols } = matrix;
  for (let row = 0; row < rows; row++) {
    let missing = 0;
    for (let c = 0; c < cols; c++) missing += Number(Number.isNaN(data[row * cols + c]!));
    if (missing === cols) throw new DataError(`X[row ${row}] has every value missing: a row needs at least one observed value`, { row });
  }
  return matrix;
}

/** Splits X (NaN = missing) into complete rows, copied once, and incomplete rows grouped by pattern. */
export function splitRows(X: Matrix, sampleWeight: Float64Array | undefined): SplitRows {
  const { data, rows, cols: d } = X;
  const completeRows: number[] = [];
  const groups = new Map<string, number[]>();
  for (let row = 0; row < rows; row++) {
    const missing: number[] = [];
    for (let c = 0; c < d; c++) if (Number.isNaN(data[row * d + c]!)) missing.push(c);
    if (missing.length === 0) {
      completeRows.push(row);
      continue;
    }
    const key = missing.join(',');
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const complete = new Float64Array(completeRows.length * d);
  completeRows.forEach((row, i) => complete.set(data.subarray(row * d, (row + 1) * d), i * d));
  const patterns = Array.from(groups.values(), (group) => {
    const first = group[0]!;
    const observed: number[] = [];
    const missing: number[] = [];
    for (let c = 0; c < d; c++) (Number.isNaN(data[first * d + c]!) ? missing : observed).push(c);
    const values = new Float64Array(group.length * observed.length);
    group.forEach((row, i) => observed.forEach((c, t) => (values[i * observed.length + t] = data[row * d + c]!)));
    const weights = Float64Array.from(group, (row) => (sampleWeight ? sampleWeight[row]! : 1));
    return { observed, missing, values, rows: group.length, rowIndex: Int32Array.from(group), weights };
  });
  return {
    complete: { data: complete, rows: completeRows.length, cols: d },
    completeWeight: sampleWeight && Float64Array.from(completeRows, (row) => sampleWeight[row]!),
    completeIndex: Int32Array.from(completeRows),
    patterns,
  };
}
