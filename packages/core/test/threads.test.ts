// threads: the E-step split over worker threads; Ref for expectations: the threads = 1 fit of the same data.
import { liveWorkerCount, wasmMemoryBytes } from '@gmm/kernel';
import { describe, expect, it } from 'vitest';
import { COVARIANCE_TYPES, fit, fitSteps } from '../src/index.js';

/** Seeded d-dimensional data around k well-separated centres (a small LCG, so the test needs no fixture). */
function blobs(rows: number, d: number, k: number, seed: number): { data: Float64Array; rows: number; cols: number } {
  let state = seed >>> 0;
  const uniform = (): number => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const data = new Float64Array(rows * d);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < d; c++) data[i * d + c] = 4 * (i % k) * ((c % 2) * 2 - 1) + uniform() + uniform() - 1;
  }
  return { data, rows, cols: d };
}

const D8 = blobs(3001, 8, 3, 7);
const D2 = blobs(2001, 2, 4, 11);

describe('threads', () => {
  for (const covarianceType of COVARIANCE_TYPES) {
    for (const [name, X, k] of [['d=8, 3001 rows', D8, 3], ['d=2, 2001 rows', D2, 4]] as const) {
      it(`${covarianceType}, ${name}: 2 threads follow the 1-thread trajectory to 1e-10 and repeat bit for bit`, async () => {
        const options = { nComponents: k, covarianceType, maxIter: 20, tol: 0, seed: 3 };
        const one = await fit(X, { ...options, threads: 1 });
        const two = await fit(X, { ...options, threads: 2 });
        const again = await fit(X, { ...options, threads: 2 });
        expect(two.lowerBounds.length).toBe(one.lowerBounds.length);
        two.lowerBounds.forEach((value, i) => {
          const reference = one.lowerBounds[i]!;
          expect(Math.abs(value - reference)).toBeLessThanOrEqual(1e-10 * Math.abs(reference));
        });
        expect(again.toJSON()).toEqual(two.toJSON());
        expect(liveWorkerCount()).toBe(0);
      });
    }
  }

  it('an aborted fitSteps leaves no worker', async () => {
    const steps = fitSteps(D8, { nComponents: 3, threads: 2, maxIter: 50, tol: 0 });
    const first = await steps.next();
    expect(first.done ? undefined : first.value.threads).toBe(2);
    expect(liveWorkerCount()).toBe(1);
    await steps.return(undefined as never);
    expect(liveWorkerCount()).toBe(0);
  });

  it('a fit that throws leaves no worker and no kernel memory behind', async () => {
    // Every row identical: with regCovar 0 no covariance can be factorised, so the fit throws.
    const degenerate = { data: new Float64Array(3001 * 8).fill(1), rows: 3001, cols: 8 };
    await expect(fit(degenerate, { nComponents: 3, threads: 2, regCovar: 0 })).rejects.toThrow();
    expect(liveWorkerCount()).toBe(0);
    // Kernel memory never shrinks, so a session left allocated by each throwing fit would grow it.
    // 1.3 MB of rows per session: ten leaked sessions would need 13 MB more than the memory already has.
    const larger = { data: new Float64Array(20000 * 8).fill(1), rows: 20000, cols: 8 };
    await expect(fit(larger, { nComponents: 3, threads: 2, regCovar: 0 })).rejects.toThrow();
    const before = wasmMemoryBytes();
    for (let run = 0; run < 10; run++) {
      await expect(fit(larger, { nComponents: 3, threads: 2, regCovar: 0 })).rejects.toThrow();
    }
    expect(wasmMemoryBytes()).toBe(before);
    expect(liveWorkerCount()).toBe(0);
  });

  it('each step says how many threads the E-step runs on: by default one per 8,192 rows, at most the cores', async () => {
    const first = await fitSteps(D8, { nComponents: 3, maxIter: 1 }).next();
    // 3,001 rows: fewer than 8,192, so no worker.
    expect(first.done ? undefined : first.value.threads).toBe(1);
  });

  it('rejects threads that are not a positive integer', async () => {
    await expect(fit(D2, { threads: 0 })).rejects.toThrow(/threads/);
  });
});
