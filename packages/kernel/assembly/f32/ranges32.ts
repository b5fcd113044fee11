import { statsSlots } from '../kinds';
import { laneSum, storeLaneSums } from '../lanes';
import { blockAccNOffset32, BLOCK_QUADS } from './block-work32';
import { eStepBlocks32 } from './block-estep32';
import { logDensityLane, logSumLane, shiftedLogRhoLane, shiftedLogRhoQuad } from './quad';

// Row ranges of the session's f32 data in quads (quad q = rows 4q … 4q + 3, d f32x4 slots at x + q·d·16).

/** Rows per E-step block: ranges that start on a multiple sum exactly the same f32 runs, whatever range holds them. */
export const BLOCK_ROWS32: i32 = BLOCK_QUADS * 4;

/**
 * Writes N, S, Q (the lane sums of the f64 accumulators, times `unscale`) and returns Σ log p over rows
 * [start, end). With `weights` (one f64 per row, padded to whole quads; 0 = unweighted), Σ w log p in f64 and
 * statistics weighted by `weights32` (the same weights divided by `unscale`, in f32).
 */
@inline export function eStepRange32(
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
  weights32: usize,
  unscale: f64,
): f64 {
  const acc = blockAccNOffset32(work, k, d);
  const slots = statsSlots<i32>(kind, k, d);
  memory.fill(acc, 0, <usize>slots << 4);
  const logLikelihood = eStepBlocks32(kind, x, d, k, start, end, means, precChol, logConst, work, weights, weights32);
  // N, S and Q lie back to back in the accumulators, apart in memory.
  storeLaneSums(acc, N, k, unscale);
  storeLaneSums(acc + (<usize>k << 4), S, k * d, unscale);
  storeLaneSums(acc + (<usize>(k + k * d) << 4), Q, slots - k - k * d, unscale);
  return laneSum(logLikelihood);
}

/**
 * Per-row outputs over rows [start, end), indexed from start, in f64: logDensity[i − start] = log p(x_i) and
 * logResp[(i − start)·k + j] = log r_ij. A null (0) pointer skips that output.
 */
@inline export function scoreRange32(
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
  const quadBytes = <usize>d << 4;
  const endQuad = (end + 3) >> 2;
  for (let q = start >> 2; q < endQuad; q++) {
    shiftedLogRhoQuad(kind, x + <usize>q * quadBytes, d, k, means, precChol, logConst, work);
    for (let lane = 0; lane < 4; lane++) {
      const i = (q << 2) + lane;
      if (i < start || i >= end) continue;
      const t = <usize>(i - start);
      if (logDensity) store<f64>(logDensity + (t << 3), logDensityLane(work, k, d, lane));
      if (logResp) {
        const logSum = logSumLane(work, k, d, lane);
        const out = logResp + ((t * <usize>k) << 3);
        for (let j = 0; j < k; j++) store<f64>(out + (<usize>j << 3), shiftedLogRhoLane(work, d, j, lane) - logSum);
      }
    }
  }
}
