import { expect } from 'vitest';
import type { CovarianceType } from '../../src/index.js';
import type { NestedCovariances } from './fixtures.js';

/** All numbers of a nested array, in row-major order. */
export function flatten(nested: unknown): number[] {
  return Array.isArray(nested) ? nested.flatMap(flatten) : [nested as number];
}

/**
 * Asserts |actual[i] − expected[i]| ≤ tolerance · scale[i] for every i (scale defaults to |expected[i]|,
 * i.e. a relative tolerance); on failure the message names the worst entry.
 */
export function expectClose(
  actual: readonly number[],
  expected: readonly number[],
  tolerance: number,
  label: string,
  scale: readonly number[] = expected.map(Math.abs),
): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let worst = { index: -1, error: 0 };
  expected.forEach((value, index) => {
    const difference = Math.abs(actual[index]! - value);
    const error = difference === 0 ? 0 : difference / scale[index]!;
    // `!(error <= …)` so that a NaN entry is reported as the worst one.
    if (!(error <= worst.error)) worst = { index, error };
  });
  if (worst.index >= 0) {
    const { index, error } = worst;
    expect(
      error,
      `${label}[${index}]: ${actual[index]} vs expected ${expected[index]} (error ${error.toExponential(2)} of scale ${scale[index]})`,
    ).toBeLessThanOrEqual(tolerance);
  }
}

/** Per-component, per-feature variances (k × d) read from covariances in scikit-learn's shapes. */
export function componentVariances(type: CovarianceType, covariances: NestedCovariances, k: number, d: number): number[][] {
  const rows = Array.from({ length: k }, (_, j) => j);
  const features = Array.from({ length: d }, (_, c) => c);
  switch (type) {
    case 'full':
      return rows.map((j) => features.map((c) => (covariances as number[][][])[j]![c]![c]!));
    case 'tied':
      return rows.map(() => features.map((c) => (covariances as number[][])[c]![c]!));
    case 'diag':
      return rows.map((j) => [...(covariances as number[][])[j]!]);
    case 'spherical':
      return rows.map((j) => features.map(() => (covariances as number[])[j]!));
  }
}

/**
 * The scale each covariance entry is compared against, in flatten() order: sqrt(Σ_rr·Σ_cc), so an
 * off-diagonal entry near zero is measured in units of its variances (for diagonal entries: |Σ_rr|).
 */
export function covarianceScales(type: CovarianceType, covariances: NestedCovariances): number[] {
  const matrixScales = (m: number[][]): number[] =>
    m.flatMap((row, r) => row.map((_, c) => Math.sqrt(m[r]![r]! * m[c]![c]!)));
  switch (type) {
    case 'full':
      return (covariances as number[][][]).flatMap(matrixScales);
    case 'tied':
      return matrixScales(covariances as number[][]);
    case 'diag':
    case 'spherical':
      return flatten(covariances).map(Math.abs);
  }
}

/** The scale each mean coordinate is compared against: max(|μ_jc|, σ_jc), so a mean near 0 is measured in σ. */
export function meanScales(means: number[][], variances: number[][]): number[] {
  return means.flatMap((row, j) => row.map((value, c) => Math.max(Math.abs(value), Math.sqrt(variances[j]![c]!))));
}

function permutations(k: number): number[][] {
  if (k === 0) return [[]];
  return permutations(k - 1).flatMap((p) => Array.from({ length: k }, (_, at) => [...p.slice(0, at), k - 1, ...p.slice(at)]));
}

/**
 * Label switching: the permutation `p` minimising Σ_j ‖actual[p[j]] − expected[j]‖², so that component
 * p[j] of the fit corresponds to component j of the reference. Exhaustive, for the small k of the fixtures.
 */
export function matchComponents(actualMeans: number[][], expectedMeans: number[][]): number[] {
  const k = expectedMeans.length;
  if (actualMeans.length !== k || k > 8) throw new Error(`matchComponents: k = ${actualMeans.length} vs ${k} (at most 8)`);
  const cost = (p: number[]): number =>
    expectedMeans.reduce(
      (sum, mean, j) => sum + mean.reduce((s, value, c) => s + (actualMeans[p[j]!]![c]! - value) ** 2, 0),
      0,
    );
  return permutations(k).reduce((best, p) => (cost(p) < cost(best) ? p : best));
}
