// The float32 WASM kernel against the float32 reference kernel (the same f32 data, computed in f64) on seeded
// random inputs: every covariance kind, d in {1, 2, 3, 5, 8, 33}, k in {1, 3, 16}, ranges that start and end
// inside a quad of rows, a range of several E-step blocks, with and without sample weights.
import { describe, it } from 'vitest';
import { referenceKernel } from '../src/reference.js';
import { COVARIANCE_KINDS, type CovarianceKind, type SessionShape } from '../src/types.js';
import { getKernel } from '../src/wasm.js';
import { compareEStep, compareScoreRows, type KernelPair } from './helpers/kernel-pair.js';
import { mulberry32, randomData, randomParams } from './helpers/random.js';

/**
 * Relative agreement required (same scales as helpers/compare.ts). The WASM kernel computes in f32: log ρ_j
 * carries an absolute error of a few ulp of f32 (6e-8) times |log ρ_j| (up to ~10² on these inputs), which every
 * r_j inherits as a relative error, and each statistic sums 16 f32 terms per lane before it reaches f64. The largest
 * difference measured on these inputs is under 2e-6; 1e-5 (170 ulp of f32) leaves room for that and still fails on any
 * wrong term, which moves the results by 1e-3 or more.
 */
const F32_TOLERANCE = 1e-5;

const DIMENSIONS = [1, 2, 3, 5, 8, 33];
const COMPONENTS = [1, 3, 16];
const ROWS = 41;
/** [start, end): whole, from inside the first quad, across quads from inside one to inside another, one row, empty. */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, ROWS],
  [3, ROWS],
  [2, 35],
  [5, 6],
  [7, 7],
];

const FLOAT32: Pick<SessionShape, 'dtype'> = { dtype: 'float32' };

function openCase(kind: CovarianceKind, k: number, d: number, rows: number, seed: number, weighted = false): KernelPair {
  const uniform = mulberry32(seed);
  const params = randomParams(kind, k, d, uniform);
  const data = randomData(rows, d, params, uniform);
  // Weights in [0, 3) with every fifth row at exactly 0.
  const weights = weighted ? Float64Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? 0 : 3 * uniform())) : undefined;
  const shape = { kind, k, ...FLOAT32 };
  return {
    kind,
    k,
    d,
    params,
    weights,
    wasm: getKernel().createSession(data, rows, d, shape, weights),
    reference: referenceKernel.createSession(data, rows, d, shape, weights),
  };
}

describe.each(COVARIANCE_KINDS)('float32 wasm kernel agrees with the float32 reference kernel: %s', (kind) => {
  for (const d of DIMENSIONS) {
    for (const k of COMPONENTS) {
      it(`d=${d} k=${k}, unweighted and weighted`, () => {
        for (const weighted of [false, true]) {
          const testCase = openCase(kind, k, d, ROWS, 1000 * d + k, weighted);
          try {
            for (const [start, end] of RANGES) {
              compareEStep(testCase, start, end, F32_TOLERANCE);
              if (!weighted) compareScoreRows(testCase, start, end, F32_TOLERANCE);
            }
          } finally {
            testCase.wasm.dispose();
          }
        }
      });
    }
  }

  it('2,501 rows from offset 1: many E-step blocks and scoreRows calls, unweighted and weighted', () => {
    for (const weighted of [false, true]) {
      const testCase = openCase(kind, 3, 5, 2501, 77, weighted);
      try {
        compareEStep(testCase, 1, 2501, F32_TOLERANCE);
        compareScoreRows(testCase, 1, 2501, F32_TOLERANCE);
      } finally {
        testCase.wasm.dispose();
      }
    }
  });
});
