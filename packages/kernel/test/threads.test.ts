// The threaded E-step: chunks claimed by the calling thread and the workers on the shared memory, added in chunk order.
import { afterEach, describe, expect, it } from 'vitest';
import { addStats, createStats } from '../src/layout.js';
import { eStepChunks } from '../src/thread-ranges.js';
import { WorkerPool, liveWorkerCount } from '../src/threads.js';
import { COVARIANCE_KINDS, type EStepThreads } from '../src/types.js';
import { getKernel, getSharedKernel } from '../src/wasm.js';
import { mulberry32, randomData, randomParams } from './helpers/random.js';

const D = 5;
const K = 3;
/** Rows of a block of the float64 data for d > 2 (assembly/data-layout.ts), on which its threads' chunks start. */
const BLOCK_ROWS = 64;

let open: EStepThreads | undefined;
afterEach(async () => {
  await open?.dispose();
  open = undefined;
});

describe('eStepChunks', () => {
  it('gives one thread one chunk; more threads guided chunks, each a (2·threads)-th of the rows left, at least 256 rows', () => {
    expect(eStepChunks(100_000, 1, 2)).toEqual([[0, 100_000]]);
    const chunks = eStepChunks(100_000, 2, 2);
    chunks.forEach(([start, end], c) => {
      expect(start).toBe(c === 0 ? 0 : chunks[c - 1]![1]);
      expect(start % 2).toBe(0);
      if (c < chunks.length - 1) expect(end - start).toBeGreaterThanOrEqual(256);
      // Past the ramp of the first chunks, each is the guided size.
      if (c >= 8 && c < chunks.length - 1) expect(end - start).toBe(Math.max(256, 2 * Math.ceil((100_000 - start) / 8)));
    });
    expect(chunks.slice(-2)).toEqual([[99_510, 99_766], [99_766, 100_000]]);
    expect(eStepChunks(1000, 3, 64)).toEqual([[0, 256], [256, 512], [512, 768], [768, 1000]]);
    expect(eStepChunks(101, 3, 2)).toEqual([[0, 101]]);
    expect(eStepChunks(0, 2, 2)).toEqual([[0, 0]]);
  });

  it('ramps the first chunks up from 256 rows, 4 times longer every `threads` chunks, until the guided size is smaller', () => {
    const lengths = eStepChunks(100_000, 2, 2).map(([start, end]) => end - start);
    expect(lengths.slice(0, 9)).toEqual([256, 256, 1024, 1024, 4096, 4096, 16_384, 16_384, 14_120]);
    expect(eStepChunks(100_000, 3, 64).slice(0, 4).map(([start, end]) => end - start)).toEqual([256, 256, 256, 1024]);
  });
});

describe('eStepThreaded', () => {
  it('runs on shared memory in Node', () => {
    expect(getSharedKernel()?.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  for (const kind of COVARIANCE_KINDS) {
    for (const [rows, d] of [[101, D], [3001, D], [3001, 2]] as const) {
      it(`${kind}, ${rows} × ${d}, 3 threads: the single-threaded E-steps of the same chunks, added in chunk order, bit for bit`, async () => {
        const uniform = mulberry32(rows + K);
        const params = randomParams(kind, K, d, uniform);
        const data = randomData(rows, d, params, uniform);
        const weights = Float64Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? 0 : 0.5 + uniform()));
        const kernel = getKernel();
        open = await kernel.openThreads!(3);
        expect(open.count).toBe(3);
        for (const sampleWeight of [undefined, weights]) {
          const session = kernel.createSession(data, rows, d, { kind, k: K }, sampleWeight);
          try {
            const expected = createStats(kind, K, d);
            let expectedLogLikelihood = 0;
            for (const [start, end] of eStepChunks(rows, 3, d <= 2 ? 2 : BLOCK_ROWS)) {
              const part = createStats(kind, K, d);
              expectedLogLikelihood += session.eStep(params, start, end, part);
              addStats(expected, part);
            }
            const stats = createStats(kind, K, d);
            const logLikelihood = await session.eStepThreaded!(params, open, stats);
            expect(logLikelihood).toBe(expectedLogLikelihood);
            expect(stats).toEqual(expected);
          } finally {
            session.dispose();
          }
        }
      });
    }
  }

  it('a worker whose export throws counts itself finished, fails the run with its error, and serves the next run', async () => {
    const pool = await getKernel().openThreads!(2);
    open = pool;
    if (!(pool instanceof WorkerPool)) throw new TypeError('expected the WebAssembly kernel\'s pool');
    // The calling thread holds any chunk it claims long enough for the worker to claim the other one.
    const slowly = (): number => {
      const until = performance.now() + 200;
      while (performance.now() < until);
      return 1;
    };
    const calls = (name: string) => () => ({ name, chunks: [[], []] });
    await expect(pool.runChunks(2, calls('noSuchExport'), slowly)).rejects.toThrow(/an E-step worker failed: TypeError/);
    // The worker's chunks return blockRows32() = 64, the calling thread's 1: the worker ran one or, when it claimed
    // before the calling thread did, both.
    const results = [...(await pool.runChunks(2, calls('blockRows32'), slowly))];
    expect(results).toContain(64);
    expect(results.every((value) => value === 1 || value === 64)).toBe(true);
  });

  it('dispose terminates every worker', async () => {
    const before = liveWorkerCount();
    const threads = await getKernel().openThreads!(2);
    expect(liveWorkerCount()).toBe(before + 1);
    await threads.dispose();
    await threads.dispose();
    expect(liveWorkerCount()).toBe(before);
    if (!(threads instanceof WorkerPool)) throw new TypeError('expected the WebAssembly kernel\'s pool');
    await expect(threads.runChunks(1, () => ({ name: 'blockRows32', chunks: [[]] }), () => 0)).rejects.toThrow('the E-step threads have been disposed');
  });

  it('rejects a thread count that is not a positive integer', () => {
    expect(() => getKernel().openThreads!(0)).toThrow('threads must be a positive integer, got 0');
  });
});
