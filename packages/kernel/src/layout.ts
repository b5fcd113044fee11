import type { CovarianceKind, SufficientStats } from './types.js';

/** Length of the packed upper triangle of a d×d matrix. */
export function packedSize(d: number): number {
  return (d * (d + 1)) / 2;
}

/** Offset of entry (i, j), i ≤ j, in a packed upper triangle stored row by row. */
export function packedIndex(i: number, j: number, d: number): number {
  return i * d - (i * (i - 1)) / 2 + (j - i);
}

/** Length of the `precChol` buffer for a covariance kind. */
export function precCholSize(kind: CovarianceKind, k: number, d: number): number {
  switch (kind) {
    case 'full':
      return k * packedSize(d);
    case 'tied':
      return packedSize(d);
    case 'diag':
      return k * d;
    case 'spherical':
      return k;
  }
}

/** Length of the `Q` statistics buffer for a covariance kind. */
export function secondMomentSize(kind: CovarianceKind, k: number, d: number): number {
  // Q has exactly the shape of precChol: one entry per free parameter of the covariance.
  return precCholSize(kind, k, d);
}

/** Zeroed statistics buffers sized for (kind, k, d). */
export function createStats(kind: CovarianceKind, k: number, d: number): SufficientStats {
  return {
    N: new Float64Array(k),
    S: new Float64Array(k * d),
    Q: new Float64Array(secondMomentSize(kind, k, d)),
  };
}

/** Adds `from` into `into` (statistics of disjoint row ranges add up). */
export function addStats(into: SufficientStats, from: SufficientStats): void {
  for (const key of ['N', 'S', 'Q'] as const) {
    const a = into[key];
    const b = from[key];
    for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
  }
}

export const LOG_2PI = Math.log(2 * Math.PI);
