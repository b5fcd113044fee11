/** Block helpers shared by the covariance modules whose components each own a covariance. */

/** Component j uses block j. */
export function ownBlocks(k: number): Int32Array {
  return Int32Array.from({ length: k }, (_, j) => j);
}

/** The diagonal of a dense d×d matrix. */
export function diagonalOf(dense: Float64Array, d: number): Float64Array {
  return Float64Array.from({ length: d }, (_, c) => dense[c * d + c]!);
}
