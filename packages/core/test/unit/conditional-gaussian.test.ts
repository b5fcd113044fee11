/** condition() and marginal() against closed forms: a single Gaussian, and exact identities of mixtures. */
import { describe, expect, test } from 'vitest';
import { fit, type GaussianMixture } from '../../src/index.js';
import { block, covarianceTimesPrecision, iris3, irisModel } from './conditional-helpers.js';
import { COVARIANCE_TYPES_UNDER_TEST } from './helpers.js';

/** 2×2 inverse by the adjugate: independent of the library's Cholesky solves. */
function inverse2(A: number[][]): number[][] {
  const [[a, b], [c, d]] = A as [[number, number], [number, number]];
  const det = a * d - b * c;
  return [
    [d / det, -b / det],
    [-c / det, a / det],
  ];
}

const multiply = (A: number[][], B: number[][]) => A.map((row) => B[0]!.map((_, j) => row.reduce((s, v, t) => s + v * B[t]![j]!, 0)));
const transpose = (A: number[][]) => A[0]!.map((_, j) => A.map((row) => row[j]!));

describe('condition() of a single 3-D Gaussian (k = 1, full)', async () => {
  const X = iris3();
  const model = await fit({ data: X.data, rows: X.rows, cols: X.cols }, { nComponents: 1 });
  const sigma = model.componentCovariance(0);
  const mu = model.means[0]!;

  test('on one dimension: μ_r + Σ_ro/Σ_oo (v − μ_o), Σ_rr − Σ_ro Σ_or/Σ_oo', () => {
    const v = 3.4;
    const r = [0, 2];
    const conditional = model.condition([1], [v]);
    expect(conditional.weights).toEqual([1]);
    r.forEach((dim, a) => {
      expect(conditional.means[0]![a]).toBeCloseTo(mu[dim]! + (sigma[dim]![1]! / sigma[1]![1]!) * (v - mu[1]!), 12);
      r.forEach((other, b) => {
        const expected = sigma[dim]![other]! - (sigma[dim]![1]! * sigma[1]![other]!) / sigma[1]![1]!;
        expect(conditional.componentCovariance(0)[a]![b]).toBeCloseTo(expected, 12);
      });
    });
  });

  test('on two dimensions: the Schur complement with an adjugate inverse', () => {
    const o = [2, 0];
    const values = [4.1, 5.9];
    const conditional = model.condition(o, values);
    const gain = multiply(block(sigma, [1], o), inverse2(block(sigma, o, o)));
    const centred = o.map((dim, i) => [values[i]! - mu[dim]!]);
    expect(conditional.means[0]![0]).toBeCloseTo(mu[1]! + multiply(gain, centred)[0]![0]!, 12);
    const expected = sigma[1]![1]! - multiply(gain, transpose(block(sigma, [1], o)))[0]![0]!;
    expect(conditional.componentCovariance(0)[0]![0]).toBeCloseTo(expected, 12);
    expect(conditional.nFeatures).toBe(1);
  });

  test('the conditional precision factor belongs to the conditional covariance', () => {
    const conditional = model.condition([0], [6]);
    const product = covarianceTimesPrecision(conditional.componentCovariance(0), (conditional.precisionsCholesky as number[][][])[0]!);
    product.forEach((row, a) => row.forEach((value, b) => expect(value).toBeCloseTo(a === b ? 1 : 0, 12)));
  });
});

describe.each(COVARIANCE_TYPES_UNDER_TEST)('%s mixture (k = 3, iris 3-D)', async (covarianceType) => {
  const model: GaussianMixture = await irisModel(covarianceType, 3);
  const X = iris3();
  const points = [0, 60, 120].map((i) => Array.from(X.data.subarray(i * 3, i * 3 + 3)));

  test.each([[[0]], [[1]], [[2, 0]], [[1, 2]]])('log p(x_r | x_o) = log p(x) − log p(x_o), observing %j', (observed) => {
    const remaining = [0, 1, 2].filter((dim) => !observed.includes(dim));
    const marginal = model.marginal(observed);
    for (const x of points) {
      const xo = observed.map((dim) => x[dim]!);
      const conditional = model.condition(observed, xo);
      expect(conditional.covarianceType).toBe(covarianceType);
      const expected = model.scoreSamples([x])[0]! - marginal.scoreSamples([xo])[0]!;
      expect(conditional.scoreSamples([remaining.map((dim) => x[dim]!)])[0]).toBeCloseTo(expected, 10);
      expect(conditional.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    }
  });

  test('the weights are the responsibilities of the marginal over the observed dimensions', () => {
    const conditional = model.condition([1], [points[1]![1]!]);
    const proba = model.marginal([1]).predictProba([[points[1]![1]!]]).data;
    conditional.weights.forEach((w, j) => expect(w).toBeCloseTo(proba[j]!, 12));
  });

  test('keeps the type and the feature names of the remaining dimensions', () => {
    const conditional = model.condition([1], [3]);
    expect(conditional.featureNames).toEqual([model.featureNames![0], model.featureNames![2]]);
    expect(conditional.nComponents).toBe(3);
  });
});

describe('type-specific structure of the conditional', async () => {
  test('diag and spherical conditionals are the marginals of the remaining dimensions, with unchanged means', async () => {
    for (const covarianceType of ['diag', 'spherical'] as const) {
      const model = await irisModel(covarianceType, 3);
      const conditional = model.condition([0], [5.5]);
      const marginal = model.marginal([1, 2]);
      expect(conditional.covariances).toEqual(marginal.covariances);
      expect(conditional.means).toEqual(marginal.means);
    }
  });

  test('tied stays tied: one shared conditional covariance, the Schur complement of the shared one', async () => {
    const model = await irisModel('tied', 3);
    const conditional = model.condition([1], [3]);
    const sigma = model.covariances as number[][];
    const expected = [0, 2].map((a) => [0, 2].map((b) => sigma[a]![b]! - (sigma[a]![1]! * sigma[1]![b]!) / sigma[1]![1]!));
    (conditional.covariances as number[][]).forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(expected[a]![b]!, 12)));
  });

  test('a conditional model survives toJSON / fromJSON with identical predictions', async () => {
    const { GaussianMixture } = await import('../../src/index.js');
    const model = await irisModel('full', 3);
    const conditional = model.condition([0, 2], [6.1, 4.7]);
    const loaded = GaussianMixture.fromJSON(JSON.stringify(conditional.toJSON()));
    expect(loaded.scoreSamples([[2.9], [3.3]])).toEqual(conditional.scoreSamples([[2.9], [3.3]]));
  });
});
