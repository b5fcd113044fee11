/** Models and dense algebra shared by the conditional*.test.ts files. */
import { iris } from '@gmm/datasets';
import { fit, type CovarianceType, type GaussianMixture } from '../../src/index.js';

/** Iris restricted to its first three measurements: a 3-D data set with correlated, clustered columns. */
export function iris3(): { data: Float64Array; rows: number; cols: number; names: string[] } {
  const set = iris();
  const data = new Float64Array(set.rows * 3);
  for (let i = 0; i < set.rows; i++) for (let c = 0; c < 3; c++) data[i * 3 + c] = set.data[i * set.cols + c]!;
  return { data, rows: set.rows, cols: 3, names: set.columns.slice(0, 3) };
}

/** A k-component model of the given type fitted to iris3, with its feature names. */
export async function irisModel(covarianceType: CovarianceType, nComponents: number): Promise<GaussianMixture> {
  const X = iris3();
  return fit({ data: X.data, rows: X.rows, cols: X.cols }, { nComponents, covarianceType, seed: 1, featureNames: X.names });
}

/** Row i of a flat row-major matrix with `cols` columns. */
export function rowOf(data: Float64Array, cols: number, i: number): number[] {
  return Array.from(data.subarray(i * cols, (i + 1) * cols));
}

/** The rows × cols block of a dense matrix. */
export function block(A: number[][], rows: number[], cols: number[]): number[][] {
  return rows.map((r) => cols.map((c) => A[r]![c]!));
}

/** Σ U Uᵀ for the upper factor U of the precision: the identity when U belongs to Σ. */
export function covarianceTimesPrecision(sigma: number[][], U: number[][]): number[][] {
  const m = sigma.length;
  const P = sigma.map((_, a) => sigma.map((_, b) => U[a]!.reduce((s, u, t) => s + u * U[b]![t]!, 0)));
  return sigma.map((row, a) => P.map((_, b) => row.reduce((s, v, t) => s + v * P[t]![b]!, 0)));
}

/** Component j's precision factor U as a dense d×d matrix, whatever the covariance type. */
export function precisionFactor(model: GaussianMixture, j: number): number[][] {
  const factors = model.precisionsCholesky;
  const d = model.nFeatures;
  const diagonal = (values: number[]) => values.map((u, a) => values.map((_, b) => (a === b ? u : 0)));
  switch (model.covarianceType) {
    case 'full':
      return (factors as number[][][])[j]!;
    case 'tied':
      return factors as number[][];
    case 'diag':
      return diagonal((factors as number[][])[j]!);
    case 'spherical':
      return diagonal(new Array<number>(d).fill((factors as number[])[j]!));
  }
}
