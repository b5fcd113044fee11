import { describe, expect, test } from 'vitest';
import { DataError, fit, fitChunked, ValidationError, type GaussianMixture } from '../../src/index.js';
import { flatten } from '../helpers/compare.js';
import { loadData } from '../helpers/data.js';
import { fixedStart } from '../helpers/fixed-start.js';
import { loadFixed20 } from '../helpers/fixtures.js';
import { blocksOf, chunkedOptions, countingSource } from './chunked-helpers.js';
import { COVARIANCE_TYPES_UNDER_TEST, normalMatrix, relativeError } from './helpers.js';

const UNEVEN = [1000, 337, 1];

function parametersOf(model: GaussianMixture): number[] {
  return [...model.weights, ...flatten(model.means), ...flatten(model.covariances), ...flatten(model.precisionsCholesky)];
}

function expectSameModel(chunked: GaussianMixture, inMemory: GaussianMixture, boundTolerance: number, parameterTolerance: number): void {
  expect(chunked.lowerBounds).toHaveLength(inMemory.lowerBounds.length);
  chunked.lowerBounds.forEach((value, t) => {
    expect(Math.abs(value - inMemory.lowerBounds[t]!) / Math.abs(inMemory.lowerBounds[t]!), `lowerBounds[${t}]`).toBeLessThan(boundTolerance);
  });
  const expected = parametersOf(inMemory);
  parametersOf(chunked).forEach((value, i) => expect(relativeError(value, expected[i]!), `parameter ${i}`).toBeLessThan(parameterTolerance));
  expect(chunked.nIter).toBe(inMemory.nIter);
  expect(chunked.converged).toBe(inMemory.converged);
}

describe('fitChunked from a fixed start', () => {
  const X = loadData('blobs-2d');
  test.each(COVARIANCE_TYPES_UNDER_TEST)('%s: blocks of 1000, 337 and 1 rows reach the in-memory model', async (type) => {
    // Ref: shared fixture blobs-2d-k3-<type>-fixed20 (its start; the in-memory fit is the one that matches it).
    const options = fixedStart(type, loadFixed20(`blobs-2d-k3-${type}-fixed20`).start.means);
    const source = countingSource(blocksOf(X, UNEVEN));
    const chunked = await fitChunked(source, chunkedOptions(options));
    const inMemory = await fit(X, options);
    // The sums run in another order: the bounds agree to rounding, the parameters to a little more.
    expectSameModel(chunked, inMemory, 1e-12, 1e-10);
    expect(chunked.covarianceType).toBe(type);
    // One pass to sample and validate, then one per EM iteration.
    expect(source.passes).toBe(1 + 20);
  });

  test('stops at tol like fit, one pass per iteration', async () => {
    const options = { ...fixedStart('full', loadFixed20('blobs-2d-k3-full-fixed20').start.means, 200), tol: 1e-3 };
    const source = countingSource(blocksOf(X, UNEVEN));
    const chunked = await fitChunked(source, chunkedOptions(options));
    const inMemory = await fit(X, options);
    expect(inMemory.converged).toBe(true);
    expectSameModel(chunked, inMemory, 1e-12, 1e-10);
    expect(source.passes).toBe(1 + inMemory.nIter);
  });

  test('accepts synchronous iterables and keeps featureNames', async () => {
    const blocks = blocksOf(X, [4096]);
    const options = { ...fixedStart('diag', loadFixed20('blobs-2d-k3-diag-fixed20').start.means, 3), featureNames: ['a', 'b'] };
    const model = await fitChunked(() => blocks, chunkedOptions(options));
    expect(model.featureNames).toEqual(['a', 'b']);
    expect(model.lowerBounds).toHaveLength(3);
  });
});

describe('fitChunked with k-means initialisation', () => {
  test('converges to the optimum fit finds on blobs-2d, from a 2,000-row reservoir sample', async () => {
    const X = loadData('blobs-2d');
    const options = { nComponents: 3, covarianceType: 'full' as const, tol: 1e-10, maxIter: 1000, seed: 3 };
    const chunked = await fitChunked(countingSource(blocksOf(X, UNEVEN)), { ...options, initSampleSize: 2000 });
    const inMemory = await fit(X, options);
    expect(chunked.converged).toBe(true);
    expect(Math.abs(chunked.score(X) - inMemory.score(X))).toBeLessThan(1e-6);
  });

  test('with the whole stream in the sample, starts exactly where fit starts', async () => {
    const X = normalMatrix(3000, 3, 11, [0, 5, -2]);
    const options = { nComponents: 2, covarianceType: 'diag' as const, tol: 0, maxIter: 5, seed: 7, nInit: 2 };
    const chunked = await fitChunked(countingSource(blocksOf(X, [700, 61])), options);
    // The reservoir keeps the first rows in order and draws nothing, so both share the random stream.
    expectSameModel(chunked, await fit(X, { ...options, onDegenerate: 'error' }), 1e-12, 1e-10);
  });

  test('the sample is seeded: the same seed gives the same model, another seed another start', async () => {
    const X = normalMatrix(5000, 2, 4, [0, 3]);
    const blocks = blocksOf(X, [999]);
    const options = { nComponents: 3, maxIter: 2, tol: 0, initSampleSize: 100, initParams: 'random_from_data' as const };
    const a = await fitChunked(() => blocks, { ...options, seed: 1 });
    const b = await fitChunked(() => blocks, { ...options, seed: 1 });
    const c = await fitChunked(() => blocks, { ...options, seed: 2 });
    expect(b.lowerBounds).toEqual(a.lowerBounds);
    expect(c.lowerBounds[0]).not.toBe(a.lowerBounds[0]);
  });
});

describe('fitChunked validation', () => {
  const X = normalMatrix(50, 2, 1);
  const blocks = blocksOf(X, [20]);

  test('a non-finite value is named by its block, the row in the block and the row of the data', async () => {
    const bad = blocks.map((block) => ({ ...block, data: block.data.slice() }));
    bad[2]!.data[5 * 2 + 1] = Number.NaN;
    const error = await fitChunked(() => bad, { nComponents: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toBe('block 2 of the source: X[row 5, column 1] is NaN (row 45 of the data)');
    expect((error as DataError).row).toBe(45);
    expect((error as DataError).column).toBe(1);
  });

  test('blocks of another width, a wrong length or no rows at all are DataErrors naming the block', async () => {
    const narrow = { data: new Float64Array(3), rows: 3, cols: 1 };
    await expect(fitChunked(() => [blocks[0]!, narrow])).rejects.toThrow('block 1 of the source has 1 columns, block 0 has 2');
    const short = { data: new Float64Array(3), rows: 2, cols: 2 };
    await expect(fitChunked(() => [short])).rejects.toThrow('block 0 of the source: data holds 3 values, rows × cols = 2 × 2 = 4');
    await expect(fitChunked(() => [{ data: [1, 2], rows: 1, cols: 2 } as never])).rejects.toThrow(
      'block 0 of the source: data must be a Float64Array, received an array of length 2',
    );
    await expect(fitChunked(() => [])).rejects.toThrow(DataError);
  });

  test('a source that changes between passes is an error', async () => {
    let pass = 0;
    const shrinking = () => (pass++ === 0 ? blocks : blocks.slice(1));
    await expect(fitChunked(shrinking, { nComponents: 2 })).rejects.toThrow(
      'the source yielded 30 rows on this pass and 50 on the first: every pass must yield the same rows',
    );
  });

  test('unsupported options are rejected before the source is read', async () => {
    const source = countingSource(blocks);
    for (const options of [{ sampleWeight: [1] }, { missing: 'em' }, { onDegenerate: 'recover' }, { initSampleSize: 0 }, { bogus: 1 }]) {
      await expect(fitChunked(source, options as never)).rejects.toThrow(ValidationError);
    }
    await expect(fitChunked(source, { onDegenerate: 'recover' } as never)).rejects.toThrow(/onDegenerate must be 'error'/);
    await expect(fitChunked('rows' as never)).rejects.toThrow('source must be a function');
    expect(source.passes).toBe(0);
  });

  test('fit options are validated as fit validates them', async () => {
    await expect(fitChunked(() => blocks, { nComponents: 51 })).rejects.toThrow(ValidationError);
    await expect(fitChunked(() => blocks, { tol: -1 })).rejects.toThrow('tol must be a finite number >= 0, received -1');
  });
});
