import { Random } from '../../src/random.js';
import type { Matrix } from './data.js';

/**
 * A copy of X with about `fraction` of its entries set to NaN, chosen by a seeded stream; a row that would
 * lose every value keeps one (chosen by the same stream), so no row is all missing.
 */
export function removeEntries(X: Matrix, fraction: number, seed: number): Matrix {
  const rng = Random.fromSeed(seed);
  const data = X.data.map((value) => (rng.uniform() < fraction ? NaN : value));
  for (let row = 0; row < X.rows; row++) {
    const values = data.subarray(row * X.cols, (row + 1) * X.cols);
    if (values.every(Number.isNaN)) {
      const keep = rng.integer(0, X.cols - 1);
      values[keep] = X.data[row * X.cols + keep]!;
    }
  }
  return { ...X, data };
}

/** The rows of X without a NaN. */
export function completeRows(X: Matrix): Matrix {
  const kept: number[] = [];
  for (let row = 0; row < X.rows; row++) {
    if (!X.data.subarray(row * X.cols, (row + 1) * X.cols).some(Number.isNaN)) kept.push(row);
  }
  const data = new Float64Array(kept.length * X.cols);
  kept.forEach((row, i) => data.set(X.data.subarray(row * X.cols, (row + 1) * X.cols), i * X.cols));
  return { data, rows: kept.length, cols: X.cols };
}
