import type { SufficientStats } from '@gmm/kernel';
import type { CovarianceModule } from './covariance/index.js';
import type { FittedParams } from './params.js';

/** sklearn adds 10·ε to every N_j so that an empty component keeps finite parameters. */
const EMPTY_GUARD = 10 * 2.220446049250313e-16;

/**
 * The M-step from statistics shifted by `centres` (the means the E-step used): nk = N + 10ε,
 * δ = (S − 10ε·c) / nk, μ = c + δ. In exact arithmetic μ = Σ r x / nk as in sklearn; computing it as a
 * correction to c keeps a large common offset of the data from cancelling in the covariances.
 */
export function mStep(
  module: CovarianceModule,
  stats: SufficientStats,
  centres: Float64Array,
  k: number,
  d: number,
  regCovar: number,
): FittedParams {
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
  const { covariances, precChol } = module.estimate({ stats, nk, deltas, k, d, regCovar });
  return { weights, means, covariances, precChol, logDetU: module.logDetU(precChol, k, d) };
}
