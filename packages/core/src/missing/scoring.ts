/** Per-row reductions over the incomplete rows of a fit, from their marginals (as scoring.ts does for the kernel's rows). */
import type { CovarianceModule } from '../covariance/index.js';
import type { MixtureParams } from '../params.js';
import { visitIncompleteRows } from './marginal-pass.js';
import type { MissingPattern } from './rows.js';

/** Σ w log p(x_o) and the classification entropy −Σ w Σ_j r_j log r_j of the incomplete rows. */
export function incompleteLikelihoodAndEntropy(
  patterns: readonly MissingPattern[],
  module: CovarianceModule,
  params: MixtureParams,
  d: number,
): { logLikelihood: number; entropy: number } {
  let logLikelihood = 0;
  let entropy = 0;
  visitIncompleteRows(patterns, module, params, d, ({ pattern, row, logDensity, logResp }) => {
    const w = pattern.weights[row]!;
    if (w === 0) return;
    logLikelihood += w * logDensity;
    for (const logR of logResp) {
      const r = Math.exp(logR);
      if (r > 0) entropy -= w * r * logR;
    }
  });
  return { logLikelihood, entropy };
}

/** argmax_j r_j of every incomplete row (first on ties), written at its row of the fit's data. */
export function writeIncompleteLabels(
  patterns: readonly MissingPattern[],
  module: CovarianceModule,
  params: MixtureParams,
  d: number,
  labels: Int32Array,
): void {
  visitIncompleteRows(patterns, module, params, d, ({ pattern, row, logResp }) => {
    let best = 0;
    for (let j = 1; j < logResp.length; j++) if (logResp[j]! > logResp[best]!) best = j;
    labels[pattern.rowIndex[row]!] = best;
  });
}
