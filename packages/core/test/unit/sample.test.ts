import { describe, expect, test } from 'vitest';
import { fit, ValidationError, type GaussianMixture } from '../../src/index.js';
import { COVARIANCE_TYPES_UNDER_TEST, countingKernel, normalMatrix } from './helpers.js';

const X = normalMatrix(300, 2, 17, [0, 3]);
const kernel = countingKernel();

/** Σ_j of a model as a dense 2×2 matrix, whatever its covariance type. */
function covarianceOf(model: GaussianMixture, j: number): number[][] {
  const c = model.covariances;
  switch (model.covarianceType) {
    case 'full':
      return (c as number[][][])[j]!;
    case 'tied':
      return c as number[][];
    case 'diag': {
      const v = (c as number[][])[j]!;
      return [
        [v[0]!, 0],
        [0, v[1]!],
      ];
    }
    case 'spherical': {
      const v = (c as number[])[j]!;
      return [
        [v, 0],
        [0, v],
      ];
    }
  }
}

describe.each(COVARIANCE_TYPES_UNDER_TEST)('sample() of a %s model', (covarianceType) => {
  test('is deterministic by seed, grouped by component, with the moments of the model', async () => {
    const model = await fit(X, { nComponents: 2, covarianceType, kernel });
    const n = 20000;
    const { X: drawn, labels } = model.sample(n, 3);
    expect(model.sample(n, 3).X.data).toEqual(drawn.data);
    expect(model.sample(50, 4).X.data).not.toEqual(model.sample(50, 3).X.data);
    expect(drawn.rows).toBe(n);
    expect(drawn.cols).toBe(2);
    expect(labels.every((label, i) => i === 0 || label >= labels[i - 1]!)).toBe(true);

    for (let j = 0; j < 2; j++) {
      const rows: number[] = [];
      labels.forEach((label, i) => label === j && rows.push(i));
      // The count is binomial(n, w_j): within 5 standard deviations.
      const w = model.weights[j]!;
      expect(Math.abs(rows.length - n * w)).toBeLessThan(5 * Math.sqrt(n * w * (1 - w)));
      const mean = [0, 1].map((c) => rows.reduce((s, i) => s + drawn.data[i * 2 + c]!, 0) / rows.length);
      const sigma = covarianceOf(model, j);
      mean.forEach((m, c) => expect(Math.abs(m - model.means[j]![c]!)).toBeLessThan(5 * Math.sqrt(sigma[c]![c]! / rows.length)));
      for (let a = 0; a < 2; a++) {
        for (let b = 0; b < 2; b++) {
          const cov = rows.reduce((s, i) => s + (drawn.data[i * 2 + a]! - mean[a]!) * (drawn.data[i * 2 + b]! - mean[b]!), 0) / rows.length;
          // Sampling error of a covariance entry is about sqrt((σ_aa σ_bb + σ_ab²) / n).
          const tolerance = 5 * Math.sqrt((sigma[a]![a]! * sigma[b]![b]! + sigma[a]![b]! ** 2) / rows.length);
          expect(Math.abs(cov - sigma[a]![b]!)).toBeLessThan(tolerance);
        }
      }
    }
  });
});

test('sample() validates n and seed', async () => {
  const model = await fit(X, { kernel });
  expect(() => model.sample(0)).toThrow(ValidationError);
  expect(() => model.sample(2.5)).toThrow(/n must be an integer >= 1/);
  expect(() => model.sample(10, -1)).toThrow(/seed must be an integer between 0 and 4294967295/);
  expect(model.sample(10).X.data).toEqual(model.sample(10, 0).X.data);
});
