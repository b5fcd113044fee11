// Sample weights (issue 7, point 1): integer weights are the rows repeated, zero weights the rows removed.
import { referenceKernel, type Kernel } from '@gmm/kernel';
import { describe, expect, it } from 'vitest';
import { COVARIANCE_TYPES, fit, selectModel, ValidationError, type GaussianMixture } from '../../src/index.js';
import { expectClose, flatten } from '../helpers/compare.js';
import { fixedStart } from '../helpers/fixed-start.js';
import { permuteRows, rowsOf, type Matrix } from '../helpers/data.js';

/** 45 rows around three centres in 2-D, from a seeded LCG (no fixture needed: both sides are our own fits). */
function blobs(): Matrix {
  let state = 12345;
  const uniform = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const centres = [[0, 0], [5, 1], [2, 6]];
  const data = new Float64Array(45 * 2);
  for (let i = 0; i < 45; i++) {
    const centre = centres[i % 3]!;
    data[2 * i] = centre[0]! + 2 * uniform() - 1;
    data[2 * i + 1] = centre[1]! + 2 * uniform() - 1 + 0.5 * (uniform() - 0.5) * centre[0]!;
  }
  return { data, rows: 45, cols: 2 };
}

const X = blobs();
/** Weights 0..3: row i weighs i mod 4, so a quarter of the rows are removed and the rest repeated. */
const WEIGHTS = Array.from({ length: X.rows }, (_, i) => i % 4);
const REPEATED = permuteRows(X, WEIGHTS.flatMap((w, i) => new Array<number>(w).fill(i)));

/** Relative 1e-10 of each parameter array's largest magnitude (entries near zero have nothing to be relative to). */
function expectSameModel(actual: GaussianMixture, expected: GaussianMixture, label: string): void {
  expectClose(actual.lowerBounds, expected.lowerBounds, 1e-10, `${label} lowerBounds`);
  for (const name of ['weights', 'means', 'covariances', 'precisionsCholesky'] as const) {
    const values = flatten(expected[name]);
    const scale = Math.max(...values.map(Math.abs));
    expectClose(flatten(actual[name]), values, 1e-10, `${label} ${name}`, values.map(() => scale));
  }
}

const KERNELS: ReadonlyArray<readonly [string, Kernel | undefined]> = [
  ['wasm', undefined],
  ['reference', referenceKernel],
];

describe.each(KERNELS)('integer sample weights = repeated rows (%s kernel)', (_, kernel) => {
  const start = rowsOf(X, [1, 2, 3]);
  it.each(COVARIANCE_TYPES)('%s: same lower-bound trajectory and parameters from a fixed start, 20 iterations', async (type) => {
    const options = { ...fixedStart(type, start), kernel };
    const weighted = await fit(X, { ...options, sampleWeight: WEIGHTS });
    const repeated = await fit(REPEATED, options);
    expect(weighted.nIter).toBe(20);
    expectSameModel(weighted, repeated, type);
    // BIC/AIC/score with weights = those of the repeated data (n = Σ w).
    expectClose([weighted.bic(X, WEIGHTS), weighted.aic(X, WEIGHTS), weighted.score(X, WEIGHTS)],
      [repeated.bic(REPEATED), repeated.aic(REPEATED), repeated.score(REPEATED)], 1e-10, `${type} criteria`);
  });

  it('zero weights = rows removed', async () => {
    const keep = WEIGHTS.map((w) => Number(w > 0));
    const kept = permuteRows(X, keep.flatMap((w, i) => (w ? [i] : [])));
    const options = { ...fixedStart('full', start), kernel };
    expectSameModel(await fit(X, { ...options, sampleWeight: keep }), await fit(kept, options), 'zero weights');
  });
});

describe('weighted initialisation', () => {
  it('kmeans init: the weighted fit reaches the optimum of the repeated data', async () => {
    const weighted = await fit(X, { nComponents: 3, sampleWeight: WEIGHTS, tol: 1e-10, maxIter: 500 });
    const repeated = await fit(REPEATED, { nComponents: 3, tol: 1e-10, maxIter: 500 });
    // Both converge; their mean log-likelihoods on the repeated data agree (same optimum, up to tol).
    expect(weighted.converged).toBe(true);
    expect(Math.abs(weighted.score(REPEATED) - repeated.score(REPEATED))).toBeLessThan(1e-6);
  });

  it.each(['kmeans', 'k-means++', 'random_from_data'] as const)('%s never starts a component at a row of weight 0', async (initParams) => {
    // Only rows 0, 1 and 2 count: a 3-component fit started there puts one component on each (each then
    // collapses onto its row, which 'error' leaves alone as long as regCovar keeps it factorisable).
    const sampleWeight = WEIGHTS.map((_, i) => Number(i < 3));
    const model = await fit(X, { nComponents: 3, initParams, sampleWeight, maxIter: 1, onDegenerate: 'error' });
    const means = model.means.map((m) => m.map((v) => Number(v.toFixed(6))).join(','));
    const rows = rowsOf(X, [0, 1, 2]).map((r) => r.map((v) => Number(v.toFixed(6))).join(','));
    expect(means.sort()).toEqual(rows.sort());
  });
});

describe('selectModel with weights', () => {
  it('ranks by the weighted criteria: the same BIC values as on the repeated data', async () => {
    const options = { nComponents: [1, 2, 3], covarianceTypes: ['full', 'diag'] as ('full' | 'diag')[], seed: 3 };
    const weighted = await selectModel(X, { ...options, sampleWeight: WEIGHTS });
    for (const candidate of weighted.candidates) {
      const refit = await fit(X, {
        nComponents: candidate.nComponents,
        covarianceType: candidate.covarianceType,
        seed: 3,
        sampleWeight: WEIGHTS,
      });
      expect(candidate.bic).toBeCloseTo(refit.bic(X, WEIGHTS), 8);
      expect(candidate.score).toBeCloseTo(refit.score(X, WEIGHTS), 10);
    }
    const bics = weighted.candidates.map((c) => c.bic);
    expect(bics).toEqual([...bics].sort((a, b) => a - b));
  });
});

describe('sampleWeight validation', () => {
  it.each([
    ['the wrong length', [1, 2], /sampleWeight.*an array of 45 weights/],
    ['a negative entry', WEIGHTS.map((w, i) => (i === 7 ? -1 : w)), /sampleWeight.*-1 at row 7/],
    ['a NaN entry', WEIGHTS.map((w, i) => (i === 9 ? NaN : w)), /sampleWeight.*NaN at row 9/],
    ['only zeros', WEIGHTS.map(() => 0), /sampleWeight.*at least one weight > 0/],
  ])('rejects %s', async (_, sampleWeight, message) => {
    await expect(fit(X, { sampleWeight })).rejects.toThrow(ValidationError);
    await expect(fit(X, { sampleWeight })).rejects.toThrow(message);
  });

  it('model.score rejects bad weights too', async () => {
    const model = await fit(X, { nComponents: 2 });
    expect(() => model.score(X, [1])).toThrow(/sampleWeight/);
  });
});
