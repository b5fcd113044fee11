// Sample weights: the weighted WASM E-step against the weighted reference kernel (the oracle), every
// covariance kind, d in {1, 3, 8}, odd and even ranges; weights of 1 and 0 against their exact meaning.
import { describe, expect, it } from 'vitest';
import { createStats } from '../src/layout.js';
import { referenceKernel } from '../src/reference.js';
import { COVARIANCE_KINDS, type Kernel, type KernelParams, type SufficientStats } from '../src/types.js';
import { getKernel } from '../src/wasm.js';
import { expectClose, statsScales } from './helpers/compare.js';
import { mulberry32, randomData, randomParams } from './helpers/random.js';

const ROWS = 41;
const DIMENSIONS = [1, 3, 8];
const K = 3;
/** [start, end): whole (odd length), even length from an odd offset, odd length from an even offset, one row. */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, ROWS],
  [3, ROWS],
  [2, 35],
  [5, 6],
];

/** Weights in [0, 3) with every fifth row at exactly 0. */
function randomWeights(rows: number, uniform: () => number): Float64Array {
  return Float64Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? 0 : 3 * uniform()));
}

function eStep(
  kernel: Kernel,
  data: Float64Array,
  d: number,
  kind: (typeof COVARIANCE_KINDS)[number],
  params: KernelParams,
  range: readonly [number, number],
  weights?: Float64Array,
): { logLikelihood: number; stats: SufficientStats } {
  const session = kernel.createSession(data, data.length / d, d, { kind, k: K }, weights);
  try {
    const stats = createStats(kind, K, d);
    for (const buffer of [stats.N, stats.S, stats.Q]) buffer.fill(Number.NaN);
    return { logLikelihood: session.eStep(params, range[0], range[1], stats), stats };
  } finally {
    session.dispose();
  }
}

describe.each(COVARIANCE_KINDS)('weighted wasm E-step agrees with the weighted reference: %s', (kind) => {
  it.each(DIMENSIONS)('d=%i', (d) => {
    const uniform = mulberry32(500 + d);
    const params = randomParams(kind, K, d, uniform);
    const data = randomData(ROWS, d, params, uniform);
    const weights = randomWeights(ROWS, uniform);
    for (const range of RANGES) {
      const label = `${kind} d=${d} [${range[0]}, ${range[1]})`;
      const expected = eStep(referenceKernel, data, d, kind, params, range, weights);
      const actual = eStep(getKernel(), data, d, kind, params, range, weights);
      const logDensity = new Float64Array(ROWS);
      const scorer = referenceKernel.createSession(data, ROWS, d, { kind, k: K });
      scorer.scoreRows(params, 0, ROWS, logDensity, null);
      let absolute = 0;
      for (let i = range[0]; i < range[1]; i++) absolute += weights[i]! * Math.abs(logDensity[i]!);
      const scales = statsScales(kind, K, d, expected.stats);
      expectClose(`${label} Σ w log p`, [actual.logLikelihood], [expected.logLikelihood], [absolute]);
      expectClose(`${label} N`, actual.stats.N, expected.stats.N);
      expectClose(`${label} S`, actual.stats.S, expected.stats.S, scales.S);
      expectClose(`${label} Q`, actual.stats.Q, expected.stats.Q, scales.Q);
    }
  });
});

describe.each([
  ['wasm', getKernel()],
  ['reference', referenceKernel],
] as const)('weights keep their meaning: %s kernel', (_, kernel) => {
  const uniform = mulberry32(77);
  const params = randomParams('full', K, 3, uniform);
  const data = randomData(ROWS, 3, params, uniform);

  it.each(COVARIANCE_KINDS)('%s: weights of 1 give exactly the unweighted statistics', (kind) => {
    const kindParams = randomParams(kind, K, 3, mulberry32(9));
    const unweighted = eStep(kernel, data, 3, kind, kindParams, [1, ROWS]);
    const ones = eStep(kernel, data, 3, kind, kindParams, [1, ROWS], new Float64Array(ROWS).fill(1));
    expect(ones.stats).toEqual(unweighted.stats);
    // The unweighted E-step takes one log per block of rows (log of a product), the weighted one a log per row.
    expect(Math.abs(ones.logLikelihood - unweighted.logLikelihood)).toBeLessThanOrEqual(1e-14 * Math.abs(unweighted.logLikelihood));
  });

  it('a weight of 0 removes its row, even one whose density underflows to 0', () => {
    const far = data.slice();
    far.fill(1e200, 3 * 7, 3 * 8); // row 7 is so far away that log p(x_7) = −∞
    const weights = new Float64Array(ROWS).fill(1);
    weights[7] = 0;
    const kept = Float64Array.from({ length: (ROWS - 1) * 3 }, (_, t) => data[t < 21 ? t : t + 3]!);
    const withoutRow = eStep(kernel, kept, 3, 'full', params, [0, ROWS - 1]);
    const weighted = eStep(kernel, far, 3, 'full', params, [0, ROWS], weights);
    expect(weighted.logLikelihood).toBeCloseTo(withoutRow.logLikelihood, 10);
    expectClose('N', weighted.stats.N, withoutRow.stats.N);
    expectClose('S', weighted.stats.S, withoutRow.stats.S, statsScales('full', K, 3, withoutRow.stats).S);
  });

  it('scoreRows ignores the weights', () => {
    const weighted = kernel.createSession(data, ROWS, 3, { kind: 'full', k: K }, new Float64Array(ROWS).fill(2));
    const plain = kernel.createSession(data, ROWS, 3, { kind: 'full', k: K });
    const a = new Float64Array(ROWS);
    const b = new Float64Array(ROWS);
    weighted.scoreRows(params, 0, ROWS, a, null);
    plain.scoreRows(params, 0, ROWS, b, null);
    expect(a).toEqual(b);
    weighted.dispose();
    plain.dispose();
  });

  it.each([
    ['of the wrong length', new Float64Array(ROWS - 1), /sampleWeight must be a Float64Array of 41 values \(one per row\), got 40 values/],
    ['negative', Float64Array.from({ length: ROWS }, (_, i) => (i === 4 ? -1 : 1)), /sampleWeight\[4\] must be finite and >= 0, got -1/],
    ['NaN', Float64Array.from({ length: ROWS }, (_, i) => (i === 9 ? Number.NaN : 1)), /sampleWeight\[9\] must be finite and >= 0, got NaN/],
    ['infinite', Float64Array.from({ length: ROWS }, (_, i) => (i === 0 ? Infinity : 1)), /sampleWeight\[0\] must be finite/],
  ] as const)('rejects weights %s', (_, weights, message) => {
    expect(() => kernel.createSession(data, ROWS, 3, { kind: 'full', k: K }, weights)).toThrow(message);
  });
});
