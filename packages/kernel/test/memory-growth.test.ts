// A session large enough to grow wasm memory: the kernel must re-create its views on the new buffer,
// both for the large session and for a session created before the growth.
import { describe, expect, it } from 'vitest';
import { createStats } from '../src/layout.js';
import { referenceKernel } from '../src/reference.js';
import { getKernel, wasmMemoryBytes } from '../src/wasm.js';
import { expectClose, statsScales } from './helpers/compare.js';
import { mulberry32, randomData, randomParams } from './helpers/random.js';

const ROWS = 2_000_000;
const D = 2;
const K = 3;

describe('memory growth', () => {
  it('a 2,000,000-row session grows memory and agrees with the reference', () => {
    const uniform = mulberry32(2024);
    const params = randomParams('full', K, D, uniform);
    const data = randomData(ROWS, D, params, uniform);
    const kernel = getKernel();
    const small = kernel.createSession(data.subarray(0, 64 * D), 64, D, { kind: 'full', k: K });
    const before = wasmMemoryBytes();
    const large = kernel.createSession(data, ROWS, D, { kind: 'full', k: K });
    try {
      expect(wasmMemoryBytes()).toBeGreaterThan(before);
      expect(wasmMemoryBytes()).toBeGreaterThanOrEqual(ROWS * D * 8);
      const reference = referenceKernel.createSession(data, ROWS, D, { kind: 'full', k: K });

      // Full range: Σ log p, to a relative 1e-12 of Σ |log p| (the rows are added in different orders).
      const expectedLogLikelihood = reference.eStep(params, 0, ROWS, createStats('full', K, D));
      const logDensity = new Float64Array(ROWS);
      reference.scoreRows(params, 0, ROWS, logDensity, null);
      const absolute = logDensity.reduce((sum, v) => sum + Math.abs(v), 0);
      const logLikelihood = large.eStep(params, 0, ROWS, createStats('full', K, D));
      expectClose('Σ log p over 2,000,000 rows', [logLikelihood], [expectedLogLikelihood], [absolute]);

      // A sub-range at the far end of the data: statistics and per-row outputs.
      const [start, end] = [ROWS - 5001, ROWS - 2];
      const expected = createStats('full', K, D);
      reference.eStep(params, start, end, expected);
      const actual = createStats('full', K, D);
      large.eStep(params, start, end, actual);
      const scales = statsScales('full', K, D, expected);
      expectClose('N', actual.N, expected.N);
      expectClose('S', actual.S, expected.S, scales.S);
      expectClose('Q', actual.Q, expected.Q, scales.Q);
      const expectedResp = new Float64Array((end - start) * K);
      reference.scoreRows(params, start, end, null, expectedResp);
      const resp = new Float64Array((end - start) * K);
      large.scoreRows(params, start, end, null, resp);
      const respScale = expectedResp.map((_, t) => Math.abs(logDensity[start + Math.floor(t / K)]!));
      expectClose('logResp', resp, expectedResp, respScale);

      // The session created before the growth still reads its own rows.
      const expectedSmall = createStats('full', K, D);
      const smallReference = referenceKernel.createSession(data.subarray(0, 64 * D), 64, D, { kind: 'full', k: K });
      const expectedSmallLogLikelihood = smallReference.eStep(params, 0, 64, expectedSmall);
      const actualSmall = createStats('full', K, D);
      const smallLogLikelihood = small.eStep(params, 0, 64, actualSmall);
      const smallAbsolute = logDensity.subarray(0, 64).reduce((sum, v) => sum + Math.abs(v), 0);
      expectClose('small session Σ log p', [smallLogLikelihood], [expectedSmallLogLikelihood], [smallAbsolute]);
      expectClose('small session N', actualSmall.N, expectedSmall.N);
    } finally {
      large.dispose();
      small.dispose();
    }
  }, 120_000);
});
