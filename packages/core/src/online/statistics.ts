/**
 * Per-unit-weight sufficient statistics about one fixed centre z: N_j = Σ w r_ij / W, S_j = Σ w r_ij (x_i − z) / W,
 * Q_j = Σ w r_ij (x_i − z)(x_i − z)ᵀ / W (in the kernel's Q layout). The kernel shifts each component by the mean
 * its E-step used, which changes from batch to batch; moving every batch to the same z makes them averageable.
 */
import type { SufficientStats } from '@gmm/kernel';
import type { CovarianceModule } from '../covariance/index.js';

/**
 * The kernel's statistics (shifted by `centres`, c_j) divided by the batch's total weight and moved to z:
 * with e = c_j − z, S_z = S + N e and Q_z = Q + S eᵀ + e Sᵀ + N e eᵀ. The cross terms go through the covariance
 * module's rank-one update (S eᵀ + e Sᵀ = (S + e)(S + e)ᵀ − S Sᵀ − e eᵀ), so no covariance type is named here.
 */
export function averageAboutCentre(
  stats: SufficientStats,
  centres: Float64Array,
  centre: Float64Array,
  totalWeight: number,
  module: CovarianceModule,
): SufficientStats {
  const d = centre.length;
  const k = stats.N.length;
  const N = stats.N.map((n) => n / totalWeight);
  const S = stats.S.map((s) => s / totalWeight);
  const Q = stats.Q.map((q) => q / totalWeight);
  const e = new Float64Array(d);
  const sum = new Float64Array(d);
  for (let j = 0; j < k; j++) {
    const s = S.subarray(j * d, (j + 1) * d);
    for (let c = 0; c < d; c++) {
      e[c] = centres[j * d + c]! - centre[c]!;
      sum[c] = s[c]! + e[c]!;
    }
    module.addSecondMoment(Q, j, sum, 1, d);
    module.addSecondMoment(Q, j, s, -1, d);
    module.addSecondMoment(Q, j, e, N[j]! - 1, d);
    for (let c = 0; c < d; c++) s[c]! += N[j]! * e[c]!;
  }
  return { N, S, Q };
}

/** Stochastic approximation: (1 − γ)·running + γ·batch, as new arrays (the running statistics are untouched). */
export function blend(running: SufficientStats, batch: SufficientStats, gamma: number): SufficientStats {
  const mix = (a: Float64Array, b: Float64Array) => a.map((value, i) => (1 - gamma) * value + gamma * b[i]!);
  return { N: mix(running.N, batch.N), S: mix(running.S, batch.S), Q: mix(running.Q, batch.Q) };
}
