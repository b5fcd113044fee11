// WASM kernel vs the pure-TypeScript reference kernel on seeded random inputs: every covariance kind,
// d in {1, 2, 3, 5, 8, 33} (odd d, d = 1 and d > 32), k in {1, 3, 16}, odd and even ranges, start ≠ 0.
import { describe, expect, it } from 'vitest';
import { createStats } from '../src/layout.js';
import { referenceKernel } from '../src/reference.js';
import { COVARIANCE_KINDS, type CovarianceKind, type KernelParams, type KernelSession } from '../src/types.js';
import { getKernel } from '../src/wasm.js';
import { expectClose, statsScales } from './helpers/compare.js';
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

interface Case {
  readonly kind: CovarianceKind;
  readonly k: number;
  readonly d: number;
  readonly params: KernelParams;
  readonly wasm: KernelSession;
  readonly reference: KernelSession;
}

function openCase(kind: CovarianceKind, k: number, d: number, rows: number, seed: number): Case {
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

function compareEStep({ kind, k, d, params, wasm, reference }: Case, start: number, end: number): void {
  const label = `${kind} k=${k} d=${d} [${start}, ${end})`;
  const expected = createStats(kind, k, d);
  const expectedLogLikelihood = reference.eStep(params, start, end, expected);
  const actual = createStats(kind, k, d);
  // eStep overwrites the statistics: stale values must not leak into the result.
  for (const buffer of [actual.N, actual.S, actual.Q]) buffer.fill(Number.NaN);
  const logLikelihood = wasm.eStep(params, start, end, actual);

  const logDensity = new Float64Array(end - start);
  reference.scoreRows(params, start, end, logDensity, null);
  const absoluteLogLikelihood = logDensity.reduce((sum, v) => sum + Math.abs(v), 0);
  const scales = statsScales(kind, k, d, expected);
  expectClose(`${label} Σ log p`, [logLikelihood], [expectedLogLikelihood], [absoluteLogLikelihood]);
  expectClose(`${label} N`, actual.N, expected.N);
  expectClose(`${label} S`, actual.S, expected.S, scales.S);
  expectClose(`${label} Q`, actual.Q, expected.Q, scales.Q);
}

function compareScoreRows({ kind, k, d, params, wasm, reference }: Case, start: number, end: number): void {
  const label = `${kind} k=${k} d=${d} [${start}, ${end})`;
  const rows = end - start;
  const expectedDensity = new Float64Array(rows);
  const expectedResp = new Float64Array(rows * k);
  reference.scoreRows(params, start, end, expectedDensity, expectedResp);
  const density = new Float64Array(rows).fill(Number.NaN);
  const resp = new Float64Array(rows * k).fill(Number.NaN);
  wasm.scoreRows(params, start, end, density, resp);
  // log r_ij = log ρ_ij − log p_i: when r_ij ≈ 1 the difference cancels down to the size of log p_i.
  const respScale = expectedResp.map((_, t) => Math.abs(expectedDensity[Math.floor(t / k)]!));
  expectClose(`${label} logDensity`, density, expectedDensity);
  expectClose(`${label} logResp`, resp, expectedResp, respScale);

  // Each output alone gives the same numbers.
  const densityOnly = new Float64Array(rows);
  wasm.scoreRows(params, start, end, densityOnly, null);
  expect(densityOnly).toEqual(density);
  const respOnly = new Float64Array(rows * k);
  wasm.scoreRows(params, start, end, null, respOnly);
  expect(respOnly).toEqual(resp);
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

describe('scoreRows over ranges longer than one wasm block', () => {
  it.each(COVARIANCE_KINDS)('%s: 2,500 rows from offset 1 (three blocks, odd length)', (kind) => {
    const testCase = openCase(kind, 3, 5, 2501, 77);
    try {
      compareScoreRows(testCase, 1, 2501);
      compareEStep(testCase, 1, 2501);
    } finally {
      testCase.wasm.dispose();
    }
  });
});
