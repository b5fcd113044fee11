/**
 * Conditioning one Gaussian on some of its coordinates, by block algebra on a dense covariance. With o the
 * observed and r the remaining dimensions, L = chol(Σ_oo) and Y = L⁻¹ Σ_or:
 *   log N(x_o; μ_o, Σ_oo) = −½|z|² − Σ log L_ii − (|o|/2) log 2π   with z = L⁻¹ (x_o − μ_o)
 *   E[x_r | x_o]   = μ_r + Σ_ro Σ_oo⁻¹ (x_o − μ_o) = μ_r + Yᵀ z
 *   Cov[x_r | x_o] = Σ_rr − Σ_ro Σ_oo⁻¹ Σ_or     = Σ_rr − Yᵀ Y
 * Only triangular solves: Σ_oo is never inverted.
 */
import { LOG_2PI } from '@gmm/kernel';
import { GmmError } from '../errors.js';
import { choleskyLower } from '../linalg.js';

export interface ConditionalGaussian {
  readonly observedCount: number;
  readonly remainingCount: number;
  /** Lower Cholesky factor of Σ_oo (|o| × |o|). */
  readonly factor: Float64Array;
  /** −Σ log L_ii − (|o|/2) log 2π. */
  readonly logNormaliser: number;
  /** Y = L⁻¹ Σ_or (|o| × |r|). */
  readonly projection: Float64Array;
  /** Σ_rr − Yᵀ Y (|r| × |r|), exactly symmetric. */
  readonly covariance: Float64Array;
}

/** The rows × cols block of a dense d×d matrix. */
export function subMatrix(A: Float64Array, d: number, rows: readonly number[], cols: readonly number[]): Float64Array {
  const block = new Float64Array(rows.length * cols.length);
  rows.forEach((r, a) => cols.forEach((c, b) => (block[a * cols.length + b] = A[r * d + c]!)));
  return block;
}

/** Lower Cholesky factor of a covariance block, failing with a message that names it. */
export function blockFactor(block: Float64Array, m: number, label: string): Float64Array {
  if (m === 0) return block;
  const L = choleskyLower(block, m);
  if (L === null) throw new GmmError(`${label} is not positive definite: it cannot be factorised`);
  return L;
}

/** Solves L y = b in place for the column `column` of an m × width matrix b (L lower triangular m × m). */
function forwardSubstitute(L: Float64Array, m: number, b: Float64Array, width: number, column: number): void {
  for (let i = 0; i < m; i++) {
    let sum = b[i * width + column]!;
    for (let t = 0; t < i; t++) sum -= L[i * m + t]! * b[t * width + column]!;
    b[i * width + column] = sum / L[i * m + i]!;
  }
}

/** The conditional of N(μ, Σ) for a dense d×d Σ; `label` names the covariance in a failure. */
export function conditionalGaussian(
  sigma: Float64Array,
  d: number,
  observed: readonly number[],
  remaining: readonly number[],
  label: string,
): ConditionalGaussian {
  const mo = observed.length;
  const mr = remaining.length;
  const factor = blockFactor(subMatrix(sigma, d, observed, observed), mo, `${label} restricted to dimensions [${observed.join(', ')}]`);
  let logNormaliser = -0.5 * mo * LOG_2PI;
  for (let i = 0; i < mo; i++) logNormaliser -= Math.log(factor[i * mo + i]!);
  const projection = subMatrix(sigma, d, observed, remaining);
  for (let b = 0; b < mr; b++) forwardSubstitute(factor, mo, projection, mr, b);
  const covariance = subMatrix(sigma, d, remaining, remaining);
  for (let a = 0; a < mr; a++) {
    for (let b = a; b < mr; b++) {
      let dot = 0;
      for (let t = 0; t < mo; t++) dot += projection[t * mr + a]! * projection[t * mr + b]!;
      const value = covariance[a * mr + b]! - dot;
      covariance[a * mr + b] = value;
      covariance[b * mr + a] = value;
    }
  }
  return { observedCount: mo, remainingCount: mr, factor, logNormaliser, projection, covariance };
}

/** Turns `centred` = x_o − μ_o into z = L⁻¹ (x_o − μ_o) in place and returns log N(x_o; μ_o, Σ_oo). */
export function observedLogDensity(gaussian: ConditionalGaussian, centred: Float64Array): number {
  const mo = gaussian.observedCount;
  forwardSubstitute(gaussian.factor, mo, centred, 1, 0);
  let squared = 0;
  for (let i = 0; i < mo; i++) squared += centred[i]! * centred[i]!;
  return gaussian.logNormaliser - 0.5 * squared;
}

/** Adds the conditional mean shift Yᵀ z into `out` at `offset`. */
export function addMeanShift(gaussian: ConditionalGaussian, z: Float64Array, out: Float64Array, offset: number): void {
  const { observedCount: mo, remainingCount: mr, projection } = gaussian;
  for (let b = 0; b < mr; b++) {
    let sum = 0;
    for (let t = 0; t < mo; t++) sum += projection[t * mr + b]! * z[t]!;
    out[offset + b]! += sum;
  }
}
