import type { SufficientStats } from '@gmm/kernel';
import type { CovarianceModule } from './covariance/index.js';
import type { FittedParams } from './params.js';

/** sklearn adds 10·ε to every N_j so that an empty component keeps finite parameters. */
const EMPTY_GUARD = 10 * 2.220446049250313e-16;

/** What an M-step estimates before the covariances are factorised. */
export interface MStepEstimate {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
}

/**
 * The M-step from statistics shifted by `centres` (the means the E-step used): nk = N + 10ε,
 * δ = (S − 10ε·c) / nk, μ = c + δ. In exact arithmetic μ = Σ r x / nk as in sklearn; computing it as a
 * correction to c keeps a large common offset of the data from cancelling in the covariances. Never throws.
 */
export function estimateParameters(
  module: CovarianceModule,
  stats: SufficientStats,
  centres: Float64Array,
  k: number,
  d: number,
  regCovar: number,
): MStepEstimate {
  const nk = stats.N.map((n) => n + EMPTY_GUARD);
  const deltas = new Float64Array(k * d);
  const means = new Float64Array(k * d);
  let total = 0;
  for (let j = 0; j < k; j++) {
    total += nk[j]!;
    for (let c = 0; c < d; c++) {
      const i = j * d + c;
      deltas[i] = (stats.S[i]! - EMPTY_GUARD * centres[i]!) / nk[j]!;
      means[i] = centres[i]! + deltas[i]!;
    }
  }
  const weights = nk.map((n) => n / total);
  return { weights, means, covariances: module.estimateCovariances({ stats, nk, deltas, k, d, regCovar }) };
}

/** The precision factors of an estimate. Throws IllDefinedCovarianceError when a covariance cannot be factorised. */
export function factorised(module: CovarianceModule, estimate: MStepEstimate, k: number, d: number): FittedParams {
  const precChol = module.precCholFromCovariances(estimate.covariances, k, d);
  return { ...estimate, precChol, logDetU: module.logDetU(precChol, k, d) };
}

/** The M-step, factorised (sklearn's strict behaviour: throws IllDefinedCovarianceError). */
export function mStep(
  module: CovarianceModule,
  stats: SufficientStats,
  centres: Float64Array,
  k: number,
  d: number,
  regCovar: number,
): FittedParams {
  return factorised(module, estimateParameters(module, stats, centres, k, d, regCovar), k, d);
}
