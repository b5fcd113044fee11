import { parameterSize, statsSlots } from './kinds';
import { laneSum, storeLaneSums } from './lanes';
import { eStepBlocks } from './block-estep';
import { blockAccNOffset, blockAccQOffset, blockAccSOffset } from './block-work';
import { columnStride, rowAddress } from './data-layout';
import { logRespPair } from './rowpair';
import { logRhoOffset } from './work';

// Walks a row range two rows at a time; an odd last row is paired with itself (scores) or its second lane masked.

/**
 * Writes N, S, Q (lane sums of the accumulators) and returns Σ log p over rows [start, end); with
 * `weights` (one f64 per row of x; 0 = unweighted) Σ w log p and statistics weighted by w.
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
  const accN = blockAccNOffset(work, k, d);
  memory.fill(accN, 0, <usize>statsSlots<i32>(kind, k, d) << 4);
  const logLikelihood = eStepBlocks(kind, x, d, k, start, end, means, precChol, logConst, work, weights);
  // Scale 1: an exact multiplication, the sums themselves.
  storeLaneSums(accN, N, k, 1);
  storeLaneSums(blockAccSOffset(work, k, d), S, k * d, 1);
  storeLaneSums(blockAccQOffset(work, k, d), Q, parameterSize<i32>(kind, k, d), 1);
  return laneSum(logLikelihood);
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
  const logR = logRhoOffset(work, k, d);
  const stride = columnStride(d);
  for (let i = start; i < end; i += 2) {
    const rowA = rowAddress(x, d, i);
    const hasB = i + 1 < end;
    const lse = logRespPair(kind, rowA, hasB ? rowAddress(x, d, i + 1) : rowA, stride, d, k, means, precChol, logConst, work);
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
