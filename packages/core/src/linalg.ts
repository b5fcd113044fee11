/**
 * The small O(d³) algebra of the M-step and of initialisation, on dense row-major d×d Float64Arrays.
 * Factorisation goes through ml-matrix; its CholeskyDecomposition clamps instead of failing, so every
 * factor is checked here before use.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/** Lower Cholesky factor L (A = L Lᵀ) of an exactly symmetric matrix, or null when A is not positive definite. */
export function choleskyLower(A: Float64Array, d: number): Float64Array | null {
  for (let i = 0; i < d * d; i++) if (!Number.isFinite(A[i]!)) return null;
  const decomposition = new CholeskyDecomposition(Matrix.from1DArray(d, d, A));
  if (!decomposition.isPositiveDefinite()) return null;
  const L = Float64Array.from(decomposition.lowerTriangularMatrix.to1DArray());
  for (let c = 0; c < d; c++) {
    const pivot = L[c * d + c]!;
    if (!(Number.isFinite(pivot) && pivot > 0)) return null;
  }
  return L;
}

/** L⁻¹ of a lower-triangular L with a positive diagonal, by forward substitution on the columns of I. */
export function invertLowerTriangular(L: Float64Array, d: number): Float64Array {
  const inverse = new Float64Array(d * d);
  for (let column = 0; column < d; column++) {
    for (let row = column; row < d; row++) {
      let sum = row === column ? 1 : 0;
      for (let m = column; m < row; m++) sum -= L[row * d + m]! * inverse[m * d + column]!;
      inverse[row * d + column] = sum / L[row * d + row]!;
    }
  }
  return inverse;
}

/** J A J with J the reversal permutation: reverses both the row and the column order. */
function reverseBoth(A: Float64Array, d: number): Float64Array {
  const result = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) result[i * d + j] = A[(d - 1 - i) * d + (d - 1 - j)]!;
  return result;
}

/**
 * Upper-triangular U with P = U Uᵀ, without inverting P: with J the reversal permutation,
 * J P J = L Lᵀ gives P = (J L J)(J L J)ᵀ, and J L J is upper triangular. Null when P is not positive definite.
 */
export function upperFactorOfPrecision(P: Float64Array, d: number): Float64Array | null {
  const L = choleskyLower(reverseBoth(P, d), d);
  return L === null ? null : reverseBoth(L, d);
}
