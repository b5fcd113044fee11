// Bad input fails loudly, with a RangeError that names the argument, before touching kernel memory.
import { describe, expect, it } from 'vitest';
import { createStats } from '../src/layout.js';
import type { CovarianceKind } from '../src/types.js';
import { getKernel, loadKernel } from '../src/wasm.js';
import { mulberry32, randomData, randomParams } from './helpers/random.js';

const uniform = mulberry32(5);
const params = randomParams('full', 2, 3, uniform);
const data = randomData(10, 3, params, uniform);

describe('createSession rejects bad input', () => {
  const kernel = getKernel();
  it.each([
    ['data shorter than rows × cols', data.subarray(0, 29), 10, 3, 2, 'full', /data holds 29 values.*10 × 3 needs 30/],
    ['negative rows', data, -1, 3, 2, 'full', /rows must be an integer >= 0, got -1/],
    ['fractional rows', data, 2.5, 3, 2, 'full', /rows must be an integer >= 0, got 2.5/],
    ['zero cols', data, 10, 0, 2, 'full', /cols must be an integer >= 1, got 0/],
    ['zero components', data, 10, 3, 0, 'full', /k must be an integer >= 1, got 0/],
    ['unknown kind', data, 10, 3, 2, 'banded', /kind must be one of full, tied, diag, spherical, got banded/],
  ] as const)('%s', (_, values, rows, cols, k, kind, message) => {
    expect(() => kernel.createSession(values, rows, cols, { kind: kind as CovarianceKind, k })).toThrow(RangeError);
    expect(() => kernel.createSession(values, rows, cols, { kind: kind as CovarianceKind, k })).toThrow(message);
  });

  it('a session too large for one wasm allocation', () => {
    // 1,000 full 1,000×1,000 covariances need 8 GB of statistics scratch, beyond what 32 bits even address.
    expect(() => kernel.createSession(new Float64Array(0), 0, 1000, { kind: 'full', k: 1000 })).toThrow(
      /a full session of rows × cols = 0 × 1000 with k = 1000 needs \d+ bytes of kernel memory/,
    );
  });
});

describe('session calls reject bad input', () => {
  const session = getKernel().createSession(data, 10, 3, { kind: 'full', k: 2 });
  const stats = createStats('full', 2, 3);

  it('a row range outside the data', () => {
    expect(() => session.eStep(params, 0, 11, stats)).toThrow(/row range \[0, 11\)/);
    expect(() => session.scoreRows(params, 4, 3, null, null)).toThrow(RangeError);
  });

  it('parameters or statistics of the wrong length', () => {
    expect(() => session.eStep({ ...params, means: new Float64Array(5) }, 0, 10, stats)).toThrow(/means must hold 6 values, got 5/);
    expect(() => session.eStep({ ...params, precChol: new Float64Array(6) }, 0, 10, stats)).toThrow(/precChol must hold 12 values, got 6/);
    expect(() => session.eStep({ ...params, logConst: new Float64Array(3) }, 0, 10, stats)).toThrow(/logConst must hold 2 values, got 3/);
    expect(() => session.eStep(params, 0, 10, createStats('diag', 2, 3))).toThrow(/stats.Q must hold 12 values, got 6/);
  });

  it('outputs too short for the range', () => {
    expect(() => session.scoreRows(params, 0, 10, new Float64Array(9), null)).toThrow(/logDensity must hold at least 10 values, got 9/);
    expect(() => session.scoreRows(params, 0, 10, null, new Float64Array(19))).toThrow(/logResp must hold at least 20 values, got 19/);
  });

  it('use after dispose; dispose is idempotent', () => {
    const other = getKernel().createSession(data, 10, 3, { kind: 'full', k: 2 });
    other.dispose();
    other.dispose();
    expect(() => other.eStep(params, 0, 10, stats)).toThrow(/disposed/);
  });
});

describe('loading', () => {
  it('getKernel is memoised, loadKernel resolves to the same kernel', async () => {
    expect(getKernel()).toBe(getKernel());
    expect(await loadKernel()).toBe(getKernel());
    expect(getKernel().name).toBe('wasm-simd');
  });
});
