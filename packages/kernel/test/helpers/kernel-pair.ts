// A WASM session and a reference session over the same data, and the comparisons of their E-steps and per-row
// scores that the differential tests (float64 and float32) make over ranges of rows.
import { expect } from 'vitest';
import { createStats } from '../../src/layout.js';
import type { CovarianceKind, KernelParams, KernelSession } from '../../src/types.js';
import { expectClose, RELATIVE_TOLERANCE, statsScales } from './compare.js';

export interface KernelPair {
  readonly kind: CovarianceKind;
  readonly k: number;
  readonly d: number;
  readonly params: KernelParams;
  readonly wasm: KernelSession;
  readonly reference: KernelSession;
  /** The sessions' sample weights, if any. */
  readonly weights?: Float64Array;
}

/** Both E-steps over [start, end) agree to `tolerance` (relative, scaled as in expectClose). */
export function compareEStep(pair: KernelPair, start: number, end: number, tolerance = RELATIVE_TOLERANCE): void {
  const { kind, k, d, params, wasm, reference, weights } = pair;
  const label = `${kind} k=${k} d=${d} [${start}, ${end})${weights ? ' weighted' : ''}`;
  const expected = createStats(kind, k, d);
  const expectedLogLikelihood = reference.eStep(params, start, end, expected);
  const actual = createStats(kind, k, d);
  // eStep overwrites the statistics: stale values must not leak into the result.
  for (const buffer of [actual.N, actual.S, actual.Q]) buffer.fill(Number.NaN);
  const logLikelihood = wasm.eStep(params, start, end, actual);

  const logDensity = new Float64Array(end - start);
  reference.scoreRows(params, start, end, logDensity, null);
  const absoluteLogLikelihood = logDensity.reduce((sum, v, t) => sum + (weights?.[start + t] ?? 1) * Math.abs(v), 0);
  const scales = statsScales(kind, k, d, expected);
  expectClose(`${label} Σ log p`, [logLikelihood], [expectedLogLikelihood], [absoluteLogLikelihood], tolerance);
  expectClose(`${label} N`, actual.N, expected.N, undefined, tolerance);
  expectClose(`${label} S`, actual.S, expected.S, scales.S, tolerance);
  expectClose(`${label} Q`, actual.Q, expected.Q, scales.Q, tolerance);
}

/** Both kernels' per-row log p and log r over [start, end) agree to `tolerance`; each output alone gives the same. */
export function compareScoreRows(pair: KernelPair, start: number, end: number, tolerance = RELATIVE_TOLERANCE): void {
  const { kind, k, d, params, wasm, reference } = pair;
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
  expectClose(`${label} logDensity`, density, expectedDensity, undefined, tolerance);
  expectClose(`${label} logResp`, resp, expectedResp, respScale, tolerance);

  const densityOnly = new Float64Array(rows);
  wasm.scoreRows(params, start, end, densityOnly, null);
  expect(densityOnly).toEqual(density);
  const respOnly = new Float64Array(rows * k);
  wasm.scoreRows(params, start, end, null, respOnly);
  expect(respOnly).toEqual(resp);
}
