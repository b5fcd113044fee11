/** A model's covariances as dense matrices, one per distinct block (tied: one shared), whatever the type. */
import { COVARIANCE_MODULES } from '../covariance/index.js';
import type { ModelState } from '../model-state.js';

export interface DenseBlocks {
  /** Dense d×d covariances, one per block. */
  readonly blocks: Float64Array[];
  /** The block of each component. */
  readonly blockOf: Int32Array;
}

export function denseBlocks(state: ModelState): DenseBlocks {
  const { covarianceType, nComponents: k, nFeatures: d, params } = state;
  const module = COVARIANCE_MODULES[covarianceType];
  const blockOf = module.blockIndices(k);
  const count = blockOf.reduce((max, b) => Math.max(max, b), 0) + 1;
  const blocks = Array.from({ length: count }, (_, b) => module.denseCovariance(params.covariances, b, d));
  return { blocks, blockOf };
}

/** How a block is named in messages: the shared covariance, or the component's. */
export function blockLabel(blockOf: Int32Array, block: number): string {
  const shared = blockOf.length > 1 && blockOf.every((b) => b === block);
  return shared ? 'the shared covariance' : `the covariance of component ${blockOf.indexOf(block)}`;
}
