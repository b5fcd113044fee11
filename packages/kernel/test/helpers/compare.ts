import { packedIndex, packedSize } from '../../src/layout.js';
import type { CovarianceKind, SufficientStats } from '../../src/types.js';

/** Relative agreement required between the WASM and reference kernels. */
export const RELATIVE_TOLERANCE = 1e-12;

/**
 * Throws unless |actual[i] − expected[i]| ≤ tolerance · max(1, |expected[i]|, scale[i]) for every i (tolerance:
 * RELATIVE_TOLERANCE unless given).
 * `scale` is the size of the terms behind an entry: a sum whose terms cancel is only determined to a
 * relative 1e-16 of the sum of its absolute terms, and the two kernels add the rows in different orders.
 */
export function expectClose(
  name: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  scale?: ArrayLike<number>,
  tolerance = RELATIVE_TOLERANCE,
): void {
  if (actual.length !== expected.length) throw new Error(`${name}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const bound = tolerance * Math.max(1, Math.abs(e), scale?.[i] ?? 0);
    if (!(Math.abs(a - e) <= bound)) {
      throw new Error(`${name}[${i}]: got ${a}, expected ${e} (difference ${Math.abs(a - e)} > ${bound})`);
    }
  }
}

/**
 * Bounds on the sums of absolute terms of S and Q, from the expected statistics themselves
 * (Cauchy–Schwarz): Σ r|diff_c| ≤ √(N · Σ r diff_c²) and Σ r|diff_r diff_c| ≤ √(Q_rr · Q_cc).
 */
export function statsScales(kind: CovarianceKind, k: number, d: number, stats: SufficientStats): { S: Float64Array; Q: Float64Array } {
  const { N, Q } = stats;
  const S = new Float64Array(k * d);
  const scaledQ = new Float64Array(Q.length);
  // Σ_i r_ij diff_ijc², or an upper bound of it (tied sums it over components, spherical over columns).
  const squares = (j: number, c: number): number => {
    switch (kind) {
      case 'full':
        return Q[j * packedSize(d) + packedIndex(c, c, d)]!;
      case 'tied':
        return Q[packedIndex(c, c, d)]!;
      case 'diag':
        return Q[j * d + c]!;
      case 'spherical':
        return Q[j]!;
    }
  };
  for (let j = 0; j < k; j++) for (let c = 0; c < d; c++) S[j * d + c] = Math.sqrt(N[j]! * squares(j, c));
  if (kind === 'full' || kind === 'tied') {
    const factors = kind === 'full' ? k : 1;
    const size = Q.length / factors;
    for (let f = 0; f < factors; f++) {
      for (let r = 0; r < d; r++) {
        for (let c = r; c < d; c++) {
          const at = (i: number, j: number): number => Q[f * size + packedIndex(i, j, d)]!;
          scaledQ[f * size + packedIndex(r, c, d)] = Math.sqrt(at(r, r) * at(c, c));
        }
      }
    }
  }
  return { S, Q: scaledQ };
}
