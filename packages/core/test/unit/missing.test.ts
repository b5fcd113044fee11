// Missing values in fit (issue 7, point 2): EM on each row's observed coordinates (Ghahramani & Jordan 1994).
import { referenceKernel } from '@gmm/kernel';
import { describe, expect, it } from 'vitest';
import { COVARIANCE_TYPES, DataError, fit, fitPredict, selectModel, ValidationError, type GaussianMixture } from '../../src/index.js';
import { Random } from '../../src/random.js';
import { expectClose, flatten } from '../helpers/compare.js';
import { permuteRows, type Matrix } from '../helpers/data.js';
import { fixedStart } from '../helpers/fixed-start.js';
import { removeEntries } from '../helpers/missing.js';
import { normalMatrix } from './helpers.js';

/** n rows of a correlated bivariate normal: x = (1 + z1, −2 + 0.8 z1 + 0.6 z2)·scale. */
function bivariate(n: number, seed: number): Matrix {
  const rng = Random.fromSeed(seed);
  const data = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const z1 = rng.normal();
    const z2 = rng.normal();
    data[2 * i] = 1 + 2 * z1;
    data[2 * i + 1] = -2 + 1.6 * z1 + 1.2 * z2;
  }
  return { data, rows: n, cols: 2 };
}

/**
 * The ML estimate of one bivariate Gaussian from rows with missing values, by a plain EM written here
 * independently of the library (the textbook formulas, 2-D only): x̂_m = μ_m + Σ_mo/Σ_oo (x_o − μ_o),
 * C = Σ_mm − Σ_mo²/Σ_oo, μ = mean x̂, Σ = mean(x̂x̂ᵀ + C) − μμᵀ.
 */
function directEm(X: Matrix, iterations: number): { mean: number[]; cov: number[][] } {
  const rows = Array.from({ length: X.rows }, (_, i) => [X.data[2 * i]!, X.data[2 * i + 1]!]);
  let mean = [0, 0];
  let cov = [[1, 0], [0, 1]];
  for (let t = 0; t < iterations; t++) {
    const s = [0, 0];
    const q = [[0, 0], [0, 0]];
    for (const [a, b] of rows) {
      let x = [a!, b!];
      let c = [[0, 0], [0, 0]];
      if (Number.isNaN(a)) {
        x = [mean[0]! + (cov[0]![1]! / cov[1]![1]!) * (b! - mean[1]!), b!];
        c = [[cov[0]![0]! - cov[0]![1]! ** 2 / cov[1]![1]!, 0], [0, 0]];
      } else if (Number.isNaN(b)) {
        x = [a!, mean[1]! + (cov[0]![1]! / cov[0]![0]!) * (a! - mean[0]!)];
        c = [[0, 0], [0, cov[1]![1]! - cov[0]![1]! ** 2 / cov[0]![0]!]];
      }
      for (let u = 0; u < 2; u++) {
        s[u]! += x[u]!;
        for (let v = 0; v < 2; v++) q[u]![v]! += x[u]! * x[v]! + c[u]![v]!;
      }
    }
    mean = s.map((value) => value / rows.length);
    cov = q.map((row, u) => row.map((value, v) => value / rows.length - mean[u]! * mean[v]!));
  }
  return { mean, cov };
}

/** Drops an entry of row i when i mod 5 is 1 (x) or 2 (y): values missing at random, never a whole row. */
function withHoles(X: Matrix): Matrix {
  const data = X.data.slice();
  for (let i = 0; i < X.rows; i++) {
    if (i % 5 === 1) data[2 * i] = NaN;
    if (i % 5 === 2) data[2 * i + 1] = NaN;
  }
  return { ...X, data };
}

function expectSameParameters(actual: GaussianMixture, expected: GaussianMixture, tolerance: number, label: string): void {
  expectClose(actual.weights, expected.weights, tolerance, `${label} weights`);
  expectClose(flatten(actual.means), flatten(expected.means), tolerance, `${label} means`);
  expectClose(flatten(actual.covariances), flatten(expected.covariances), tolerance, `${label} covariances`);
}

const kernel = referenceKernel;

describe('missing: validation', () => {
  it('a NaN stays an error naming row and column by default', async () => {
    await expect(fit([[1, 2], [3, NaN], [4, 5]])).rejects.toThrow(DataError);
    await expect(fit([[1, 2], [3, NaN], [4, 5]])).rejects.toThrow('X[row 1, column 1] is NaN');
    await expect(fit([[1, 2], [3, NaN], [4, 5]], { missing: 'error' })).rejects.toThrow('X[row 1, column 1] is NaN');
  });

  it('±Infinity is an error even with missing em', async () => {
    await expect(fit([[1, 2], [3, Infinity], [4, 5]], { missing: 'em' })).rejects.toThrow('X[row 1, column 1] is Infinity');
  });

  it('a row with every value missing is an error naming the row', async () => {
    await expect(fit([[1, 2], [NaN, NaN], [4, 5]], { missing: 'em' })).rejects.toThrow(/X\[row 1\] has every value missing/);
    const flat = { data: Float64Array.from([1, 2, 3, NaN, NaN, NaN]), rows: 2, cols: 3 };
    await expect(selectModel(flat, { missing: 'em' })).rejects.toThrow(/X\[row 1\] has every value missing/);
  });

  it('an unknown missing mode is a ValidationError naming the option', async () => {
    await expect(fit([[1], [2]], { missing: 'drop' as 'em' })).rejects.toThrow(ValidationError);
    await expect(fit([[1], [2]], { missing: 'drop' as 'em' })).rejects.toThrow(/missing/);
  });
});

describe('missing em: data without NaN', () => {
  const X = normalMatrix(120, 3, 4, [0, 3, -2]);
  it.each(COVARIANCE_TYPES)('%s: the fit is identical to the fit without the option', async (covarianceType) => {
    const options = { nComponents: 3, covarianceType, nInit: 2, kernel } as const;
    const plain = await fit(X, options);
    const em = await fit(X, { ...options, missing: 'em' });
    expect(em.toJSON()).toEqual(plain.toJSON());
  });
});

describe('missing em: one Gaussian', () => {
  const X = withHoles(bivariate(400, 11));
  const options = { tol: 0, maxIter: 300, regCovar: 0, kernel, missing: 'em' } as const;

  it.each(['full', 'tied'] as const)('%s: converges to the ML estimate of a direct EM written in the test', async (covarianceType) => {
    const model = await fit(X, { ...options, covarianceType });
    const { mean, cov } = directEm(X, 300);
    expectClose(model.means[0]!, mean, 1e-9, 'mean');
    expectClose(flatten(model.componentCovariance(0)), flatten(cov), 1e-9, 'covariance');
  });

  it('diag: converges to each column’s mean and variance over its observed values (the closed form)', async () => {
    const model = await fit(X, { ...options, covarianceType: 'diag' });
    for (let c = 0; c < 2; c++) {
      const observed = Array.from({ length: X.rows }, (_, i) => X.data[2 * i + c]!).filter((value) => !Number.isNaN(value));
      const mean = observed.reduce((a, b) => a + b, 0) / observed.length;
      const variance = observed.reduce((a, b) => a + (b - mean) ** 2, 0) / observed.length;
      expect(model.means[0]![c]).toBeCloseTo(mean, 10);
      expect(model.componentCovariance(0)[c]![c]).toBeCloseTo(variance, 10);
    }
  });

  it('spherical: the variance is the fixed point of the EM update (mean of the expected squared deviations)', async () => {
    const model = await fit(X, { ...options, covarianceType: 'spherical' });
    const mu = model.means[0]!;
    const s2 = model.componentCovariance(0)[0]![0]!;
    // Per row: observed squared deviations, plus s² for each missing coordinate (its conditional variance; mean μ_m).
    let total = 0;
    const means = [0, 0];
    const counts = [0, 0];
    for (let i = 0; i < X.rows; i++) {
      for (let c = 0; c < 2; c++) {
        const value = X.data[2 * i + c]!;
        total += Number.isNaN(value) ? s2 : (value - mu[c]!) ** 2;
        if (!Number.isNaN(value)) {
          means[c]! += value;
          counts[c]!++;
        }
      }
    }
    expect(s2).toBeCloseTo(total / (2 * X.rows), 10);
    expectClose(mu, means.map((sum, c) => sum / counts[c]!), 1e-10, 'mean');
  });
});

describe('missing em: mixtures', () => {
  const X = removeEntries(normalMatrix(150, 3, 8, [0, 4, 8]), 0.2, 3);

  it.each(COVARIANCE_TYPES)('%s: the lower bound never decreases', async (covarianceType) => {
    const model = await fit(X, { nComponents: 3, covarianceType, tol: 0, maxIter: 60, missing: 'em', kernel });
    model.lowerBounds.slice(1).forEach((bound, i) => expect(bound).toBeGreaterThanOrEqual(model.lowerBounds[i]! - 1e-12 * Math.abs(bound)));
  });

  it('integer sample weights give the fit of the rows repeated (relative 1e-10)', async () => {
    const weights = Array.from({ length: X.rows }, (_, i) => i % 3);
    const repeated = permuteRows(X, weights.flatMap((w, i) => new Array<number>(w).fill(i)));
    const options = { ...fixedStart('full', [[0, 4, 8], [1, 5, 9]], 15), missing: 'em', kernel } as const;
    const weighted = await fit(X, { ...options, sampleWeight: weights });
    const plain = await fit(repeated, options);
    expectSameParameters(weighted, plain, 1e-10, 'weighted');
    expectClose(weighted.lowerBounds, plain.lowerBounds, 1e-10, 'lowerBounds');
  });

  it('fitPredict labels a row with missing values by its marginal over the observed coordinates', async () => {
    const { model, labels } = await fitPredict(X, { nComponents: 3, missing: 'em', kernel });
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from(X.data.subarray(3 * i, 3 * i + 3));
      const dims = row.flatMap((value, c) => (Number.isNaN(value) ? [] : [c]));
      const expected = model.marginal(dims).predict([dims.map((c) => row[c]!)])[0];
      expect(labels[i], `row ${i}`).toBe(expected);
    }
  });

  it('selectModel: the best model is the fit, and its score is the mean marginal log-likelihood', async () => {
    const options = { missing: 'em', kernel } as const;
    const selection = await selectModel(X, { ...options, nComponents: [2], covarianceTypes: ['full'] });
    const model = await fit(X, { ...options, nComponents: 2 });
    expect(selection.best.model.toJSON()).toEqual(model.toJSON());
    let total = 0;
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from(X.data.subarray(3 * i, 3 * i + 3));
      const dims = row.flatMap((value, c) => (Number.isNaN(value) ? [] : [c]));
      total += model.marginal(dims).scoreSamples([dims.map((c) => row[c]!)])[0]!;
    }
    expect(selection.best.score).toBeCloseTo(total / X.rows, 10);
  });

  it('starts from mean-imputed rows when fewer than k complete rows are distinct', async () => {
    // Every row misses one value: no complete row at all.
    const base = normalMatrix(150, 3, 8, [0, 4, 8]);
    const holes = base.data.map((value, i) => (i % 3 === Math.floor(i / 3) % 3 ? NaN : value));
    const model = await fit({ data: holes, rows: base.rows, cols: 3 }, { nComponents: 3, missing: 'em', kernel });
    expect(model.nComponents).toBe(3);
    expect(flatten(model.means).every(Number.isFinite)).toBe(true);
  });
});
