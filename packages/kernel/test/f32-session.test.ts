// Float32 sessions beyond the differential test: the centring that keeps a large offset from costing precision,
// the threaded E-step, the meaning of weights, input checks and memory.
import { afterEach, describe, expect, it } from 'vitest';
import { addStats, createStats } from '../src/layout.js';
import { referenceKernel } from '../src/reference.js';
import { eStepChunks } from '../src/thread-ranges.js';
import { COVARIANCE_KINDS, type CovarianceKind, type EStepThreads, type KernelParams, type SessionShape, type SufficientStats } from '../src/types.js';
import { getKernel, wasmMemoryBytes } from '../src/wasm.js';
import { statsScales } from './helpers/compare.js';
import { mulberry32, randomData, randomParams } from './helpers/random.js';

const D = 5;
const K = 3;
/** Rows of one E-step block of the float32 kernel (assembly/f32/ranges32.ts BLOCK_ROWS32). */
const BLOCK_ROWS32 = 64;

function eStep(
  shape: SessionShape,
  data: Float64Array,
  d: number,
  params: KernelParams,
  weights?: Float64Array,
): { logLikelihood: number; stats: SufficientStats } {
  const rows = data.length / d;
  const session = getKernel().createSession(data, rows, d, shape, weights);
  try {
    const stats = createStats(shape.kind, shape.k, d);
    return { logLikelihood: session.eStep(params, 0, rows, stats), stats };
  } finally {
    session.dispose();
  }
}

/** max_i |actual − expected| / max(1, |expected|, scale) (scale: the size of the terms a sum cancels, see helpers/compare.ts). */
function maxRelative(actual: ArrayLike<number>, expected: ArrayLike<number>, scale?: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!), scale?.[i] ?? 0));
  }
  return worst;
}

describe('centring', () => {
  it.each(COVARIANCE_KINDS)('%s: data offset by 1e6 with unit spread give the float64 statistics to 1e-5', (kind) => {
    // f32 holds 1e6 + x to 0.06 only: without the centre the statistics would be off by about 1e-2.
    const uniform = mulberry32(31);
    const params = randomParams(kind, K, D, uniform);
    const data = randomData(400, D, params, uniform);
    const offset = 1e6;
    const shifted = data.map((v) => v + offset);
    const shiftedParams = { ...params, means: params.means.map((m) => m + offset) };
    const f64 = eStep({ kind, k: K }, shifted, D, shiftedParams);
    const f32 = eStep({ kind, k: K, dtype: 'float32' }, shifted, D, shiftedParams);
    expect(Math.abs(f32.logLikelihood - f64.logLikelihood) / Math.abs(f64.logLikelihood)).toBeLessThan(1e-6);
    for (const key of ['N', 'S', 'Q'] as const) expect(maxRelative(f32.stats[key], f64.stats[key])).toBeLessThan(1e-5);
  });

  it('a far outlier does not move the centre away from the other rows', () => {
    const uniform = mulberry32(5);
    const params = randomParams('diag', K, D, uniform);
    const data = randomData(401, D, params, uniform);
    const plain = eStep({ kind: 'diag', k: K, dtype: 'float32' }, data.subarray(0, 400 * D), D, params);
    // Row 400 far away and weighted out: the column means would move by ~2.5e27 and take every digit of the others.
    data.fill(1e30, 400 * D);
    const weights = Float64Array.from({ length: 401 }, (_, i) => (i === 400 ? 0 : 1));
    const withOutlier = eStep({ kind: 'diag', k: K, dtype: 'float32' }, data, D, params, weights);
    expect(withOutlier.logLikelihood).toBeCloseTo(plain.logLikelihood, 3);
    for (const key of ['N', 'S', 'Q'] as const) expect(maxRelative(withOutlier.stats[key], plain.stats[key])).toBeLessThan(1e-5);
  });
});

describe('well-separated clusters (responsibilities below e^-20 are flushed to 0, out of the f32 subnormal range)', () => {
  // Rows around 4 centres 20 apart (unit spread): log ρ for the other centres is ≈ −200 below a row's own. Eight
  // rows per centre in turn: a quad then has one nonzero term, so pass 2 lists the terms instead of taking each exp.
  const rows = 77;
  const data = Float64Array.from({ length: rows * 3 }, (_, t) => 20 * (Math.floor(t / 24) % 4) + mulberry32(t)() - 0.5);
  const centred = (params: KernelParams): KernelParams => ({ ...params, means: Float64Array.from({ length: 4 * 3 }, (_, t) => 20 * Math.floor(t / 3)) });

  it.each(COVARIANCE_KINDS)('%s: the E-step agrees with the float32 reference to 1e-5 (Ref: reference.ts, Math.exp of every term)', (kind) => {
    const params = centred(randomParams(kind, 4, 3, mulberry32(11)));
    const shape = { kind, k: 4, dtype: 'float32' } as const;
    const reference = referenceKernel.createSession(data, rows, 3, shape);
    const logResp = new Float64Array(rows * 4);
    reference.scoreRows(params, 0, rows, null, logResp);
    // The case must reach the flush: most log r_ij are below −20.
    expect(logResp.filter((v) => v < -20).length).toBeGreaterThan(rows);
    const expected = createStats(kind, 4, 3);
    const expectedLogLikelihood = reference.eStep(params, 0, rows, expected);
    const actual = eStep(shape, data, 3, params);
    expect(Math.abs(actual.logLikelihood - expectedLogLikelihood)).toBeLessThan(1e-5 * Math.abs(expectedLogLikelihood));
    const scales = statsScales(kind, 4, 3, expected);
    expect(maxRelative(actual.stats.N, expected.N)).toBeLessThan(1e-5);
    expect(maxRelative(actual.stats.S, expected.S, scales.S)).toBeLessThan(1e-5);
    expect(maxRelative(actual.stats.Q, expected.Q, scales.Q)).toBeLessThan(1e-5);
  });

  it('a NaN mean still makes the log-likelihood NaN', () => {
    const params = centred(randomParams('full', 4, 3, mulberry32(11)));
    params.means[4] = Number.NaN;
    expect(eStep({ kind: 'full', k: 4, dtype: 'float32' }, data, 3, params).logLikelihood).toBeNaN();
  });
});

describe('float32 eStepThreaded', () => {
  let open: EStepThreads | undefined;
  afterEach(async () => {
    await open?.dispose();
    open = undefined;
  });

  for (const kind of COVARIANCE_KINDS) {
    it(`${kind}, 1331 rows, 3 threads: the E-steps of chunks of whole 64-row blocks, added in chunk order, bit for bit`, async () => {
      const rows = 1331;
      const uniform = mulberry32(rows + K);
      const params = randomParams(kind, K, D, uniform);
      const data = randomData(rows, D, params, uniform);
      const weights = Float64Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? 0 : 0.5 + uniform()));
      const kernel = getKernel();
      open = await kernel.openThreads!(3);
      for (const sampleWeight of [undefined, weights]) {
        const session = kernel.createSession(data, rows, D, { kind, k: K, dtype: 'float32' }, sampleWeight);
        try {
          // 1331 rows in chunks of whole blocks, each a sixth of the rows left but at least 256: 4 blocks each, the rest last.
          const chunks = eStepChunks(rows, 3, 64);
          expect(chunks).toHaveLength(6);
          expect(chunks[5]).toEqual([1280, rows]);
          const expected = createStats(kind, K, D);
          let expectedLogLikelihood = 0;
          for (const [start, end] of chunks) {
            const part = createStats(kind, K, D);
            expectedLogLikelihood += session.eStep(params, start, end, part);
            addStats(expected, part);
          }
          const stats = createStats(kind, K, D);
          expect(await session.eStepThreaded!(params, open, stats)).toBe(expectedLogLikelihood);
          expect(stats).toEqual(expected);
          // Chunks of whole blocks sum the same f32 runs as one range: only the f64 additions are grouped differently.
          const whole = createStats(kind, K, D);
          const wholeLogLikelihood = session.eStep(params, 0, rows, whole);
          expect(Math.abs(wholeLogLikelihood - expectedLogLikelihood)).toBeLessThan(1e-13 * Math.abs(wholeLogLikelihood));
          for (const key of ['N', 'S', 'Q'] as const) expect(maxRelative(stats[key], whole[key])).toBeLessThan(1e-13);
        } finally {
          session.dispose();
        }
      }
    });
  }
});

describe('float32 weights', () => {
  const uniform = mulberry32(8);
  const data = randomData(61, 3, randomParams('full', K, 3, uniform), uniform);

  it.each(COVARIANCE_KINDS)('%s: weights of 1 give exactly the unweighted statistics; weights of 2^200 scale them exactly', (kind: CovarianceKind) => {
    const params = randomParams(kind, K, 3, mulberry32(9));
    const shape = { kind, k: K, dtype: 'float32' } as const;
    const unweighted = eStep(shape, data, 3, params);
    const ones = eStep(shape, data, 3, params, new Float64Array(61).fill(1));
    expect(ones.stats).toEqual(unweighted.stats);
    // The unweighted E-step takes one log per block of rows (log of a product), the weighted one a log per row.
    expect(Math.abs(ones.logLikelihood - unweighted.logLikelihood)).toBeLessThanOrEqual(1e-14 * Math.abs(unweighted.logLikelihood));
    // 2^200 is beyond f32: the kernel divides the weights by their power-of-two ceiling and multiplies it back.
    const huge = eStep(shape, data, 3, params, new Float64Array(61).fill(2 ** 200));
    for (const key of ['N', 'S', 'Q'] as const) expect(huge.stats[key]).toEqual(unweighted.stats[key].map((v) => v * 2 ** 200));
  });

  it('a weight of 0 removes its row, even one whose f32 Mahalanobis distance overflows', () => {
    const params = randomParams('full', K, 3, mulberry32(10));
    const far = data.slice();
    far.fill(1e30, 3 * 7, 3 * 8); // row 7: ‖diffᵀU‖² ≈ 1e60 is Infinity in f32, and log p(x_7) NaN
    const weights = new Float64Array(61).fill(1);
    weights[7] = 0;
    const kept = Float64Array.from({ length: 60 * 3 }, (_, t) => data[t < 21 ? t : t + 3]!);
    const shape = { kind: 'full', k: K, dtype: 'float32' } as const;
    const withoutRow = eStep(shape, kept, 3, params);
    const weighted = eStep(shape, far, 3, params, weights);
    expect(weighted.logLikelihood).toBeCloseTo(withoutRow.logLikelihood, 4);
    for (const key of ['N', 'S', 'Q'] as const) expect(maxRelative(weighted.stats[key], withoutRow.stats[key])).toBeLessThan(1e-5);
  });
});

describe('float32 input checks and memory', () => {
  it('rejects an unknown dtype, in both kernels', () => {
    for (const kernel of [getKernel(), referenceKernel]) {
      const shape = { kind: 'full', k: 1, dtype: 'float16' } as unknown as SessionShape;
      expect(() => kernel.createSession(new Float64Array(4), 2, 2, shape)).toThrow('dtype must be one of float64, float32, got float16');
    }
  });

  it('rejects a value whose distance to its column centre does not fit in f32, naming row and column, in both kernels', () => {
    const data = Float64Array.of(0, 0, 1, 1, 2, 2, 3, 1e39);
    const message = /data row 3, column 1: 1e\+39 lies .* from its column's centre, beyond the float32 range/;
    for (const kernel of [getKernel(), referenceKernel]) {
      expect(() => kernel.createSession(data, 4, 2, { kind: 'diag', k: 1, dtype: 'float32' })).toThrow(message);
    }
    // The same data fits a float64 session.
    getKernel().createSession(data, 4, 2, { kind: 'diag', k: 1 }).dispose();
  });

  it('a session of 0 rows gives zero statistics and a log-likelihood of 0, in both kernels', () => {
    const params = randomParams('tied', K, D, mulberry32(3));
    for (const kernel of [getKernel(), referenceKernel]) {
      const session = kernel.createSession(new Float64Array(0), 0, D, { kind: 'tied', k: K, dtype: 'float32' });
      const stats = createStats('tied', K, D);
      stats.Q.fill(Number.NaN);
      expect(session.eStep(params, 0, 0, stats)).toBe(0);
      expect(stats).toEqual(createStats('tied', K, D));
      session.dispose();
    }
  });

  it('1,000 float32 sessions (some rejected before use) leave the memory size unchanged', () => {
    const uniform = mulberry32(12);
    const params = randomParams('full', K, D, uniform);
    const data = randomData(BLOCK_ROWS32 * 3 + 1, D, params, uniform);
    const bad = data.slice();
    bad[D * 50] = 1e39;
    const rows = data.length / D;
    const kernel = getKernel();
    const cycle = (i: number): void => {
      if (i % 4 === 3) {
        expect(() => kernel.createSession(bad, rows, D, { kind: 'full', k: K, dtype: 'float32' })).toThrow(RangeError);
        return;
      }
      const session = kernel.createSession(data, rows, D, { kind: 'full', k: K, dtype: 'float32' }, i % 2 ? new Float64Array(rows).fill(2) : undefined);
      session.eStep(params, 0, rows, createStats('full', K, D));
      session.scoreRows(params, 1, rows, new Float64Array(rows - 1), new Float64Array((rows - 1) * K));
      session.dispose();
    };
    for (let i = 0; i < 20; i++) cycle(i);
    const warm = wasmMemoryBytes();
    for (let i = 0; i < 1000; i++) cycle(i);
    expect(wasmMemoryBytes()).toBe(warm);
  });
});
