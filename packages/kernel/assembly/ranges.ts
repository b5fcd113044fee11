import { parameterSize } from './kinds';
import { laneSum } from './lanes';
import { accumulatePair, logRespPair, respPair } from './rowpair';
import { accNOffset, accQOffset, accSOffset, logRhoOffset } from './work';

// Walks a row range two rows at a time; an odd last row is paired with itself and its second lane masked.

const BOTH_LANES: v128 = i64x2.splat(-1);
const FIRST_LANE: v128 = i64x2(-1, 0);
const ZERO: v128 = f64x2.splat(0);

/**
 * Writes N, S, Q (lane sums of the accumulators) and returns Σ log p over rows [start, end); with
 * `weights` (one f64 per row of x; 0 = unweighted) Σ w log p and statistics weighted by w. The unweighted
 * loop is its own code path so that its results do not change by a single rounding.
 */
@inline export function eStepRange(
  kind: i32,
  x: usize,
  d: i32,
  k: i32,
  start: i32,
  end: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  N: usize,
  S: usize,
  Q: usize,
  work: usize,
  weights: usize,
): f64 {
  const accN = accNOffset(work, k, d);
  const statsSlots = k + k * d + parameterSize<i32>(kind, k, d);
  memory.fill(accN, 0, <usize>statsSlots << 4);
  const rowBytes = <usize>d << 3;
  let logLikelihood = f64x2.splat(0);
  let i = start;
  if (weights) {
    for (; i + 1 < end; i += 2) {
      const rowA = x + <usize>i * rowBytes;
      const w = v128.load(weights + (<usize>i << 3));
      // A lane of weight 0 adds nothing, even when its density underflowed (0 · −∞ would be NaN).
      const keep = f64x2.ne(w, ZERO);
      const lse = respPair(kind, rowA, rowA + rowBytes, d, k, means, precChol, logConst, work);
      logLikelihood = f64x2.add(logLikelihood, v128.and(f64x2.mul(lse, w), keep));
      accumulatePair(kind, keep, true, w, d, k, work);
    }
    if (i < end) {
      const row = x + <usize>i * rowBytes;
      const w = v128.load64_splat(weights + (<usize>i << 3));
      const keep = v128.and(f64x2.ne(w, ZERO), FIRST_LANE);
      const lse = respPair(kind, row, row, d, k, means, precChol, logConst, work);
      logLikelihood = f64x2.add(logLikelihood, v128.and(f64x2.mul(lse, w), keep));
      accumulatePair(kind, keep, true, w, d, k, work);
    }
  } else {
    for (; i + 1 < end; i += 2) {
      const rowA = x + <usize>i * rowBytes;
      logLikelihood = f64x2.add(logLikelihood, respPair(kind, rowA, rowA + rowBytes, d, k, means, precChol, logConst, work));
      accumulatePair(kind, BOTH_LANES, false, ZERO, d, k, work);
    }
    if (i < end) {
      const row = x + <usize>i * rowBytes;
      const lse = respPair(kind, row, row, d, k, means, precChol, logConst, work);
      logLikelihood = f64x2.add(logLikelihood, v128.and(lse, FIRST_LANE));
      accumulatePair(kind, FIRST_LANE, false, ZERO, d, k, work);
    }
  }
  reduceLanes(accN, N, k);
  reduceLanes(accSOffset(work, k, d), S, k * d);
  reduceLanes(accQOffset(work, k, d), Q, parameterSize<i32>(kind, k, d));
  return laneSum(logLikelihood);
}

/** out[t] = lane 0 + lane 1 of acc[t] for t < count. */
@inline function reduceLanes(acc: usize, out: usize, count: i32): void {
  for (let t = 0; t < count; t++) store<f64>(out + (<usize>t << 3), laneSum(v128.load(acc + (<usize>t << 4))));
}

/**
 * Per-row outputs over rows [start, end), indexed from start: logDensity[i − start] = log p(x_i) and
 * logResp[(i − start)·k + j] = log r_ij. A null (0) pointer skips that output.
 */
@inline export function scoreRange(
  kind: i32,
  x: usize,
  d: i32,
  k: i32,
  start: i32,
  end: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  logDensity: usize,
  logResp: usize,
  work: usize,
): void {
  const rowBytes = <usize>d << 3;
  const logR = logRhoOffset(work, k, d);
  for (let i = start; i < end; i += 2) {
    const rowA = x + <usize>i * rowBytes;
    const hasB = i + 1 < end;
    const lse = logRespPair(kind, rowA, hasB ? rowA + rowBytes : rowA, d, k, means, precChol, logConst, work);
    const t = <usize>(i - start);
    if (logDensity) {
      store<f64>(logDensity + (t << 3), f64x2.extract_lane(lse, 0));
      if (hasB) store<f64>(logDensity + (t << 3) + 8, f64x2.extract_lane(lse, 1));
    }
    if (logResp) {
      const outA = logResp + ((t * <usize>k) << 3);
      const outB = outA + (<usize>k << 3);
      for (let j = 0; j < k; j++) {
        const v = v128.load(logR + (<usize>j << 4));
        store<f64>(outA + (<usize>j << 3), f64x2.extract_lane(v, 0));
        if (hasB) store<f64>(outB + (<usize>j << 3), f64x2.extract_lane(v, 1));
      }
    }
  }
}
