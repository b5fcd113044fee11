import { wasmMemoryBytes } from '@gmm/kernel';
import { syntheticMixture } from '@gmm/datasets';
import { describe, expect, test } from 'vitest';
import { fit } from '../../src/index.js';

describe('a fit over 2,000,000 rows', () => {
  test('grows the WebAssembly memory and still fits (and predicts) correctly', async () => {
    const X = syntheticMixture({ k: 2, d: 2, n: 2_000_000, separation: 6, seed: 5 });
    const before = wasmMemoryBytes();
    const model = await fit(X, { nComponents: 2, maxIter: 5, tol: 0, seed: 0 });
    expect(wasmMemoryBytes()).toBeGreaterThan(before); // the 32 MB of data did not fit in the memory we had
    expect(model.lowerBounds).toHaveLength(5);
    for (const value of model.lowerBounds) expect(Number.isFinite(value)).toBe(true);
    // Well separated: the fitted means are the true ones, whichever order the components came out in.
    const order = model.means[0]![0]! < model.means[1]![0]! ? [0, 1] : [1, 0];
    const truth = [...X.truth.means].sort((a, b) => a[0]! - b[0]!);
    order.forEach((j, t) => truth[t]!.forEach((m, c) => expect(model.means[j]![c]!).toBeCloseTo(m, 1)));
    const labels = model.predict(X);
    let agree = 0;
    for (let i = 0; i < X.rows; i++) if ((labels[i] === order[0]) === (X.truth.means[X.labels[i]!]![0]! === truth[0]![0])) agree++;
    expect(agree / X.rows).toBeGreaterThan(0.99);
  }, 60_000);
});
