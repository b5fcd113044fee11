// The E-step flushes responsibilities below e^-40 to 0 (vexp.ts, NEGLIGIBLE): on clusters far enough apart that
// most log ρ_j − max fall below −40, the WASM kernel still matches the reference kernel (Ref: reference.ts,
// which takes Math.exp of every term), and a NaN parameter still gives a NaN log-likelihood.
import { describe, expect, it } from 'vitest';
import { createStats } from '../src/layout.js';
import { referenceKernel } from '../src/reference.js';
import { COVARIANCE_KINDS, type KernelParams } from '../src/types.js';
import { getKernel } from '../src/wasm.js';
import { expectClose, statsScales } from './helpers/compare.js';
import { mulberry32, randomParams } from './helpers/random.js';

const ROWS = 77;
const D = 3;
const K = 4;

/**
 * Rows around K centres `apart` apart on every axis (unit spread), four rows per centre in turn: a row pair then has
 * one nonzero term, so pass 2 lists the terms instead of taking exp of each.
 */
function separatedData(apart: number): Float64Array {
  const uniform = mulberry32(5);
  return Float64Array.from({ length: ROWS * D }, (_, t) => apart * (Math.floor(t / (4 * D)) % K) + uniform() - 0.5);
}

function withCentres(params: KernelParams, apart: number): KernelParams {
  const means = Float64Array.from({ length: K * D }, (_, t) => apart * Math.floor(t / D));
  return { ...params, means };
}

/**
 * 60 apart, a row's log ρ for the other centres is ≈ −1800 below its own: exp would underflow (to slow subnormals
 * on the way). 8 apart, most log r_ij lie in (−700, −40): r_ij is a normal number in the reference, 0 here.
 */
const SEPARATIONS = [
  { apart: 60, low: -Infinity, high: -700 },
  { apart: 8, low: -700, high: -40 },
];

describe.each(SEPARATIONS)('clusters $apart apart', ({ apart, low, high }) => {
  const data = separatedData(apart);
  // Weighted: every fifth row 0, the others in [0.5, 2.5).
  const uniform = mulberry32(17);
  const weights = Float64Array.from({ length: ROWS }, (_, i) => (i % 5 === 0 ? 0 : 0.5 + 2 * uniform()));
  for (const kind of COVARIANCE_KINDS) for (const sampleWeight of [undefined, weights]) {
    it(`${kind}${sampleWeight ? ', weighted' : ''}: flushed responsibilities leave the E-step equal to the reference`, () => {
      const params = withCentres(randomParams(kind, K, D, mulberry32(11)), apart);
      const wasm = getKernel().createSession(data, ROWS, D, { kind, k: K }, sampleWeight);
      const reference = referenceKernel.createSession(data, ROWS, D, { kind, k: K }, sampleWeight);
      const logResp = new Float64Array(ROWS * K);
      reference.scoreRows(params, 0, ROWS, null, logResp);
      // The case must reach the flush in its band: most log r_ij lie in (low, high).
      expect(logResp.filter((v) => v > low && v < high).length).toBeGreaterThan(ROWS);
      const expected = createStats(kind, K, D);
      const actual = createStats(kind, K, D);
      const expectedLogLikelihood = reference.eStep(params, 0, ROWS, expected);
      const logLikelihood = wasm.eStep(params, 0, ROWS, actual);
      const scales = statsScales(kind, K, D, expected);
      expectClose('Σ log p', [logLikelihood], [expectedLogLikelihood]);
      expectClose('N', actual.N, expected.N);
      expectClose('S', actual.S, expected.S, scales.S);
      expectClose('Q', actual.Q, expected.Q, scales.Q);
      wasm.dispose();
      reference.dispose();
    });
  }

  it('a NaN mean still makes the log-likelihood NaN', () => {
    const params = withCentres(randomParams('full', K, D, mulberry32(11)), apart);
    params.means[4] = Number.NaN;
    const wasm = getKernel().createSession(data, ROWS, D, { kind: 'full', k: K });
    expect(wasm.eStep(params, 0, ROWS, createStats('full', K, D))).toBeNaN();
    wasm.dispose();
  });
});
