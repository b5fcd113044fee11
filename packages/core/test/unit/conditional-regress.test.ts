/** regress(): Gaussian mixture regression, per row the conditional mean and covariance of the mixture. */
import { faithful } from '@gmm/datasets';
import { describe, expect, test } from 'vitest';
import { fit } from '../../src/index.js';
import { irisModel } from './conditional-helpers.js';
import { COVARIANCE_TYPES_UNDER_TEST } from './helpers.js';

describe.each(COVARIANCE_TYPES_UNDER_TEST)('regress() with a %s model', async (covarianceType) => {
  test('equals the moments of condition(): Σ w′μ′ and Σ w′(Σ′ + μ′μ′ᵀ) − μμᵀ, row by row', async () => {
    const model = await irisModel(covarianceType, 3);
    const inputs = [
      [5.0, 1.5],
      [6.0, 4.5],
      [6.8, 5.6],
    ];
    const { mean, covariance, outputDims } = model.regress(inputs, [2, 0]);
    expect(outputDims).toEqual([1]);
    inputs.forEach((values, row) => {
      const conditional = model.condition([2, 0], values);
      const mu = conditional.weights.reduce((s, w, j) => s + w * conditional.means[j]![0]!, 0);
      const second = conditional.weights.reduce((s, w, j) => s + w * (conditional.componentCovariance(j)[0]![0]! + conditional.means[j]![0]! ** 2), 0);
      expect(mean.data[row]).toBeCloseTo(mu, 12);
      expect(covariance[row]).toBeCloseTo(second - mu * mu, 10);
    });
  });

  test('returns a full, symmetric, positive-definite covariance when two dimensions are predicted', async () => {
    const model = await irisModel(covarianceType, 3);
    const { mean, covariance, outputDims } = model.regress([[3.0], [3.6]], [1]);
    expect(outputDims).toEqual([0, 2]);
    expect(mean.cols).toBe(2);
    expect(covariance).toHaveLength(2 * 2 * 2);
    for (let row = 0; row < 2; row++) {
      const [a, b, c, d] = Array.from(covariance.subarray(row * 4, row * 4 + 4)) as [number, number, number, number];
      expect(b).toBe(c);
      expect(a).toBeGreaterThan(0);
      expect(a * d - b * c).toBeGreaterThan(0);
    }
  });
});

// Full and tied components carry the eruption–waiting correlation, so the curve rises within each component too.
test.each(['full', 'tied'] as const)('%s on Old Faithful (k = 2): the waiting time grows with the eruption length over 1.6..5.1, with a positive band', async (covarianceType) => {
  const model = await fit(faithful(), { nComponents: 2, covarianceType, seed: 0 });
  const eruptions = Array.from({ length: 36 }, (_, i) => 1.6 + 0.1 * i);
  const { mean, covariance, outputDims } = model.regress(
    eruptions.map((x) => [x]),
    [0],
  );
  expect(outputDims).toEqual([1]);
  expect(mean.rows).toBe(36);
  expect(mean.cols).toBe(1);
  for (let i = 1; i < eruptions.length; i++) expect(mean.data[i]!).toBeGreaterThan(mean.data[i - 1]!);
  // Ref: R datasets::faithful, short eruptions are followed by ~55 min waits, long ones by ~80 min.
  expect(mean.data[0]).toBeGreaterThan(45);
  expect(mean.data[0]).toBeLessThan(60);
  expect(mean.data[35]).toBeGreaterThan(75);
  expect(mean.data[35]).toBeLessThan(90);
  covariance.forEach((variance) => expect(variance).toBeGreaterThan(0));
});
