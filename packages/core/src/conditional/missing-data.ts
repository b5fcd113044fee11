/** Data matrices in which NaN marks a missing value (for imputation); every other check is toMatrix's. */
import { toMatrix, type Matrix } from '../data.js';

const zeroIfNaN = (value: unknown): unknown => (typeof value === 'number' && Number.isNaN(value) ? 0 : value);

/** Validates X as toMatrix does (shape, numbers, no ±Infinity) but lets NaN entries through. */
export function toMatrixWithMissing(X: unknown): Matrix {
  if (Array.isArray(X)) {
    const matrix = toMatrix(X.map((row: unknown) => (Array.isArray(row) ? row.map(zeroIfNaN) : row)));
    (X as number[][]).forEach((row, i) =>
      row.forEach((value, c) => {
        if (Number.isNaN(value)) matrix.data[i * matrix.cols + c] = NaN;
      }),
    );
    return matrix;
  }
  if (typeof X === 'object' && X !== null && 'data' in X && X.data instanceof Float64Array) {
    const matrix = toMatrix({ ...X, data: X.data.map((value) => (Number.isNaN(value) ? 0 : value)) });
    return { data: X.data, rows: matrix.rows, cols: matrix.cols };
  }
  return toMatrix(X);
}
