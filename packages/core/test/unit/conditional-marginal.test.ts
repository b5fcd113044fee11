/** marginal(): same weights, sub-vectors of the means, sub-blocks of the covariances, type kept. */
import { describe, expect, test } from 'vitest';
import { LOG_2PI } from '@gmm/kernel';
import { block, covarianceTimesPrecision, iris3, irisModel, precisionFactor, rowOf } from './conditional-helpers.js';
import { COVARIANCE_TYPES_UNDER_TEST } from './helpers.js';

describe.each(COVARIANCE_TYPES_UNDER_TEST)('marginal() of a %s model', async (covarianceType) => {
  const model = await irisModel(covarianceType, 3);
  const X = iris3();

  test('over [2, 0]: the sub-blocks in the order given, exactly', () => {
    const dims = [2, 0];
    const marginal = model.marginal(dims);
    expect(marginal.covarianceType).toBe(covarianceType);
    expect(marginal.nFeatures).toBe(2);
    expect(marginal.weights).toEqual(model.weights);
    expect(marginal.featureNames).toEqual(dims.map((dim) => model.featureNames![dim]));
    for (let j = 0; j < 3; j++) {
      expect(marginal.means[j]).toEqual(dims.map((dim) => model.means[j]![dim]));
      expect(marginal.componentCovariance(j)).toEqual(block(model.componentCovariance(j), dims, dims));
    }
  });

  test('its precision factors are recomputed for the sub-blocks', () => {
    const marginal = model.marginal([1, 2]);
    for (let j = 0; j < 3; j++) {
      const U = precisionFactor(marginal, j);
      const product = covarianceTimesPrecision(marginal.componentCovariance(j), U);
      product.forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(a === b ? 1 : 0, 12)));
    }
  });

  test('over one dimension: the density Σ_j w_j N(x; μ_j, σ²_j) written out', () => {
    const marginal = model.marginal([1]);
    for (const i of [0, 75, 149]) {
      const x = rowOf(X.data, 3, i)[1]!;
      const density = model.weights.reduce((sum, w, j) => {
        const variance = model.componentCovariance(j)[1]![1]!;
        return sum + w * Math.exp(-0.5 * ((x - model.means[j]![1]!) ** 2 / variance + Math.log(variance) + LOG_2PI));
      }, 0);
      expect(marginal.scoreSamples([[x]])[0]).toBeCloseTo(Math.log(density), 12);
    }
  });

  test('over every dimension in order: the same density as the model', () => {
    const marginal = model.marginal([0, 1, 2]);
    const scores = model.scoreSamples(X);
    marginal.scoreSamples(X).forEach((score, i) => expect(score).toBeCloseTo(scores[i]!, 11));
  });
});
