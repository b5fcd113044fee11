/**
 * The E-step of incomplete rows (Ghahramani & Jordan 1994): each row is scored by its marginal over its
 * observed coordinates o, log w_j + log N(x_o; μ_o, Σ_oo), and the missing coordinates m of component j are
 * expected at μ_m + Σ_mo Σ_oo⁻¹ (x_o − μ_o). Each pattern's blocks are factorised once per component per pass.
 */
import type { CovarianceModule } from '../covariance/index.js';
import { addMeanShift, conditionalGaussian, observedLogDensity, type ConditionalGaussian } from '../conditional/gaussian-blocks.js';
import { invertLowerTriangular } from '../linalg.js';
import type { MixtureParams } from '../params.js';
import type { MissingPattern } from './rows.js';

/** What one incomplete row contributes, handed to a visitor (buffers are reused between rows). */
export interface IncompleteRow {
  readonly pattern: MissingPattern;
  /** Row within the pattern. */
  readonly row: number;
  /** log p(x_o). */
  readonly logDensity: number;
  /** log r_j, k values. */
  readonly logResp: Float64Array;
  /** k × |m|: the conditional mean of the missing coordinates under each component. */
  readonly conditionalMeans: Float64Array;
  /** Per component: the conditional of its Gaussian given the observed coordinates. */
  readonly gaussians: readonly ConditionalGaussian[];
}

/** Σ_b = (U_b U_bᵀ)⁻¹ = M Mᵀ with M = U_b⁻ᵀ, from the precision factors (the parameters an E-step has). */
export function denseCovariancesFromPrecChol(module: CovarianceModule, precChol: Float64Array, k: number, d: number): Float64Array[] {
  const dense = module.precCholToDense(precChol, k, d);
  const blockOf = module.blockIndices(k);
  const count = blockOf.reduce((max, b) => Math.max(max, b), 0) + 1;
  return Array.from({ length: count }, (_, b) => {
    const U = module.denseCovariance(dense, b, d);
    const Ut = new Float64Array(d * d);
    for (let a = 0; a < d; a++) for (let c = 0; c < d; c++) Ut[a * d + c] = U[c * d + a]!;
    const M = invertLowerTriangular(Ut, d);
    const sigma = new Float64Array(d * d);
    for (let a = 0; a < d; a++) {
      for (let c = a; c < d; c++) {
        let sum = 0;
        for (let t = 0; t <= Math.min(a, c); t++) sum += M[a * d + t]! * M[c * d + t]!;
        sigma[a * d + c] = sum;
        sigma[c * d + a] = sum;
      }
    }
    return sigma;
  });
}

/** Visits every incomplete row under the mixture `params`. */
export function visitIncompleteRows(
  patterns: readonly MissingPattern[],
  module: CovarianceModule,
  params: MixtureParams,
  d: number,
  visit: (row: IncompleteRow) => void,
): void {
  if (patterns.length === 0) return;
  const k = params.weights.length;
  const blockOf = module.blockIndices(k);
  const sigmas = denseCovariancesFromPrecChol(module, params.precChol, k, d);
  const logWeights = params.weights.map(Math.log);
  const logResp = new Float64Array(k);
  for (const pattern of patterns) {
    const { observed, missing } = pattern;
    const mo = observed.length;
    const mm = missing.length;
    const byBlock = sigmas.map((sigma, b) => conditionalGaussian(sigma, d, observed, missing, `the covariance of block ${b}`));
    const gaussians = Array.from(blockOf, (b) => byBlock[b]!);
    const z = new Float64Array(k * mo);
    const conditionalMeans = new Float64Array(k * mm);
    for (let i = 0; i < pattern.rows; i++) {
      let max = -Infinity;
      for (let j = 0; j < k; j++) {
        const centred = z.subarray(j * mo, (j + 1) * mo);
        for (let t = 0; t < mo; t++) centred[t] = pattern.values[i * mo + t]! - params.means[j * d + observed[t]!]!;
        logResp[j] = logWeights[j]! + observedLogDensity(gaussians[j]!, centred);
        if (logResp[j]! > max) max = logResp[j]!;
      }
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.exp(logResp[j]! - max);
      const logDensity = max + Math.log(sum);
      for (let j = 0; j < k; j++) {
        logResp[j]! -= logDensity;
        for (let t = 0; t < mm; t++) conditionalMeans[j * mm + t] = params.means[j * d + missing[t]!]!;
        addMeanShift(gaussians[j]!, z.subarray(j * mo, (j + 1) * mo), conditionalMeans, j * mm);
      }
      visit({ pattern, row: i, logDensity, logResp, conditionalMeans, gaussians });
    }
  }
}
