// Online EM (issue 7, point 4): stochastic-approximation EM on the sufficient statistics (Cappé & Moulines 2009).
import { blobs2d } from '@gmm/datasets';
import { describe, expect, it } from 'vitest';
import {
  COVARIANCE_TYPES,
  DataError,
  fit,
  GaussianMixture,
  OnlineGaussianMixture,
  type OnlineOptions,
} from '../../src/index.js';
import { Random } from '../../src/random.js';
import { expectClose, flatten } from '../helpers/compare.js';
import { permuteRows, shifted, type Matrix } from '../helpers/data.js';

const BLOBS: Matrix = (() => {
  const { data, rows, cols } = blobs2d();
  return { data, rows, cols };
})();

/** A random permutation of 0..n−1 (Fisher–Yates). */
function shuffled(n: number, rng: Random): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.integer(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** `passes` shuffled passes over X, cut into batches of `size` rows. */
function* stream(X: Matrix, size: number, passes: number, seed: number): Generator<Matrix> {
  const rng = Random.fromSeed(seed);
  for (let pass = 0; pass < passes; pass++) {
    const order = shuffled(X.rows, rng);
    for (let start = 0; start + size <= X.rows; start += size) yield permuteRows(X, order.slice(start, start + size));
  }
}

async function feed(online: OnlineGaussianMixture, batches: Iterable<Matrix>): Promise<OnlineGaussianMixture> {
  for (const batch of batches) await online.partialFit(batch);
  return online;
}

function expectSameParameters(actual: GaussianMixture, expected: GaussianMixture, tolerance: number, label: string): void {
  for (const name of ['weights', 'means', 'covariances', 'precisionsCholesky'] as const) {
    const values = flatten(expected[name]);
    const scale = Math.max(...values.map(Math.abs));
    expectClose(flatten(actual[name]), values, tolerance, `${label} ${name}`, values.map(() => scale));
  }
}

describe('OnlineGaussianMixture', () => {
  it('on a stationary stream of blobs-2d comes within 1% of the batch fit’s log-likelihood, and improves on its warm start', async () => {
    // Ref: batch EM on the whole data (10,000 rows), nInit 5, is the target; 3 passes in batches of 500 = 60 batches.
    const target = (await fit(BLOBS, { nComponents: 3, nInit: 5 })).score(BLOBS);
    const batches = [...stream(BLOBS, 500, 3, 7)];
    const online = new OnlineGaussianMixture({ nComponents: 3, seed: 1 });
    await online.partialFit(batches[0]!);
    const warmStart = online.score(BLOBS);
    await feed(online, batches.slice(1));
    const reached = online.score(BLOBS);
    expect(online.nBatches).toBe(60);
    expect(online.nSeen).toBe(30_000);
    expect(Math.abs(reached - target) / Math.abs(target)).toBeLessThan(0.01);
    // Measured: the gap shrinks from the first batch's fit to the end of the stream.
    expect(Math.abs(reached - target)).toBeLessThan(Math.abs(warmStart - target));
  }, 60_000);

  it.each(COVARIANCE_TYPES)('%s: with γ = 1 (t0 0, κ 1) an update is exactly one EM step on the batch, even far from the origin', async (covarianceType) => {
    // A common offset of 1e4 makes any cancellation in moving the statistics to the fixed centre visible.
    const X = shifted(BLOBS, 1e4);
    const [first, second] = [...stream(X, 400, 1, 3)];
    const online = new OnlineGaussianMixture({ nComponents: 3, covarianceType, t0: 0, kappa: 1, seed: 2 });
    await online.partialFit(first!);
    const start = online.model;
    await online.partialFit(second!);
    // Ref: our own batch EM, one iteration from the same parameters (warmStart, maxIter 1).
    const oneStep = await fit(second!, { warmStart: start, maxIter: 1 });
    expectSameParameters(online.model, oneStep, 1e-9, covarianceType);
  });

  it('integer sample weights in a batch are the rows repeated', async () => {
    const [first, second] = [...stream(BLOBS, 300, 1, 11)];
    const weights = Array.from({ length: second!.rows }, (_, i) => i % 3);
    const repeated = permuteRows(second!, weights.flatMap((w, i) => new Array<number>(w).fill(i)));
    const weighted = await new OnlineGaussianMixture({ nComponents: 3 }).partialFit(first!);
    const copies = await new OnlineGaussianMixture({ nComponents: 3 }).partialFit(first!);
    await weighted.partialFit(second!, weights);
    await copies.partialFit(repeated);
    expectSameParameters(weighted.model, copies.model, 1e-10, 'weighted');
    expect(weighted.nSeen).toBe(300 + weights.reduce((a, b) => a + b, 0));
  });

  it('1,000 batches grow no internal array', async () => {
    const online = new OnlineGaussianMixture({ nComponents: 3, covarianceType: 'full' });
    const batches = stream(BLOBS, 50, 5, 5);
    // After the first update (the first batch's fit keeps its own lowerBounds trajectory).
    for (let i = 0; i < 2; i++) await online.partialFit(batches.next().value!);
    const sizes = () => {
      const { N, S, Q, centre } = online.statistics;
      const { weights, means, lowerBounds } = online.model;
      return [N.length, S.length, Q.length, centre.length, weights.length, flatten(means).length, lowerBounds.length];
    };
    const before = sizes();
    for (let i = 2; i < 1000; i++) await online.partialFit(batches.next().value!);
    expect(online.nBatches).toBe(1000);
    // k, k·d, k·d(d+1)/2, d, k, k·d, and only the latest batch's lower bound.
    expect(before).toEqual([3, 6, 9, 2, 3, 6, 1]);
    expect(sizes()).toEqual(before);
  }, 60_000);

  it('is deterministic by seed', async () => {
    const run = (options: OnlineOptions) => feed(new OnlineGaussianMixture(options), stream(BLOBS, 250, 1, 9));
    const [a, b] = await Promise.all([run({ nComponents: 3, seed: 4, initParams: 'random' }), run({ nComponents: 3, seed: 4, initParams: 'random' })]);
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('runs updates in call order even when partialFit is not awaited', async () => {
    const batches = [...stream(BLOBS, 200, 1, 13)].slice(0, 5);
    const awaited = await feed(new OnlineGaussianMixture({ nComponents: 3 }), batches);
    const queued = new OnlineGaussianMixture({ nComponents: 3 });
    await Promise.all(batches.map((batch) => queued.partialFit(batch)));
    expect(queued.toJSON()).toEqual(awaited.toJSON());
  });

  it('delegates the model’s methods, and toJSON loads with fromJSON', async () => {
    const online = await feed(new OnlineGaussianMixture({ nComponents: 3, featureNames: ['x1', 'x2'] }), stream(BLOBS, 500, 1, 1));
    const loaded = GaussianMixture.fromJSON(JSON.stringify(online.toJSON()));
    expect(loaded.featureNames).toEqual(['x1', 'x2']);
    expect(loaded.nIter).toBe(online.nBatches);
    expect(loaded.predict(BLOBS)).toEqual(online.predict(BLOBS));
    expect(loaded.scoreSamples(BLOBS)).toEqual(online.scoreSamples(BLOBS));
    expect(online.predictProba(BLOBS).data).toEqual(online.model.predictProba(BLOBS).data);
    expect([online.score(BLOBS), online.bic(BLOBS), online.aic(BLOBS)]).toEqual([loaded.score(BLOBS), loaded.bic(BLOBS), loaded.aic(BLOBS)]);
  });

  it('a batch with the wrong number of features throws and changes nothing', async () => {
    const online = await new OnlineGaussianMixture({ nComponents: 2 }).partialFit(permuteRows(BLOBS, [0, 1, 2, 3, 4, 5]));
    const json = online.toJSON();
    await expect(online.partialFit([[1, 2, 3]])).rejects.toThrow(DataError);
    await expect(online.partialFit([[1, 2]], [-1])).rejects.toThrow('sampleWeight must be finite weights >= 0');
    expect(online.nBatches).toBe(1);
    expect(online.toJSON()).toEqual(json);
    // The queue goes on after a failed call.
    await online.partialFit([[1, 2]]);
    expect(online.nBatches).toBe(2);
  });
});
