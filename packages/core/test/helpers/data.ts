import { loadDataset, type DatasetName } from '@gmm/datasets';

/** A row-major matrix, the `{ data, rows, cols }` form of DataInput. */
export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

export function loadData(name: DatasetName): Matrix {
  const { data, rows, cols } = loadDataset(name);
  return { data, rows, cols };
}

/** The matrix with `offset` added to every entry. */
export function shifted(matrix: Matrix, offset: number): Matrix {
  return { ...matrix, data: matrix.data.map((value) => value + offset) };
}

/** Row i of the result is row order[i] of `matrix`. */
export function permuteRows(matrix: Matrix, order: readonly number[]): Matrix {
  const { cols } = matrix;
  const data = new Float64Array(order.length * cols);
  order.forEach((source, i) => data.set(matrix.data.subarray(source * cols, (source + 1) * cols), i * cols));
  return { data, rows: order.length, cols };
}

/** Rows of a matrix as nested arrays (for meansInit). */
export function rowsOf(matrix: Matrix, indices: readonly number[]): number[][] {
  return indices.map((i) => Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols)));
}
