// WASM kernel vs the pure-TypeScript reference kernel on seeded random inputs: every covariance kind,
// d in {1, 2, 3, 5, 8, 33} (odd d, d = 1 and d > 32), k in {1, 3, 16}, odd and even ranges, start ≠ 0.
import { describe, it } from 'vitest';
import { referenceKernel } from '../src/reference.js';
import { COVARIANCE_KINDS, type CovarianceKind } from '../src/types.js';
import { getKernel } from '../src/wasm.js';
import { compareEStep, compareScoreRows, type KernelPair } from './helpers/kernel-pair.js';
import { mulberry32, randomData, randomParams } from './helpers/random.js';

const DIMENSIONS = [1, 2, 3, 5, 8, 33];
const COMPONENTS = [1, 3, 16];
const ROWS = 41;
/** [start, end): whole (odd length), even length from an offset, odd length from an offset, one row, empty. */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, ROWS],
  [3, ROWS],
  [2, 35],
  [5, 6],
  [7, 7],
];

function openCase(kind: CovarianceKind, k: number, d: number, rows: number, seed: number): KernelPair {
  const uniform = mulberry32(seed);
  const params = randomParams(kind, k, d, uniform);
  const data = randomData(rows, d, params, uniform);
  return {
    kind,
    k,
    d,
    params,
    wasm: getKernel().createSession(data, rows, d, { kind, k }),
    reference: referenceKernel.createSession(data, rows, d, { kind, k }),
  };
}

describe.each(COVARIANCE_KINDS)('wasm kernel agrees with the reference kernel: %s', (kind) => {
  for (const d of DIMENSIONS) {
    for (const k of COMPONENTS) {
      it(`d=${d} k=${k}`, () => {
        const testCase = openCase(kind, k, d, ROWS, 1000 * d + k);
        try {
          for (const [start, end] of RANGES) {
            compareEStep(testCase, start, end);
            compareScoreRows(testCase, start, end);
          }
        } finally {
          testCase.wasm.dispose();
        }
      });
    }
  }
});

describe('ranges longer than one wasm block', () => {
  // The data is stored in pairs of rows (d = 2) or in blocks of 64 rows (d = 5), read in place from the start of one
  // and copied from elsewhere (data-layout.ts).
  for (const d of [2, 5]) {
    it.each(COVARIANCE_KINDS)(`%s, d = ${d}: 2,501 rows from offsets 1, 0, 64 and 65 (many blocks, odd length)`, (kind) => {
      const testCase = openCase(kind, 3, d, 2501, 77);
      try {
        for (const start of [1, 0, 64, 65]) {
          compareScoreRows(testCase, start, 2501);
          compareEStep(testCase, start, 2501);
        }
      } finally {
        testCase.wasm.dispose();
      }
    });
  }
});

describe('data far from the origin', () => {
  // The spherical E-step expands ‖x − μ‖² into dot products (block-spherical.ts): uncentred, an offset of 1e6 would
  // cost it about twelve of its sixteen digits.
  it.each(COVARIANCE_KINDS)('%s: every value and mean shifted by 1e6', (kind) => {
    const k = 3;
    const d = 8;
    const uniform = mulberry32(4242);
    const params = randomParams(kind, k, d, uniform);
    const shifted = { ...params, means: params.means.map((mean) => mean + 1e6) };
    const data = randomData(301, d, shifted, uniform);
    const testCase: KernelPair = {
      kind,
      k,
      d,
      params: shifted,
      wasm: getKernel().createSession(data, 301, d, { kind, k }),
      reference: referenceKernel.createSession(data, 301, d, { kind, k }),
    };
    try {
      compareEStep(testCase, 0, 301);
      compareScoreRows(testCase, 0, 301);
    } finally {
      testCase.wasm.dispose();
    }
  });
});
