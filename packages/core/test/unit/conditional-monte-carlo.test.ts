/**
 * condition() and regress() against Monte Carlo: 400k points drawn from a mixture, the ones whose conditioned
 * coordinate falls in a narrow window around the value kept. Their labels, means and variances estimate the
 * conditional weights, component means and mixture moments; tolerances are 5 standard errors.
 */
import { describe, expect, test } from 'vitest';
import { irisModel } from './conditional-helpers.js';
import { COVARIANCE_TYPES_UNDER_TEST } from './helpers.js';

const DRAWS = 400_000;
/** Half-width of the window, in units of the conditioned coordinate (cm): its bias is O(h²), far below the errors. */
const HALF_WIDTH = 0.02;

/** Mean and standard error of the mean. */
function meanWithError(values: number[]): { mean: number; error: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, error: Math.sqrt(variance / values.length) };
}

describe.each(COVARIANCE_TYPES_UNDER_TEST)('%s mixture of 3 components on 3-D iris', async (covarianceType) => {
  const model = await irisModel(covarianceType, 3);
  const { X, labels } = model.sample(DRAWS, 11);

  // Sepal width 3.0 lies between the clusters, so several components keep a sizeable weight.
  test.each([
    [1, 3.0],
    [2, 4.5],
  ])('conditioning dimension %i on %f', (observedDim, value) => {
    const remaining = [0, 1, 2].filter((dim) => dim !== observedDim);
    const kept: number[] = [];
    for (let i = 0; i < DRAWS; i++) if (Math.abs(X.data[i * 3 + observedDim]! - value) < HALF_WIDTH) kept.push(i);
    expect(kept.length).toBeGreaterThan(2000);
    const conditional = model.condition([observedDim], [value]);

    conditional.weights.forEach((w, j) => {
      const share = kept.filter((i) => labels[i] === j).length / kept.length;
      expect(Math.abs(share - w)).toBeLessThan(5 * Math.sqrt(Math.max(w * (1 - w), 1e-4) / kept.length));
      const ofComponent = kept.filter((i) => labels[i] === j);
      if (ofComponent.length < 200) return;
      remaining.forEach((dim, a) => {
        const { mean, error } = meanWithError(ofComponent.map((i) => X.data[i * 3 + dim]!));
        expect(Math.abs(mean - conditional.means[j]![a]!)).toBeLessThan(5 * error);
      });
    });

    const regression = model.regress([[value]], [observedDim]);
    expect(regression.outputDims).toEqual(remaining);
    remaining.forEach((dim, a) => {
      const values = kept.map((i) => X.data[i * 3 + dim]!);
      const { mean, error } = meanWithError(values);
      expect(Math.abs(mean - regression.mean.data[a]!)).toBeLessThan(5 * error);
      // Standard error of a variance: sd of the squared deviations / √n.
      const squares = values.map((v) => (v - mean) ** 2);
      const variance = meanWithError(squares);
      expect(Math.abs(variance.mean - regression.covariance[a * 2 + a]!)).toBeLessThan(5 * variance.error);
    });
    const [first, second] = remaining.map((dim) => meanWithError(kept.map((i) => X.data[i * 3 + dim]!)).mean);
    const products = kept.map((i) => (X.data[i * 3 + remaining[0]!]! - first!) * (X.data[i * 3 + remaining[1]!]! - second!));
    const covariance = meanWithError(products);
    expect(Math.abs(covariance.mean - regression.covariance[1]!)).toBeLessThan(5 * covariance.error);
  });
});
