/** The data sets the demo offers, as one shape: Old Faithful, Iris, synthetic mixtures, drawn points, CSV. */
import { faithful, iris, syntheticMixture } from '@gmm/datasets';

export interface SourceData {
  /** Shown in the status line and used in file names. */
  name: string;
  columns: string[];
  data: Float64Array;
  rows: number;
  cols: number;
  /** Drawn data: the plot keeps this fixed domain so points stay where they were drawn. */
  fixedDomain?: [number, number];
  /** A CSV read with "Fit rows with missing values (EM)": NaN entries are missing values, fitted with core's missing 'em'. */
  fitMissing?: boolean;
}

export function faithfulSource(): SourceData {
  const d = faithful();
  return { name: 'Old Faithful', columns: d.columns, data: d.data, rows: d.rows, cols: d.cols };
}

export function irisSource(): SourceData {
  const d = iris();
  return { name: 'Iris', columns: d.columns, data: d.data, rows: d.rows, cols: d.cols };
}

export interface SyntheticSettings {
  k: number;
  n: number;
  dims: 1 | 2;
  spread: number;
  seed: number;
}

export function syntheticSource({ k, n, dims, spread, seed }: SyntheticSettings): SourceData {
  const d = syntheticMixture({ k, n, d: dims, separation: spread, seed });
  return { name: `synthetic k=${k} n=${n} spread=${spread} seed=${seed}`, columns: d.columns, data: d.data, rows: d.rows, cols: d.cols };
}

export const DRAW_DOMAIN: [number, number] = [0, 10];

export function emptyDrawing(): SourceData {
  return { name: 'drawn points', columns: ['x', 'y'], data: new Float64Array(0), rows: 0, cols: 2, fixedDomain: DRAW_DOMAIN };
}

/** The drawing with points appended (a new object: React sees the change). */
export function withPoints(source: SourceData, points: readonly [number, number][]): SourceData {
  const data = new Float64Array((source.rows + points.length) * 2);
  data.set(source.data);
  points.forEach(([x, y], i) => {
    data[(source.rows + i) * 2] = x;
    data[(source.rows + i) * 2 + 1] = y;
  });
  return { ...source, data, rows: source.rows + points.length };
}

/** The columns `picked` of a source as a row-major matrix (what the worker fits). */
export function selectColumns(source: SourceData, picked: readonly number[]): Float64Array {
  const out = new Float64Array(source.rows * picked.length);
  for (let i = 0; i < source.rows; i++) {
    picked.forEach((c, p) => {
      out[i * picked.length + p] = source.data[i * source.cols + c]!;
    });
  }
  return out;
}

/** Missing (NaN) cells in `columns` of a source, and the rows holding at least one. */
export function countMissing(source: SourceData, columns: readonly number[]): { cells: number; rows: number } {
  let cells = 0;
  let rows = 0;
  for (let i = 0; i < source.rows; i++) {
    const gaps = columns.filter((c) => Number.isNaN(source.data[i * source.cols + c]!)).length;
    cells += gaps;
    if (gaps > 0) rows++;
  }
  return { cells, rows };
}
