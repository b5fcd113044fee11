import { wasmMemoryBytes } from '@gmm/kernel';
import { describe, expect, test } from 'vitest';
import { fitChunked, type RowBlock } from '../../src/index.js';
import { Random } from '../../src/random.js';

const ROWS = 2_000_000;
const BLOCK_ROWS = 50_000;
const DATA_BYTES = ROWS * 2 * 8;

describe('fitChunked over a 2,000,000-row stream', () => {
  test('is generated block by block and fits with memory bounded by the block, not by the data', async () => {
    // Two components at x = ±3 (unit variance), regenerated identically on every pass into one reused buffer.
    const block = new Float64Array(BLOCK_ROWS * 2);
    const baseline = process.memoryUsage();
    const baselineWasm = wasmMemoryBytes();
    let peakGrowth = 0;
    let peakHeapGrowth = 0;
    const source = async function* (): AsyncGenerator<RowBlock> {
      const rng = Random.fromSeed(9);
      for (let start = 0; start < ROWS; start += BLOCK_ROWS) {
        for (let i = 0; i < BLOCK_ROWS; i++) {
          block[2 * i] = (i % 2 === 0 ? -3 : 3) + rng.normal();
          block[2 * i + 1] = rng.normal();
        }
        const usage = process.memoryUsage();
        peakGrowth = Math.max(peakGrowth, usage.arrayBuffers - baseline.arrayBuffers, wasmMemoryBytes() - baselineWasm);
        peakHeapGrowth = Math.max(peakHeapGrowth, usage.heapUsed - baseline.heapUsed);
        yield { data: block, rows: BLOCK_ROWS, cols: 2 };
      }
    };
    const model = await fitChunked(source, { nComponents: 2, covarianceType: 'diag', maxIter: 3, tol: 0 });
    expect(model.lowerBounds).toHaveLength(3);
    const order = model.means[0]![0]! < model.means[1]![0]! ? [0, 1] : [1, 0];
    expect(model.means[order[0]!]![0]!).toBeCloseTo(-3, 1);
    expect(model.means[order[1]!]![0]!).toBeCloseTo(3, 1);
    expect(model.weights[0]!).toBeCloseTo(0.5, 2);
    // 32 MB of data; the fit holds one 0.8 MB block, its kernel copy and the sample.
    expect(peakGrowth).toBeLessThan(DATA_BYTES / 8);
    // The JS heap holds no rows at all; the margin is for garbage the collector has not yet taken.
    expect(peakHeapGrowth).toBeLessThan(DATA_BYTES / 2);
  }, 120_000);
});
