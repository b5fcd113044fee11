import { syntheticMixture } from '@gmm/datasets';
import { describe, expect, test } from 'vitest';
import {
  fit,
  fitPredict,
  fitSteps,
  IllDefinedCovarianceError,
  INIT_PARAMS,
  type FitStep,
  type GaussianMixture,
} from '../../src/index.js';
import { COVARIANCE_TYPES_UNDER_TEST, countingKernel, firstRows, identityPrecisions, normalMatrix } from './helpers.js';

const blobs = syntheticMixture({ k: 3, d: 2, n: 600, separation: 4, seed: 2 });
const X = { data: blobs.data, rows: blobs.rows, cols: blobs.cols };
const kernel = countingKernel();

/** Drains fitSteps: the steps and the returned model. */
async function collectSteps(options: Parameters<typeof fitSteps>[1]): Promise<{ steps: FitStep[]; model: GaussianMixture }> {
  const steps: FitStep[] = [];
  const generator = fitSteps(X, options);
  for (;;) {
    const next = await generator.next();
    if (next.done) return { steps, model: next.value };
    steps.push(next.value);
  }
}

describe('fit', () => {
  test.each(COVARIANCE_TYPES_UNDER_TEST)('%s: labels from the fit equal predict(X), even after a single iteration', async (covarianceType) => {
    for (const maxIter of [1, 100]) {
      const { model, labels } = await fitPredict(X, { nComponents: 3, covarianceType, maxIter, kernel });
      expect(labels).toEqual(model.predict(X));
    }
  });

  test.each(INIT_PARAMS)('initParams %s: the same seed gives a bit-identical model, another seed another start', async (initParams) => {
    const options = { nComponents: 3, initParams, nInit: 3, maxIter: 5, tol: 0, kernel };
    const a = await fit(X, { ...options, seed: 12 });
    const b = await fit(X, { ...options, seed: 12 });
    const c = await fit(X, { ...options, seed: 13 });
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(c.lowerBounds[0]).not.toBe(a.lowerBounds[0]);
    expect(Number.isFinite(a.lowerBound)).toBe(true);
  });

  test('the k-means start reaches the optimum of well-separated blobs in a few iterations', async () => {
    const model = await fit(X, { nComponents: 3, kernel });
    expect(model.converged).toBe(true);
    expect(model.nIter).toBeLessThan(20);
    // Ref: the generator's true means; every one is recovered by a component.
    for (const mean of blobs.truth.means) {
      const distance = Math.min(...model.means.map((m) => Math.hypot(m[0]! - mean[0]!, m[1]! - mean[1]!)));
      expect(distance).toBeLessThan(0.3);
    }
  });

  test('tol 0 runs exactly maxIter iterations, and non-convergence is data', async () => {
    const model = await fit(X, { nComponents: 3, tol: 0, maxIter: 7, kernel });
    expect(model.nIter).toBe(7);
    expect(model.lowerBounds).toHaveLength(7);
    expect(model.converged).toBe(false);
    expect(model.lowerBound).toBe(model.lowerBounds[6]);
  });

  test('nInit keeps the restart with the highest final lower bound', async () => {
    const options = { nComponents: 3, initParams: 'random' as const, nInit: 4, maxIter: 3, tol: 0, seed: 5, kernel };
    const { steps, model } = await collectSteps(options);
    const finals = [0, 1, 2, 3].map((init) => steps.filter((s) => s.init === init).at(-1)!.lowerBound);
    expect(model.lowerBound).toBe(Math.max(...finals));
    const best = finals.indexOf(Math.max(...finals));
    expect(model.lowerBounds).toEqual(steps.filter((s) => s.init === best).map((s) => s.lowerBound));
  });

  test('warmStart continues where the model stopped (sklearn warm_start)', async () => {
    const start = { nComponents: 3, covarianceType: 'diag' as const, tol: 0, kernel };
    const first = await fit(X, { ...start, maxIter: 4 });
    const continued = await fit(X, { warmStart: first, tol: 0, maxIter: 3, kernel });
    const straight = await fit(X, { ...start, maxIter: 7 });
    expect(continued.lowerBounds).toEqual(straight.lowerBounds.slice(4));
    expect(continued.means).toEqual(straight.means);
    expect(continued.covarianceType).toBe('diag');
  });

  test('a warm start from a converged model converges at once: the lower bound continues from the model', async () => {
    const converged = await fit(X, { nComponents: 3, tol: 1e-8, maxIter: 500, kernel });
    const continued = await fit(X, { warmStart: converged, tol: 1e-6, kernel });
    expect(continued.nIter).toBe(1);
    expect(continued.converged).toBe(true);
  });

  test('a covariance that collapses is an IllDefinedCovarianceError, never a NaN model', async () => {
    // Two distinct points repeated; three components without regularisation: one component holds one point.
    const rows = Array.from({ length: 10 }, (_, i) => (i % 2 ? [1, 1] : [0, 0]));
    const error = await fit(rows, { nComponents: 3, regCovar: 0, initParams: 'random_from_data', kernel }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IllDefinedCovarianceError);
    expect((error as Error).message).toMatch(/component \d has an ill-defined covariance .*try fewer components, a larger regCovar, or scaling the data/);
  });

  test('the model remembers its feature names and its kernel, and every session is released', async () => {
    const counting = countingKernel();
    const model = await fit(X, { nComponents: 2, featureNames: ['x', 'y'], kernel: counting });
    expect(model.featureNames).toEqual(['x', 'y']);
    model.predict(X);
    model.score(X);
    expect(counting.created).toBe(3);
    expect(counting.disposed).toBe(3);
  });

  test('the public parameters are frozen snapshots', async () => {
    const model = await fit(X, { nComponents: 2, kernel });
    expect(() => (model.means[0]![0] = 1)).toThrow(TypeError);
    expect(() => model.weights.push(0)).toThrow(TypeError);
  });
});

describe('fitSteps', () => {
  test.each(COVARIANCE_TYPES_UNDER_TEST)('%s: one step per iteration; its lower bounds are those of fit', async (covarianceType) => {
    const options = {
      nComponents: 3,
      covarianceType,
      meansInit: firstRows(X, 3),
      weightsInit: [1 / 3, 1 / 3, 1 / 3],
      precisionsInit: identityPrecisions(covarianceType, 3, 2),
      tol: 1e-6,
      kernel,
    };
    const { steps, model } = await collectSteps(options);
    const fitted = await fit(X, options);
    expect(steps.map((s) => s.lowerBound)).toEqual(fitted.lowerBounds);
    expect(steps.map((s) => s.iteration)).toEqual(fitted.lowerBounds.map((_, i) => i + 1));
    expect(steps.every((s) => s.init === 0)).toBe(true);
    expect(steps.at(-1)!.converged).toBe(fitted.converged);
    expect(steps.at(-1)!.means).toEqual(fitted.means);
    expect(steps.at(-1)!.covariances).toEqual(fitted.covariances);
    expect(steps.at(-1)!.weights).toEqual(fitted.weights);
    expect(model.toJSON()).toEqual(fitted.toJSON());
    // Each step's model is the mixture after that iteration; the last one is the fitted model.
    expect(steps.at(-1)!.model.toJSON()).toEqual(fitted.toJSON());
    expect(steps.at(-1)!.model.predict(X)).toEqual(fitted.predict(X));
    expect(steps[1]!.model.lowerBounds).toEqual(fitted.lowerBounds.slice(0, 2));
    expect(steps[1]!.model.means).toEqual(steps[1]!.means);
    // Built on first read, then kept; and they serialise like plain fields.
    expect(steps[1]!.model).toBe(steps[1]!.model);
    expect(steps[1]!.means).toBe(steps[1]!.means);
    const { model: _model, ...fields } = steps[0]!;
    expect(JSON.parse(JSON.stringify(fields))).toMatchObject({ means: steps[0]!.means, covariances: steps[0]!.covariances });
  });

  test('stopping early releases the kernel session', async () => {
    const counting = countingKernel();
    for await (const step of fitSteps(X, { nComponents: 3, tol: 0, maxIter: 50, kernel: counting })) {
      if (step.iteration === 2) break;
    }
    expect(counting.created).toBe(1);
    expect(counting.disposed).toBe(1);
  });

  test('invalid options reject on the first next()', async () => {
    await expect(fitSteps(X, { nComponents: 0, kernel }).next()).rejects.toThrow(/nComponents/);
  });
});
