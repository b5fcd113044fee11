/**
 * Shifted sufficient statistics of the incomplete rows, in the kernel's layout, so they add to the complete
 * rows' and the M-step is unchanged: with x̂ the row completed by the conditional means of component j and C
 * its conditional covariance on the missing block (zero elsewhere),
 *   N_j += w r,  S_j += w r (x̂ − c_j),  Q_j += w r ((x̂ − c_j)(x̂ − c_j)ᵀ + C)   (diag: diagonal of C; spherical: trace).
 */
import { packedIndex, packedSize, type SufficientStats } from '@gmm/kernel';
import type { CovarianceModule } from '../covariance/index.js';
import type { ConditionalGaussian } from '../conditional/gaussian-blocks.js';
import type { MixtureParams } from '../params.js';
import { visitIncompleteRows } from './marginal-pass.js';
import type { MissingPattern } from './rows.js';

/** Adds r·C (C on the coordinates `missing`) of component j into Q. */
function addConditionalCovariance(
  module: CovarianceModule,
  Q: Float64Array,
  j: number,
  C: Float64Array,
  missing: readonly number[],
  r: number,
  d: number,
): void {
  const mm = missing.length;
  switch (module.type) {
    case 'full':
    case 'tied': {
      const offset = module.type === 'full' ? j * packedSize(d) : 0;
      for (let a = 0; a < mm; a++) {
        for (let b = a; b < mm; b++) Q[offset + packedIndex(missing[a]!, missing[b]!, d)]! += r * C[a * mm + b]!;
      }
      return;
    }
    case 'diag':
      for (let a = 0; a < mm; a++) Q[j * d + missing[a]!]! += r * C[a * mm + a]!;
      return;
    case 'spherical': {
      let trace = 0;
      for (let a = 0; a < mm; a++) trace += C[a * mm + a]!;
      Q[j]! += r * trace;
      return;
    }
  }
}

/** Adds the incomplete rows' statistics (shifted by the E-step's means) into `stats`; returns Σ w log p(x_o). */
export function addIncompleteStats(
  patterns: readonly MissingPattern[],
  module: CovarianceModule,
  params: MixtureParams,
  d: number,
  stats: SufficientStats,
): number {
  const k = params.weights.length;
  const diff = new Float64Array(d);
  const mass = new Map<MissingPattern, { gaussians: readonly ConditionalGaussian[]; r: Float64Array }>();
  let logLikelihood = 0;
  visitIncompleteRows(patterns, module, params, d, ({ pattern, row, logDensity, logResp, conditionalMeans, gaussians }) => {
    const w = pattern.weights[row]!;
    if (w === 0) return;
    logLikelihood += w * logDensity;
    const { observed, missing } = pattern;
    const mo = observed.length;
    const mm = missing.length;
    let entry = mass.get(pattern);
    if (!entry) mass.set(pattern, (entry = { gaussians, r: new Float64Array(k) }));
    for (let j = 0; j < k; j++) {
      const r = w * Math.exp(logResp[j]!);
      if (r === 0) continue;
      for (let t = 0; t < mo; t++) diff[observed[t]!] = pattern.values[row * mo + t]! - params.means[j * d + observed[t]!]!;
      for (let t = 0; t < mm; t++) diff[missing[t]!] = conditionalMeans[j * mm + t]! - params.means[j * d + missing[t]!]!;
      stats.N[j]! += r;
      for (let c = 0; c < d; c++) stats.S[j * d + c]! += r * diff[c]!;
      module.addSecondMoment(stats.Q, j, diff, r, d);
      entry.r[j]! += r;
    }
  });
  // C depends only on the pattern and the component: added once with the pattern's total responsibility.
  for (const [pattern, { gaussians, r }] of mass) {
    for (let j = 0; j < k; j++) addConditionalCovariance(module, stats.Q, j, gaussians[j]!.covariance, pattern.missing, r[j]!, d);
  }
  return logLikelihood;
}
