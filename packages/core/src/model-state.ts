import type { CovarianceType } from './covariance/index.js';
import type { Reset } from './degenerate.js';
import type { FittedParams } from './params.js';

/** Everything a fitted model is, in flat layouts (see covariance/types.ts). */
export interface ModelState {
  readonly covarianceType: CovarianceType;
  readonly nComponents: number;
  readonly nFeatures: number;
  readonly params: FittedParams;
  readonly converged: boolean;
  readonly nIter: number;
  readonly lowerBound: number;
  readonly lowerBounds: readonly number[];
  readonly featureNames?: readonly string[] | undefined;
  /** Degenerate components re-seeded or dropped during the kept restart (absent when none). */
  readonly resets?: readonly Reset[] | undefined;
}
