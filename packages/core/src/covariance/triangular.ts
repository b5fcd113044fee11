/** Helpers shared by the full and tied modules: one d×d matrix at a time, packed factors in the kernel layout. */
import { packedIndex, packedSize } from '@gmm/kernel';
import { IllDefinedCovarianceError } from '../errors.js';
import { choleskyLower, invertLowerTriangular, upperFactorOfPrecision } from '../linalg.js';
import type { ShapeFailure } from '../nested.js';

/**
 * Dense symmetric Σ from the kernel's packed Q (at `qOffset`) and components [from, to):
 * (Q − Σ_j (S_j δ_jᵀ + δ_j S_jᵀ − N_j δ_j δ_jᵀ)) / divisor + regCovar·I. Only the upper triangle is computed
 * and mirrored, so the result is exactly symmetric.
 */
export function scatterCovariance(
  Q: Float64Array,
  qOffset: number,
  S: Float64Array,
  N: Float64Array,
  deltas: Float64Array,
  from: number,
  to: number,
  d: number,
  divisor: number,
  regCovar: number,
): Float64Array {
  const sigma = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      let value = Q[qOffset + packedIndex(a, b, d)]!;
      for (let j = from; j < to; j++) {
        const sa = S[j * d + a]!;
        const sb = S[j * d + b]!;
        const da = deltas[j * d + a]!;
        const db = deltas[j * d + b]!;
        value -= sa * db + da * sb - N[j]! * da * db;
      }
      value /= divisor;
      if (a === b) value += regCovar;
      sigma[a * d + b] = value;
      sigma[b * d + a] = value;
    }
  }
  return sigma;
}

/** Packs the upper triangle of a dense d×d matrix into `out` at `offset`. */
function packUpper(dense: Float64Array, denseOffset: number, d: number, out: Float64Array, offset: number): void {
  let p = offset;
  for (let r = 0; r < d; r++) for (let c = r; c < d; c++) out[p++] = dense[denseOffset + r * d + c]!;
}

/** Unpacks a packed upper triangle into a dense d×d block of `out` (zeros below the diagonal). */
export function unpackUpper(packed: Float64Array, offset: number, d: number, out: Float64Array, denseOffset: number): void {
  let p = offset;
  for (let r = 0; r < d; r++) for (let c = r; c < d; c++) out[denseOffset + r * d + c] = packed[p++]!;
}

/**
 * The precision factor of a covariance, as sklearn computes it: L = chol(Σ), U = (L⁻¹)ᵀ, written packed
 * into `out` at `offset`. Throws IllDefinedCovarianceError when Σ is not positive definite.
 */
export function packPrecisionFactor(sigma: Float64Array, d: number, component: number | undefined, out: Float64Array, offset: number): void {
  const L = choleskyLower(sigma, d);
  if (L === null) throw new IllDefinedCovarianceError(component, 'not positive definite');
  const inverse = invertLowerTriangular(L, d);
  // U[r][c] = (L⁻¹)[c][r] for r ≤ c.
  let p = offset;
  for (let r = 0; r < d; r++) for (let c = r; c < d; c++) out[p++] = inverse[c * d + r]!;
}

/** Σ_c log U_cc of a packed factor. */
export function logDiagonalSum(packed: Float64Array, offset: number, d: number): number {
  let sum = 0;
  for (let c = 0; c < d; c++) sum += Math.log(packed[offset + packedIndex(c, c, d)]!);
  return sum;
}

/** numpy's allclose(P, Pᵀ): |a − b| ≤ 1e-8 + 1e-5·|b|. */
function nearlySymmetric(P: Float64Array, offset: number, d: number): boolean {
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      const x = P[offset + a * d + b]!;
      const y = P[offset + b * d + a]!;
      if (Math.abs(x - y) > 1e-8 + 1e-5 * Math.abs(y)) return false;
    }
  }
  return true;
}

/**
 * Packed upper factor U (P = U Uᵀ) of the user precision matrix at `offset`, into `out` at `outOffset`.
 * `label` names the matrix in the failure ("precisionsInit[2]").
 */
export function packUserPrecision(
  P: Float64Array,
  offset: number,
  d: number,
  label: string,
  fail: ShapeFailure,
  out: Float64Array,
  outOffset: number,
): void {
  const expected = 'symmetric positive-definite precision matrices';
  if (!nearlySymmetric(P, offset, d)) fail(expected, `${label}, which is not symmetric`);
  // Symmetrise the tolerated asymmetry so the factorisation sees an exactly symmetric matrix.
  const symmetric = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) symmetric[a * d + b] = 0.5 * (P[offset + a * d + b]! + P[offset + b * d + a]!);
  }
  const U = upperFactorOfPrecision(symmetric, d);
  if (U === null) fail(expected, `${label}, which is not positive definite`);
  packUpper(U, 0, d, out, outOffset);
}

/** Reads a dense upper-triangular factor with a positive diagonal at `offset` into packed form. */
export function packDenseFactor(
  dense: Float64Array,
  offset: number,
  d: number,
  label: string,
  fail: ShapeFailure,
  out: Float64Array,
  outOffset: number,
): void {
  const expected = 'upper-triangular Cholesky factors with a positive diagonal';
  for (let r = 0; r < d; r++) {
    if (!(dense[offset + r * d + r]! > 0)) fail(expected, `${label} with diagonal entry ${r} = ${dense[offset + r * d + r]}`);
    for (let c = 0; c < r; c++) {
      if (dense[offset + r * d + c] !== 0) fail(expected, `${label} with a non-zero entry [${r}][${c}] below the diagonal`);
    }
  }
  packUpper(dense, offset, d, out, outOffset);
}

/** Adds r·diff diffᵀ into the packed triangle of Q at `offset`. */
export function addPackedOuter(Q: Float64Array, offset: number, diff: Float64Array, r: number, d: number): void {
  let p = offset;
  for (let a = 0; a < d; a++) {
    const ra = r * diff[a]!;
    for (let b = a; b < d; b++) Q[p++]! += ra * diff[b]!;
  }
}

/** Adds L z into `out` for a dense lower-triangular L at `offset`. */
export function addLowerProduct(L: Float64Array, offset: number, d: number, z: Float64Array, out: Float64Array): void {
  for (let r = 0; r < d; r++) {
    let sum = 0;
    for (let c = 0; c <= r; c++) sum += L[offset + r * d + c]! * z[c]!;
    out[r]! += sum;
  }
}

/** Dense lower Cholesky factor of the covariance block at `offset` (for sampling). */
export function covarianceFactor(covariances: Float64Array, offset: number, d: number, component: number | undefined): Float64Array {
  const L = choleskyLower(covariances.slice(offset, offset + d * d), d);
  if (L === null) throw new IllDefinedCovarianceError(component, 'not positive definite');
  return L;
}
