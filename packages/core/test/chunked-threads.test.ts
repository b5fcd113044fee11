// fitChunked with threads: each block's E-step split over workers started once per fit.
// Ref for expectations: the threads = 1 chunked fit of the same blocks (issue 6: 1e-10 across thread counts).
import { getKernel, liveWorkerCount, type Kernel } from '@gmm/kernel';
import { describe, expect, it } from 'vitest';
import { COVARIANCE_TYPES, fitChunked, type RowBlock, type RowSource } from '../src/index.js';
import { loadData } from './helpers/data.js';
import { blocksOf, countingSource } from './unit/chunked-helpers.js';
import { normalMatrix } from './unit/helpers.js';

/** Uneven blocks, one of them odd-sized, so ranges of every length run. */
const SIZES = [2500, 999, 7];

const BLOBS = blocksOf(loadData('blobs-2d'), SIZES);
/** Three clusters in d = 5 (odd: the kernel's scalar tail runs too). */
const D5 = blocksOf(
  (() => {
    const X = normalMatrix(6000, 5, 17);
    for (let i = 0; i < X.rows; i++) for (let c = 0; c < 5; c++) X.data[i * 5 + c]! += 4 * (i % 3) * (c % 2 === 0 ? 1 : -1);
    return X;
  })(),
  SIZES,
);

function expectSameTrajectory(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, t) => {
    expect(Math.abs(value - expected[t]!), `lowerBounds[${t}]`).toBeLessThanOrEqual(1e-10 * Math.abs(expected[t]!));
  });
}

describe('fitChunked with threads', () => {
  const cases = [
    ...COVARIANCE_TYPES.map((covarianceType) => ({ name: `blobs-2d, ${covarianceType}`, blocks: BLOBS, covarianceType, k: 3 })),
    { name: 'd = 5, full', blocks: D5, covarianceType: 'full' as const, k: 3 },
  ];
  for (const { name, blocks, covarianceType, k } of cases) {
    it(`${name}: 2 threads follow the 1-thread trajectory to 1e-10 and repeat bit for bit`, async () => {
      const options = { nComponents: k, covarianceType, maxIter: 20, tol: 0, seed: 5 };
      const one = await fitChunked(countingSource(blocks), { ...options, threads: 1 });
      const two = await fitChunked(countingSource(blocks), { ...options, threads: 2 });
      const again = await fitChunked(countingSource(blocks), { ...options, threads: 2 });
      expect(two.nIter).toBe(20);
      expectSameTrajectory(two.lowerBounds, one.lowerBounds);
      expect(again.toJSON()).toEqual(two.toJSON());
      expect(liveWorkerCount()).toBe(0);
    });
  }

  it('opens the workers once, runs every block\'s E-step on them, and leaves none after the fit', async () => {
    const wasm = getKernel();
    const calls = { openThreads: 0, eStepThreaded: 0 };
    const kernel: Kernel = {
      name: 'counting-wasm',
      createSession(...args) {
        const session = wasm.createSession(...args);
        const threaded = session.eStepThreaded!.bind(session);
        session.eStepThreaded = (...threadedArgs) => {
          calls.eStepThreaded++;
          return threaded(...threadedArgs);
        };
        return session;
      },
      openThreads(count) {
        calls.openThreads++;
        return wasm.openThreads!(count);
      },
    };
    const seen: number[][] = [];
    const source: RowSource = async function* () {
      const pass: number[] = [];
      seen.push(pass);
      for (const block of BLOBS) {
        pass.push(liveWorkerCount());
        yield block;
      }
    };
    await fitChunked(source, { nComponents: 3, maxIter: 3, tol: 0, nInit: 2, threads: 2, kernel });
    // Pass 1 samples the stream before the workers start; then 2 restarts × 3 iterations, one worker throughout.
    const pass = (live: number) => BLOBS.map(() => live);
    expect(seen).toEqual([pass(0), ...Array.from({ length: 6 }, () => pass(1))]);
    expect(calls).toEqual({ openThreads: 1, eStepThreaded: 6 * BLOBS.length });
    expect(liveWorkerCount()).toBe(0);
  });

  it('terminates the workers when the source throws midway through an EM pass', async () => {
    let passes = 0;
    let liveWhenThrown = -1;
    const failing: RowSource = async function* (): AsyncGenerator<RowBlock> {
      passes++;
      for (const [b, block] of BLOBS.entries()) {
        if (passes === 3 && b === 1) {
          liveWhenThrown = liveWorkerCount();
          throw new Error('disk read failed');
        }
        yield block;
      }
    };
    await expect(fitChunked(failing, { nComponents: 3, maxIter: 10, threads: 2 })).rejects.toThrow('disk read failed');
    expect(liveWhenThrown).toBe(1);
    expect(liveWorkerCount()).toBe(0);
  });

  it('rejects threads that are not a positive integer, before any EM pass', async () => {
    const source = countingSource(BLOBS);
    await expect(fitChunked(source, { threads: 1.5 })).rejects.toThrow("threads must be an integer >= 1, received 1.5");
    expect(source.passes).toBe(1);
  });
});
