// The E-step flushes responsibilities below e^-700 to 0 (subnormals are slow): on clusters far enough apart that
// most log ρ_j − max fall below −700, the WASM kernel still matches the reference kernel (Ref: reference.ts,
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

/** Rows around K centres 60 apart (unit spread): a row's log ρ for the other centres is ≈ −1800 below its own. */
function separatedData(): Float64Array {
  const uniform = mulberry32(5);
  return Float64Array.from({ length: ROWS * D }, (_, t) => 60 * (Math.floor(t / D) % K) + uniform() - 0.5);
}

function withCentres(params: KernelParams): KernelParams {
  const means = Float64Array.from({ length: K * D }, (_, t) => 60 * Math.floor(t / D));
  return { ...params, means };
}

describe('well-separated clusters', () => {
  const data = separatedData();
  for (const kind of COVARIANCE_KINDS) {
    it(`${kind}: flushed responsibilities leave the E-step equal to the reference`, () => {
      const params = withCentres(randomParams(kind, K, D, mulberry32(11)));
      const wasm = getKernel().createSession(data, ROWS, D, { kind, k: K });
      const reference = referenceKernel.createSession(data, ROWS, D, { kind, k: K });
      const logResp = new Float64Array(ROWS * K);
      reference.scoreRows(params, 0, ROWS, null, logResp);
      // The case must reach the flush: most log r_ij are below −700.
      expect(logResp.filter((v) => v < -700).length).toBeGreaterThan(ROWS);
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
    const params = withCentres(randomParams('full', K, D, mulberry32(11)));
    params.means[4] = Number.NaN;
    const wasm = getKernel().createSession(data, ROWS, D, { kind: 'full', k: K });
    expect(wasm.eStep(params, 0, ROWS, createStats('full', K, D))).toBeNaN();
    wasm.dispose();
  });
});
