import { createStats, packedSize, referenceKernel } from '@gmm/kernel';
import { describe, expect, test } from 'vitest';
import { COVARIANCE_MODULES } from '../../src/covariance/index.js';
import { IllDefinedCovarianceError, type CovarianceType } from '../../src/index.js';
import { mStep } from '../../src/m-step.js';
import { toKernelParams } from '../../src/params.js';
import { COVARIANCE_TYPES_UNDER_TEST, normalMatrix, relativeError } from './helpers.js';

const EPS = 2.220446049250313e-16;
const n = 40;
const d = 3;
const k = 3;
const regCovar = 1e-3;
// Data far from the origin: the shifted statistics must not lose the covariances to cancellation.
const X = normalMatrix(n, d, 5, [1e3, -2e3, 5e2]);

/** An E-step's parameters: means at three rows, a precision factor per type from a known covariance. */
function startParams(type: CovarianceType) {
  const module = COVARIANCE_MODULES[type];
  const means = new Float64Array(k * d);
  [0, 13, 27].forEach((row, j) => means.set(X.data.subarray(row * d, row * d + d), j * d));
  const stats = createStats(type, k, d);
  // A statistics set with N = 1 and a unit second moment gives Σ = I·(1 + reg) per component.
  stats.N.fill(1);
  if (type === 'full' || type === 'tied') {
    for (let j = 0; j < (type === 'full' ? k : 1); j++) {
      for (let c = 0; c < d; c++) stats.Q[j * packedSize(d) + c * d - (c * (c - 1)) / 2] = type === 'tied' ? k : 1;
    }
  } else {
    stats.Q.fill(type === 'spherical' ? d : 1);
  }
  const params = mStep(module, stats, means, k, d, regCovar);
  return { ...params, means, weights: Float64Array.of(0.2, 0.3, 0.5) };
}

/** sklearn's formulas applied to explicit responsibilities r (n×k). */
function direct(type: CovarianceType, r: Float64Array) {
  const nk = Array.from({ length: k }, (_, j) => {
    let sum = 10 * EPS;
    for (let i = 0; i < n; i++) sum += r[i * k + j]!;
    return sum;
  });
  const total = nk.reduce((a, b) => a + b, 0);
  const means = nk.map((nkj, j) =>
    Array.from({ length: d }, (_, c) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += r[i * k + j]! * X.data[i * d + c]!;
      return sum / nkj;
    }),
  );
  const scatter = (j: number) =>
    Array.from({ length: d }, (_, a) =>
      Array.from({ length: d }, (_, b) => {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += r[i * k + j]! * (X.data[i * d + a]! - means[j]![a]!) * (X.data[i * d + b]! - means[j]![b]!);
        return sum;
      }),
    );
  const addReg = (m: number[][]) => m.map((row, a) => row.map((v, b) => v + (a === b ? regCovar : 0)));
  let covariances: number[];
  switch (type) {
    case 'full':
      covariances = nk.flatMap((nkj, j) => addReg(scatter(j).map((row) => row.map((v) => v / nkj))).flat());
      break;
    case 'tied': {
      const pooled = [0, 1, 2].map((j) => scatter(j)).reduce((a, b) => a.map((row, x) => row.map((v, y) => v + b[x]![y]!)));
      covariances = addReg(pooled.map((row) => row.map((v) => v / total))).flat();
      break;
    }
    case 'diag':
      covariances = nk.flatMap((nkj, j) => scatter(j).map((row, c) => row[c]! / nkj + regCovar));
      break;
    case 'spherical':
      covariances = nk.map((nkj, j) => scatter(j).reduce((sum, row, c) => sum + row[c]!, 0) / (d * nkj) + regCovar);
      break;
  }
  return { weights: nk.map((v) => v / total), means: means.flat(), covariances };
}

/** Σ_j as a dense matrix, whatever the layout. */
function denseCovariance(type: CovarianceType, covariances: Float64Array, j: number): number[][] {
  return Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => {
      switch (type) {
        case 'full':
          return covariances[j * d * d + a * d + b]!;
        case 'tied':
          return covariances[a * d + b]!;
        case 'diag':
          return a === b ? covariances[j * d + a]! : 0;
        case 'spherical':
          return a === b ? covariances[j]! : 0;
      }
    }),
  );
}

describe.each(COVARIANCE_TYPES_UNDER_TEST)('%s covariance module', (type) => {
  const module = COVARIANCE_MODULES[type];
  const start = startParams(type);
  const session = referenceKernel.createSession(X.data, n, d, { kind: type, k });
  const kernelParams = toKernelParams(start, d);
  const stats = createStats(type, k, d);
  session.eStep(kernelParams, 0, n, stats);
  const logResp = new Float64Array(n * k);
  session.scoreRows(kernelParams, 0, n, null, logResp);
  const fitted = mStep(module, stats, start.means, k, d, regCovar);
  const expected = direct(type, logResp.map(Math.exp));

  test('the M-step from shifted statistics equals the direct computation from responsibilities', () => {
    fitted.weights.forEach((w, j) => expect(relativeError(w, expected.weights[j]!)).toBeLessThan(1e-13));
    fitted.means.forEach((m, i) => expect(relativeError(m, expected.means[i]!)).toBeLessThan(1e-13));
    expect(fitted.covariances.length).toBe(expected.covariances.length);
    fitted.covariances.forEach((v, i) => expect(Math.abs(v - expected.covariances[i]!) / Math.abs(expected.covariances[i]!)).toBeLessThan(1e-9));
  });

  test('the precision factor is upper triangular and U Uᵀ Σ = I, with log|U| = −½ log|Σ|', () => {
    const dense = module.precCholToDense(fitted.precChol, k, d);
    for (let j = 0; j < k; j++) {
      const blockOffset = type === 'tied' ? 0 : j * (type === 'full' ? d * d : type === 'diag' ? d : 1);
      const U = Array.from({ length: d }, (_, a) =>
        Array.from({ length: d }, (_, b) => {
          if (type === 'full' || type === 'tied') return dense[blockOffset + a * d + b]!;
          if (a !== b) return 0;
          return type === 'diag' ? dense[blockOffset + a]! : dense[blockOffset]!;
        }),
      );
      const sigma = denseCovariance(type, fitted.covariances, j);
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < a; b++) expect(U[a]![b]).toBe(0);
        for (let b = 0; b < d; b++) {
          let product = 0;
          for (let m = 0; m < d; m++) for (let q = 0; q < d; q++) product += U[a]![q]! * U[m]![q]! * sigma[m]![b]!;
          expect(product).toBeCloseTo(a === b ? 1 : 0, 9);
        }
      }
      const logDetSigma = Math.log(
        sigma[0]![0]! * (sigma[1]![1]! * sigma[2]![2]! - sigma[1]![2]! * sigma[2]![1]!) -
          sigma[0]![1]! * (sigma[1]![0]! * sigma[2]![2]! - sigma[1]![2]! * sigma[2]![0]!) +
          sigma[0]![2]! * (sigma[1]![0]! * sigma[2]![1]! - sigma[1]![1]! * sigma[2]![0]!),
      );
      expect(fitted.logDetU[j]!).toBeCloseTo(-0.5 * logDetSigma, 9);
    }
  });

  test('the dense factor converts back to the kernel layout unchanged', () => {
    const fail = (expected: string, received: string): never => {
      throw new Error(`${expected} / ${received}`);
    };
    expect(module.precCholFromDense(module.precCholToDense(fitted.precChol, k, d), k, d, fail)).toEqual(fitted.precChol);
  });

  test('a covariance that cannot be factorised is an IllDefinedCovarianceError naming the component', () => {
    // Statistics of components holding one point each (at their centre), without regularisation: Σ = 0.
    const single = createStats(type, k, d);
    single.N.fill(1);
    const centres = new Float64Array(k * d);
    expect(() => mStep(module, single, centres, k, d, 0)).toThrow(IllDefinedCovarianceError);
    try {
      mStep(module, single, centres, k, d, 0);
    } catch (error) {
      expect((error as IllDefinedCovarianceError).component).toBe(type === 'tied' ? undefined : 0);
      expect((error as Error).message).toMatch(/try fewer components, a larger regCovar, or scaling the data/);
    }
  });
});

test('parameter counts follow sklearn', () => {
  const counts = Object.fromEntries(COVARIANCE_TYPES_UNDER_TEST.map((type) => [type, COVARIANCE_MODULES[type].parameterCount(4, 3)]));
  expect(counts).toEqual({ full: 4 * 6, tied: 6, diag: 12, spherical: 4 });
});
