import { LOG_2PI, type KernelParams } from '@gmm/kernel';

/** The parameters an E-step needs (precChol in the kernel layout, log|U_j| alongside). */
export interface MixtureParams {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly precChol: Float64Array;
  readonly logDetU: Float64Array;
}

/** Parameters produced by an M-step: the covariances too (flat layout of the covariance module). */
export interface FittedParams extends MixtureParams {
  readonly covariances: Float64Array;
}

/** The kernel's view: logConst_j = log w_j + log|U_j| − (d/2)·log(2π). */
export function toKernelParams(params: MixtureParams, d: number): KernelParams {
  const logConst = params.weights.map((w, j) => Math.log(w) + params.logDetU[j]! - 0.5 * d * LOG_2PI);
  return { means: params.means, precChol: params.precChol, logConst };
}
