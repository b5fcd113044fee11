import { describe, expect, test } from 'vitest';
import { DataError, fit, GaussianMixture, ValidationError, type FitOptions } from '../../src/index.js';
import { countingKernel } from './helpers.js';

// 5 samples × 2 features.
const X = [
  [0, 0],
  [1, 0.5],
  [2, -1],
  [0.5, 2],
  [3, 3],
];

const eye = [
  [1, 0],
  [0, 1],
];

interface Case {
  name: string;
  options: Record<string, unknown>;
  parameter: string;
  /** A fragment the message must contain, beyond the parameter name. */
  says: string;
}

const cases: Case[] = [
  { name: 'nComponents 0', options: { nComponents: 0 }, parameter: 'nComponents', says: 'received 0' },
  { name: 'nComponents above n', options: { nComponents: 6 }, parameter: 'nComponents', says: 'number of samples (5)' },
  { name: 'nComponents fractional', options: { nComponents: 1.5 }, parameter: 'nComponents', says: 'integer' },
  { name: 'unknown covariance type', options: { covarianceType: 'banana' }, parameter: 'covarianceType', says: "'full', 'tied', 'diag', 'spherical'" },
  { name: 'unknown init method', options: { initParams: 'kmeans2' }, parameter: 'initParams', says: "'kmeans', 'k-means++', 'random', 'random_from_data'" },
  { name: 'negative tol', options: { tol: -1 }, parameter: 'tol', says: '>= 0' },
  { name: 'NaN tol', options: { tol: NaN }, parameter: 'tol', says: 'received NaN' },
  { name: 'negative regCovar', options: { regCovar: -1e-6 }, parameter: 'regCovar', says: '>= 0' },
  { name: 'NaN regCovar', options: { regCovar: NaN }, parameter: 'regCovar', says: 'received NaN' },
  { name: 'maxIter 0', options: { maxIter: 0 }, parameter: 'maxIter', says: '>= 1' },
  { name: 'fractional maxIter', options: { maxIter: 2.5 }, parameter: 'maxIter', says: 'integer' },
  { name: 'nInit 0', options: { nInit: 0 }, parameter: 'nInit', says: '>= 1' },
  { name: 'fractional nInit', options: { nInit: 1.5 }, parameter: 'nInit', says: 'integer' },
  { name: 'negative seed', options: { seed: -1 }, parameter: 'seed', says: 'between 0 and 4294967295' },
  { name: 'seed above 2³²−1', options: { seed: 2 ** 32 }, parameter: 'seed', says: 'between 0 and 4294967295' },
  { name: 'weightsInit of the wrong length', options: { nComponents: 2, weightsInit: [1] }, parameter: 'weightsInit', says: 'shape 2' },
  { name: 'negative weightsInit', options: { nComponents: 2, weightsInit: [1.5, -0.5] }, parameter: 'weightsInit', says: 'weightsInit[1] = -0.5' },
  { name: 'weightsInit not summing to 1', options: { nComponents: 2, weightsInit: [0.5, 0.4] }, parameter: 'weightsInit', says: 'sum' },
  { name: 'meansInit k × (d+1)', options: { nComponents: 2, meansInit: [[0, 0, 0], [1, 1, 1]] }, parameter: 'meansInit', says: 'shape 2 × 2' },
  { name: 'meansInit with NaN', options: { nComponents: 2, meansInit: [[0, 0], [1, NaN]] }, parameter: 'meansInit', says: 'meansInit[1][1] = NaN' },
  { name: 'full precisionsInit of tied shape', options: { nComponents: 2, precisionsInit: eye }, parameter: 'precisionsInit', says: 'shape 2 × 2 × 2' },
  {
    name: 'full precisionsInit not positive definite',
    options: { nComponents: 2, precisionsInit: [eye, [[1, 2], [2, 1]]] },
    parameter: 'precisionsInit',
    says: 'component 1, which is not positive definite',
  },
  {
    name: 'full precisionsInit not symmetric',
    options: { nComponents: 2, precisionsInit: [eye, [[2, 1], [0, 2]]] },
    parameter: 'precisionsInit',
    says: 'not symmetric',
  },
  {
    name: 'tied precisionsInit not positive definite',
    options: { covarianceType: 'tied', nComponents: 2, precisionsInit: [[-1, 0], [0, 1]] },
    parameter: 'precisionsInit',
    says: 'not positive definite',
  },
  {
    name: 'diag precisionsInit with a zero',
    options: { covarianceType: 'diag', nComponents: 2, precisionsInit: [[1, 1], [0, 1]] },
    parameter: 'precisionsInit',
    says: 'component 1',
  },
  {
    name: 'spherical precisionsInit given as a matrix',
    options: { covarianceType: 'spherical', nComponents: 2, precisionsInit: [[1], [1]] },
    parameter: 'precisionsInit',
    says: 'shape 2',
  },
  { name: 'featureNames of the wrong length', options: { featureNames: ['a'] }, parameter: 'featureNames', says: '2 strings' },
  { name: 'warmStart not a model', options: { warmStart: { means: [] } }, parameter: 'warmStart', says: 'GaussianMixture' },
  { name: 'unknown option', options: { n_components: 2 }, parameter: 'options', says: "Unknown option 'n_components'" },
];

describe('fit option validation', () => {
  test.each(cases)('$name → ValidationError naming $parameter, before any work', async ({ options, parameter, says }) => {
    const kernel = countingKernel();
    const error = await fit(X, { ...options, kernel } as FitOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).parameter).toBe(parameter);
    expect((error as Error).message).toContain(parameter);
    expect((error as Error).message).toContain(says);
    expect(kernel.created).toBe(0);
  });

  test('a kernel without createSession is rejected', async () => {
    await expect(fit(X, { kernel: {} as never })).rejects.toThrow(/kernel must be a Kernel/);
  });

  test('options that are not an object are rejected', async () => {
    await expect(fit(X, 3 as never)).rejects.toThrow(ValidationError);
  });

  test('a warm start contradicting the model, or with the wrong feature count, is rejected', async () => {
    const kernel = countingKernel();
    const model = await fit(X, { nComponents: 2, kernel });
    await expect(fit(X, { warmStart: model, nComponents: 3, kernel })).rejects.toThrow(/nComponents must be 2/);
    await expect(fit(X, { warmStart: model, covarianceType: 'diag', kernel })).rejects.toThrow(/covarianceType must be "full"/);
    await expect(fit(X, { warmStart: model, meansInit: [[0, 0], [1, 1]], kernel })).rejects.toThrow(/meansInit must be absent/);
    await expect(fit([[1, 2, 3]], { warmStart: model, kernel })).rejects.toThrow(DataError);
    expect(model).toBeInstanceOf(GaussianMixture);
  });

  test('weightsInit within sklearn’s 1e-6 of summing to 1 is accepted', async () => {
    const kernel = countingKernel();
    const model = await fit(X, { nComponents: 2, weightsInit: [0.5, 0.5 + 5e-7], kernel });
    expect(model.nComponents).toBe(2);
  });

  test('a zero initial weight is allowed, as in sklearn, and the component comes back with a finite weight', async () => {
    const model = await fit(X, { nComponents: 2, weightsInit: [1, 0], meansInit: [X[0]!, X[4]!], tol: 0, maxIter: 3 });
    expect(model.lowerBounds.every(Number.isFinite)).toBe(true);
    expect(model.weights[1]!).toBeGreaterThan(0);
    expect(model.means.flat().every(Number.isFinite)).toBe(true);
  });
});
