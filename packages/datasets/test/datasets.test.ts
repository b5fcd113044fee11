import { describe, expect, it } from 'vitest';
import { blobs2d, DATASET_NAMES, faithful, iris, loadDataset, syntheticMixture } from '../src/index.js';

describe('built-in data sets', () => {
  it('Old Faithful has 272 eruptions of 2 columns, as R datasets::faithful', () => {
    const set = faithful();
    expect([set.rows, set.cols, set.data.length]).toEqual([272, 2, 544]);
    expect(set.columns).toEqual(['eruptions', 'waiting']);
    expect(Array.from(set.data.subarray(0, 4))).toEqual([3.6, 79, 1.8, 54]);
  });

  it('Iris has 150 rows, 4 columns and 50 flowers of each species', () => {
    const set = iris();
    expect([set.rows, set.cols]).toEqual([150, 4]);
    expect(set.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
    const counts = [0, 0, 0];
    for (const label of set.labels!) counts[label]!++;
    expect(counts).toEqual([50, 50, 50]);
  });

  it('blobs-2d has 10,000 labelled points', () => {
    const set = blobs2d();
    expect([set.rows, set.cols, set.labels!.length]).toEqual([10000, 2, 10000]);
  });

  it('loadDataset returns fresh copies by name and rejects unknown names', () => {
    for (const name of DATASET_NAMES) expect(loadDataset(name).name).toBe(name);
    const a = loadDataset('faithful');
    a.data[0] = -1;
    expect(loadDataset('faithful').data[0]).toBe(3.6);
    expect(() => loadDataset('nope' as never)).toThrow(/unknown data set "nope"/);
  });
});

describe('syntheticMixture', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = syntheticMixture({ k: 3, d: 4, n: 500, seed: 7 });
    const b = syntheticMixture({ k: 3, d: 4, n: 500, seed: 7 });
    const c = syntheticMixture({ k: 3, d: 4, n: 500, seed: 8 });
    expect(a.data).toEqual(b.data);
    expect(a.labels).toEqual(b.labels);
    expect(a.data).not.toEqual(c.data);
  });

  it.each(['full', 'diag', 'spherical'] as const)('draws from its true %s mixture (empirical moments)', (shape) => {
    const set = syntheticMixture({ k: 2, d: 3, n: 200_000, shape, seed: 3 });
    const { truth } = set;
    for (let j = 0; j < 2; j++) {
      const rows = [...set.labels.keys()].filter((i) => set.labels[i] === j);
      expect(rows.length / set.rows).toBeCloseTo(truth.weights[j]!, 2);
      for (let r = 0; r < 3; r++) {
        const mean = rows.reduce((s, i) => s + set.data[i * 3 + r]!, 0) / rows.length;
        expect(mean).toBeCloseTo(truth.means[j]![r]!, 1);
        for (let c = 0; c < 3; c++) {
          const mc = rows.reduce((s, i) => s + set.data[i * 3 + c]!, 0) / rows.length;
          const cov = rows.reduce((s, i) => s + (set.data[i * 3 + r]! - mean) * (set.data[i * 3 + c]! - mc), 0) / rows.length;
          expect(cov).toBeCloseTo(truth.covariances[j]![r]![c]!, 1);
        }
      }
    }
    if (shape !== 'full') expect(truth.covariances[0]![0]![1]).toBe(0);
    if (shape === 'spherical') expect(truth.covariances[0]![1]![1]).toBe(truth.covariances[0]![0]![0]);
  });

  it('rejects bad sizes with the parameter named', () => {
    expect(() => syntheticMixture({ k: 0, d: 2, n: 10 })).toThrow(/k must be an integer >= 1, got 0/);
    expect(() => syntheticMixture({ k: 2, d: 2, n: 10, shape: 'tied' as never })).toThrow(/shape must be/);
  });
});
