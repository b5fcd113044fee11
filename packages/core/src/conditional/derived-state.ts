/** The state of a mixture derived from a fitted one (a marginal or a conditional) over some of its features. */
import { COVARIANCE_MODULES } from '../covariance/index.js';
import type { ModelState } from '../model-state.js';

export interface DerivedParams {
  readonly weights: Float64Array;
  /** k × dims.length */
  readonly means: Float64Array;
  /** In the parent's covariance layout, for dims.length features. */
  readonly covariances: Float64Array;
}

/**
 * A state over the parent's features `dims` (in that order): same covariance type, precision factors from
 * the module's own factorisation, feature names carried along. The fit record (converged, nIter, lower
 * bounds, ...) is the parent's: it describes the fit these parameters come from.
 */
export function derivedState(parent: ModelState, { weights, means, covariances }: DerivedParams, dims: readonly number[]): ModelState {
  const module = COVARIANCE_MODULES[parent.covarianceType];
  const k = parent.nComponents;
  const m = dims.length;
  const precChol = module.precCholFromCovariances(covariances, k, m);
  return {
    ...parent,
    nFeatures: m,
    params: { weights, means, covariances, precChol, logDetU: module.logDetU(precChol, k, m) },
    featureNames: parent.featureNames && dims.map((dim) => parent.featureNames![dim]!),
  };
}

/** Rows × dims.length: the columns `dims` of a rows × d row-major matrix. */
export function selectColumns(data: Float64Array, rows: number, d: number, dims: readonly number[]): Float64Array {
  const out = new Float64Array(rows * dims.length);
  for (let i = 0; i < rows; i++) dims.forEach((dim, c) => (out[i * dims.length + c] = data[i * d + dim]!));
  return out;
}
