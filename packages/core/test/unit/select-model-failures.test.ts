import { describe, expect, test } from 'vitest';
import { IllDefinedCovarianceError, selectModel, ValidationError } from '../../src/index.js';
import { countingKernel } from './helpers.js';

// Three distinct points, repeated: without regularisation, any component holding a single distinct point collapses.
const rows = Array.from({ length: 30 }, (_, i) => [[0, 0], [1, 0], [0, 1]][i % 3]!);

describe('selectModel', () => {
  test("onDegenerate 'error': keeps candidates whose covariance collapses, with NaN criteria, sorted last", async () => {
    const kernel = countingKernel();
    const progress: number[] = [];
    const result = await selectModel(rows, {
      nComponents: [1, 2],
      covarianceTypes: ['full'],
      regCovar: 0,
      onDegenerate: 'error',
      kernel,
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(progress).toEqual([0.5, 1]);
    const [first, second] = result.candidates;
    expect(first!.nComponents).toBe(1);
    expect(Number.isFinite(first!.bic)).toBe(true);
    expect(second!.nComponents).toBe(2);
    expect(second!.bic).toBeNaN();
    expect(second!.error).toMatch(/ill-defined covariance/);
    expect(second!.nParameters).toBe(11);
    expect(result.best.nComponents).toBe(1);
    expect(result.best.model.nComponents).toBe(1);
    expect(kernel.disposed).toBe(kernel.created);
  });

  test("onDegenerate 'error': throws the first failure when every candidate fails", async () => {
    await expect(
      selectModel(rows, { nComponents: [2, 3], covarianceTypes: ['full'], regCovar: 0, onDegenerate: 'error', kernel: countingKernel() }),
    ).rejects.toThrow(IllDefinedCovarianceError);
  });

  test('validates the grid before fitting anything', async () => {
    const kernel = countingKernel();
    for (const options of [
      { nComponents: [] },
      { nComponents: [1, 31] },
      { covarianceTypes: ['full', 'round'] },
      { criterion: 'likelihood' },
      { onProgress: 'yes' },
      { meansInit: [[0, 0]] },
    ]) {
      await expect(selectModel(rows, { ...options, kernel } as never)).rejects.toThrow(ValidationError);
    }
    expect(kernel.created).toBe(0);
  });

  test('the default grid is capped by the number of samples', async () => {
    const result = await selectModel(rows.slice(0, 4), { covarianceTypes: ['spherical'], kernel: countingKernel() });
    expect(result.candidates.map((c) => c.nComponents).sort()).toEqual([1, 2, 3, 4]);
  });
});
