import { LOG_2PI } from '@gmm/kernel';
import { describe, expect, test } from 'vitest';
import { choleskyLower, upperFactorOfPrecision } from '../../src/linalg.js';
import { fit, type CovarianceType } from '../../src/index.js';
import { Random } from '../../src/random.js';
import { countingKernel, normalMatrix, toRows } from './helpers.js';

/** A random symmetric positive-definite d×d matrix A Aᵀ + 0.1·I, row-major. */
function randomSpd(d: number, rng: Random): Float64Array {
  const A = Array.from({ length: d * d }, () => rng.normal());
  const P = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let sum = i === j ? 0.1 : 0;
      for (let m = 0; m < d; m++) sum += A[i * d + m]! * A[j * d + m]!;
      P[i * d + j] = sum;
    }
  }
  // Exactly symmetric, as the factorisation requires.
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) P[i * d + j] = P[j * d + i]!;
  return P;
}

describe('the reversal trick U = J · chol_lower(J P J) · J', () => {
  test.each([1, 2, 3, 5, 8])('gives an upper-triangular U with U Uᵀ = P for d = %i', (d) => {
    const rng = Random.fromSeed(d);
    for (let trial = 0; trial < 5; trial++) {
      const P = randomSpd(d, rng);
      const U = upperFactorOfPrecision(P, d)!;
      const scale = Math.max(...P.map(Math.abs));
      for (let i = 0; i < d; i++) {
        expect(U[i * d + i]!).toBeGreaterThan(0);
        for (let j = 0; j < i; j++) expect(U[i * d + j]).toBe(0);
        for (let j = 0; j < d; j++) {
          let product = 0;
          for (let m = 0; m < d; m++) product += U[i * d + m]! * U[j * d + m]!;
          expect(Math.abs(product - P[i * d + j]!) / scale).toBeLessThan(1e-13);
        }
      }
    }
  });

  test('a matrix that is not positive definite has no factor (ml-matrix clamps; we check)', () => {
    expect(upperFactorOfPrecision(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
    expect(choleskyLower(Float64Array.of(1, 1, 1, 1), 2)).toBeNull();
    expect(choleskyLower(Float64Array.of(0), 1)).toBeNull();
    expect(choleskyLower(Float64Array.of(NaN), 1)).toBeNull();
  });
});

/** Mean log-likelihood of X under the mixture with precisions P_j (dense d×d each), computed directly. */
function directMeanLogLikelihood(rows: number[][], weights: number[], means: number[][], precisions: Float64Array[]): number {
  const d = means[0]!.length;
  let total = 0;
  for (const x of rows) {
    const terms = weights.map((w, j) => {
      const P = precisions[j]!;
      const diff = x.map((v, c) => v - means[j]![c]!);
      let quadratic = 0;
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) quadratic += diff[a]! * P[a * d + b]! * diff[b]!;
      const logDetP = 2 * Math.log(choleskyLower(P, d)!.filter((_, i) => i % (d + 1) === 0).reduce((a, b) => a * b, 1));
      return Math.log(w) + 0.5 * logDetP - 0.5 * d * LOG_2PI - 0.5 * quadratic;
    });
    const max = Math.max(...terms);
    total += max + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - max), 0));
  }
  return total / rows.length;
}

describe('precisionsInit fixes the start of the fit', () => {
  const X = normalMatrix(50, 3, 21, [0, 5, -5]);
  const rows = toRows(X);
  const k = 2;
  const d = 3;
  const rng = Random.fromSeed(99);
  const dense = [randomSpd(d, rng), randomSpd(d, rng)];
  const diagonal = (P: Float64Array) => Float64Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? P[i]! : 0));
  const toNested = (P: Float64Array) => Array.from({ length: d }, (_, i) => Array.from(P.subarray(i * d, i * d + d)));
  const starts: Record<CovarianceType, { precisionsInit: number[] | number[][] | number[][][]; precisions: Float64Array[] }> = {
    full: { precisionsInit: dense.map(toNested), precisions: dense },
    tied: { precisionsInit: toNested(dense[0]!), precisions: [dense[0]!, dense[0]!] },
    diag: {
      precisionsInit: dense.map((P) => [P[0]!, P[4]!, P[8]!]),
      precisions: dense.map(diagonal),
    },
    spherical: {
      precisionsInit: [2, 0.5],
      precisions: [2, 0.5].map((p) => Float64Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? p : 0))),
    },
  };
  const weightsInit = [0.3, 0.7];
  const meansInit = [rows[0]!, rows[1]!];

  test.each(Object.keys(starts) as CovarianceType[])('%s: the first lower bound is the log-likelihood of that start', async (type) => {
    const { precisionsInit, precisions } = starts[type];
    const model = await fit(X, {
      nComponents: k,
      covarianceType: type,
      weightsInit,
      meansInit,
      precisionsInit,
      maxIter: 1,
      kernel: countingKernel(),
    });
    const expected = directMeanLogLikelihood(rows, weightsInit, meansInit, precisions);
    expect(Math.abs(model.lowerBounds[0]! - expected) / Math.abs(expected)).toBeLessThan(1e-12);
  });
});
