import { logLanes } from './lanes';
import { halfNorm } from './mahalanobis';
import { addSecondMoments } from './moments';
import { expPair } from './vexp';
import { accNOffset, accQOffset, accSOffset, diffsOffset, logRhoOffset, wDiffsOffset, xPairOffset } from './work';

// Two rows travel together, one per f64x2 lane; every parameter is splatted across both lanes.

/**
 * For rows a and b: fills diffs_j = x − μ_j and log ρ_j (both in `work`) and returns max_j log ρ_j.
 */
@inline function logRhoPair(
  kind: i32,
  rowA: usize,
  rowB: usize,
  d: i32,
  k: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  work: usize,
): v128 {
  const xPair = xPairOffset(work);
  for (let c = 0; c < d; c++) {
    const o = <usize>c << 3;
    v128.store(xPair + (o << 1), f64x2.replace_lane(f64x2.splat(load<f64>(rowA + o)), 1, load<f64>(rowB + o)));
  }
  const diffs = diffsOffset(work, d);
  const logRho = logRhoOffset(work, k, d);
  let diff = diffs;
  let mean = means;
  let max = f64x2.splat(-Infinity);
  for (let j = 0; j < k; j++) {
    for (let c = 0; c < d; c++) {
      v128.store(diff + (<usize>c << 4), f64x2.sub(v128.load(xPair + (<usize>c << 4)), v128.load64_splat(mean + (<usize>c << 3))));
    }
    const value = f64x2.sub(v128.load64_splat(logConst + (<usize>j << 3)), halfNorm(kind, diff, precChol, j, d));
    v128.store(logRho + (<usize>j << 4), value);
    // pmax(max, v) = max < v ? v : max, the reference's comparison (NaN never becomes the maximum).
    max = f64x2.pmax(max, value);
    diff += <usize>d << 4;
    mean += <usize>d << 3;
  }
  return max;
}

/**
 * For rows a and b: fills diffs_j, turns log ρ_j into log r_j (in `work`) and returns
 * log p(x) = log Σ_j ρ_j, taking the maximum out first.
 */
@inline export function logRespPair(
  kind: i32,
  rowA: usize,
  rowB: usize,
  d: i32,
  k: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  work: usize,
): v128 {
  const max = logRhoPair(kind, rowA, rowB, d, k, means, precChol, logConst, work);
  const logRho = logRhoOffset(work, k, d);
  let sum = f64x2.splat(0);
  for (let j = 0; j < k; j++) sum = f64x2.add(sum, expPair(f64x2.sub(v128.load(logRho + (<usize>j << 4)), max)));
  const lse = f64x2.add(max, logLanes(sum));
  for (let j = 0; j < k; j++) {
    const at = logRho + (<usize>j << 4);
    v128.store(at, f64x2.sub(v128.load(at), lse));
  }
  return lse;
}

/**
 * For rows a and b: fills diffs_j, turns log ρ_j into r_j = e_j / Σ_i e_i with e_j = exp(log ρ_j − max)
 * (in `work`; one exp per component instead of exp(log r_j) after the log-sum-exp) and returns log p(x).
 */
@inline export function respPair(
  kind: i32,
  rowA: usize,
  rowB: usize,
  d: i32,
  k: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  work: usize,
): v128 {
  const max = logRhoPair(kind, rowA, rowB, d, k, means, precChol, logConst, work);
  const logRho = logRhoOffset(work, k, d);
  let sum = f64x2.splat(0);
  for (let j = 0; j < k; j++) {
    const at = logRho + (<usize>j << 4);
    const e = expPair(f64x2.sub(v128.load(at), max));
    v128.store(at, e);
    sum = f64x2.add(sum, e);
  }
  const inverse = f64x2.div(f64x2.splat(1), sum);
  for (let j = 0; j < k; j++) {
    const at = logRho + (<usize>j << 4);
    v128.store(at, f64x2.mul(v128.load(at), inverse));
  }
  return f64x2.add(max, logLanes(sum));
}

/**
 * Adds a row pair whose r_j and diffs `respPair` left in `work` into the per-lane statistics.
 * `mask` keeps a lane (all ones) or drops it (zero bits: the lane of a missing odd row or of weight 0).
 * When `weighted` (a constant at every call site), r_j is multiplied by the lanes' sample weights first.
 */
@inline export function accumulatePair(kind: i32, mask: v128, weighted: bool, weight: v128, d: i32, k: i32, work: usize): void {
  const diffs = diffsOffset(work, d);
  const resp = logRhoOffset(work, k, d);
  const wDiffs = wDiffsOffset(work, k, d);
  const accN = accNOffset(work, k, d);
  const accS = accSOffset(work, k, d);
  let o: usize = 0;
  for (let j = 0; j < k; j++) {
    const at = <usize>j << 4;
    let r = v128.and(v128.load(resp + at), mask);
    if (weighted) r = f64x2.mul(r, weight);
    v128.store(resp + at, r);
    v128.store(accN + at, f64x2.add(v128.load(accN + at), r));
    for (let c = 0; c < d; c++) {
      const w = f64x2.mul(r, v128.load(diffs + o));
      v128.store(wDiffs + o, w);
      v128.store(accS + o, f64x2.add(v128.load(accS + o), w));
      o += 16;
    }
  }
  addSecondMoments(kind, k, d, diffs, wDiffs, resp, accQOffset(work, k, d));
}
