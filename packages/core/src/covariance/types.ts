import type { SufficientStats } from '@gmm/kernel';
import type { ShapeFailure } from '../nested.js';

export type CovarianceType = 'full' | 'tied' | 'diag' | 'spherical';

/** What the M-step hands a covariance module: shifted statistics and the mean update. */
export interface MStepInput {
  readonly stats: SufficientStats;
  /** N_j + 10ε */
  readonly nk: Float64Array;
  /** δ_j = μ_new − c_j, k·d */
  readonly deltas: Float64Array;
  readonly k: number;
  readonly d: number;
  readonly regCovar: number;
}

/**
 * Layouts (flat, row-major): covariances and precisions full k·d·d, tied d·d, diag k·d, spherical k;
 * `precChol` in the kernel layout (see @gmm/kernel types.ts); the "dense" factor is sklearn's
 * `precisions_cholesky_` with the same shape as the covariances (upper triangular for full/tied).
 */
export interface CovarianceModule {
  readonly type: CovarianceType;
  /**
   * Diagonal covariances only (diag, spherical): the variances of block b, the whole covariance. fromDenseBlocks
   * then reads only the diagonal of a dense block.
   */
  readonly variances?: (covariances: Float64Array, b: number, d: number) => Float64Array;
  /** Shape of the covariances (and of precisions and their dense factors) as nested arrays. */
  nestedShape(k: number, d: number): number[];
  /** Free parameters of the covariances. */
  parameterCount(k: number, d: number): number;
  /** The M-step's covariances from shifted statistics (regCovar added), not yet factorised: never throws. */
  estimateCovariances(input: MStepInput): Float64Array;
  /** Precision factors of user-given precisions; `fail` reports a component that is not positive definite. */
  factorPrecisions(precisions: Float64Array, k: number, d: number, fail: ShapeFailure): Float64Array;
  /** log|U_j| for every component (sklearn: Σ log of the factor's diagonal). */
  logDetU(precChol: Float64Array, k: number, d: number): Float64Array;
  /** The kernel-layout factor as sklearn's dense `precisions_cholesky_`. */
  precCholToDense(precChol: Float64Array, k: number, d: number): Float64Array;
  /** A dense factor back in the kernel layout; `fail` reports one that is not upper triangular with a positive diagonal. */
  precCholFromDense(dense: Float64Array, k: number, d: number, fail: ShapeFailure): Float64Array;
  /** Adds r·diff diffᵀ of component j into Q, in the kernel's Q layout. */
  addSecondMoment(Q: Float64Array, j: number, diff: Float64Array, r: number, d: number): void;
  /** Component j's covariance as a dense d×d row-major matrix (zeros off the diagonal for diag/spherical). */
  denseCovariance(covariances: Float64Array, j: number, d: number): Float64Array;
  /** A lower factor A_j with A_j A_jᵀ = Σ_j per component, as a function adding A_j z into `out`. */
  sampler(covariances: Float64Array, k: number, d: number): (j: number, z: Float64Array, out: Float64Array) => void;
  /**
   * Which covariance matrix ("block") each of the k components uses: its own (j), or the shared one (0) when
   * tied. `denseCovariance(covariances, b, d)` gives block b.
   */
  blockIndices(k: number): Int32Array;
  /** Covariances in this layout from dense d×d matrices that have this type's structure, one per block. */
  fromDenseBlocks(blocks: readonly Float64Array[], d: number): Float64Array;
  /** Precision factors (kernel layout) of covariances in this layout. Throws IllDefinedCovarianceError. */
  precCholFromCovariances(covariances: Float64Array, k: number, d: number): Float64Array;
}
