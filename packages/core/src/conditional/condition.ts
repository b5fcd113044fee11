/** p(x_r | x_o = values) as a mixture over the remaining dimensions r, of the same covariance type. */
import { COVARIANCE_MODULES } from '../covariance/index.js';
import type { ModelState } from '../model-state.js';
import { MixtureConditioner } from './conditioner.js';
import { derivedState } from './derived-state.js';

/**
 * The conditional mixture given `values` on the dimensions `observed` (validated). Tied stays tied (one
 * shared conditional covariance); diag and spherical conditionals are the marginals of r (Σ_ro = 0).
 */
export function conditionState(state: ModelState, observed: readonly number[], values: Float64Array): ModelState {
  const conditioner = new MixtureConditioner(state, observed);
  const k = state.nComponents;
  const weights = new Float64Array(k);
  const means = new Float64Array(k * conditioner.remaining.length);
  conditioner.condition(values, 0, weights, means);
  const covariances = COVARIANCE_MODULES[state.covarianceType].fromDenseBlocks(conditioner.blockCovariances, conditioner.remaining.length);
  return derivedState(state, { weights, means, covariances }, conditioner.remaining);
}
