/**
 * Gaussian mixture regression: for each row of input values, the mean and covariance of the conditional
 * mixture p(x_r | x_o) over the other dimensions r.
 */
import { toMatrix, type Matrix } from '../data.js';
import { DataError } from '../errors.js';
import type { ModelState } from '../model-state.js';
import { MixtureConditioner } from './conditioner.js';

export interface Regression {
  /** n × |outputDims|: E[x_r | x_o] per row. */
  mean: { data: Float64Array; rows: number; cols: number };
  /** n × m × m (m = |outputDims|), row-major: Cov[x_r | x_o] per row. */
  covariance: Float64Array;
  /** The predicted dimensions r, in increasing order. */
  outputDims: number[];
}

/** X validated as holding one column per input dimension. */
export function inputMatrix(X: unknown, inputCount: number): Matrix {
  const matrix = toMatrix(X);
  if (matrix.cols !== inputCount) {
    throw new DataError(`X has ${matrix.cols} columns, expected ${inputCount}: one per input dimension (inputDims), in that order`);
  }
  return matrix;
}

export function regressMixture(state: ModelState, X: Matrix, inputDims: readonly number[]): Regression {
  const conditioner = new MixtureConditioner(state, inputDims);
  const k = state.nComponents;
  const m = conditioner.remaining.length;
  const mean = new Float64Array(X.rows * m);
  const covariance = new Float64Array(X.rows * m * m);
  const weights = new Float64Array(k);
  const means = new Float64Array(k * m);
  const spread = new Float64Array(m);
  for (let row = 0; row < X.rows; row++) {
    conditioner.condition(X.data, row * X.cols, weights, means);
    for (let j = 0; j < k; j++) for (let a = 0; a < m; a++) mean[row * m + a]! += weights[j]! * means[j * m + a]!;
    // Σ_j w'_j (Σ'_j + μ'_j μ'_jᵀ) − μ μᵀ, computed as Σ_j w'_j (Σ'_j + (μ'_j − μ)(μ'_j − μ)ᵀ): no cancellation.
    const offset = row * m * m;
    for (let j = 0; j < k; j++) {
      const w = weights[j]!;
      const sigma = conditioner.covariance(j);
      for (let a = 0; a < m; a++) spread[a] = means[j * m + a]! - mean[row * m + a]!;
      for (let a = 0; a < m * m; a++) covariance[offset + a]! += w * (sigma[a]! + spread[Math.floor(a / m)]! * spread[a % m]!);
    }
  }
  return { mean: { data: mean, rows: X.rows, cols: m }, covariance, outputDims: [...conditioner.remaining] };
}
