/** The marginal of a mixture over some of its dimensions: the same weights, sub-vectors and sub-blocks. */
import { COVARIANCE_MODULES } from '../covariance/index.js';
import type { ModelState } from '../model-state.js';
import { denseBlocks } from './dense-blocks.js';
import { derivedState, selectColumns } from './derived-state.js';
import { subMatrix } from './gaussian-blocks.js';

/** The mixture over `dims` (validated: distinct, in range), in the order given; the covariance type is kept. */
export function marginalState(state: ModelState, dims: readonly number[]): ModelState {
  const { covarianceType, nComponents: k, nFeatures: d, params } = state;
  const { blocks } = denseBlocks(state);
  const covariances = COVARIANCE_MODULES[covarianceType].fromDenseBlocks(
    blocks.map((sigma) => subMatrix(sigma, d, dims, dims)),
    dims.length,
  );
  const means = selectColumns(params.means, k, d, dims);
  return derivedState(state, { weights: params.weights.slice(), means, covariances }, dims);
}
