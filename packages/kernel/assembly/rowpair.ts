import { logLanes } from './lanes';
import { halfNorm } from './mahalanobis';
import { expNonNegligible } from './vexp';
import { diffsOffset, logRhoOffset, xPairOffset } from './work';

// Two rows travel together, one per f64x2 lane; every parameter is splatted across both lanes.

/**
 * For rows a and b (column c of each `stride`·c bytes further): fills diffs_j = x − μ_j and log ρ_j (both in
 * `work`) and returns max_j log ρ_j.
 */
@inline function logRhoPair(
  kind: i32,
  rowA: usize,
  rowB: usize,
  stride: usize,
  d: i32,
  k: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  work: usize,
): v128 {
  const xPair = xPairOffset(work);
  for (let c = 0; c < d; c++) {
    const o = <usize>c * stride;
    v128.store(xPair + (<usize>c << 4), f64x2.replace_lane(f64x2.splat(load<f64>(rowA + o)), 1, load<f64>(rowB + o)));
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
 * For rows a and b (column c of each `stride`·c bytes further): fills diffs_j, turns log ρ_j into log r_j (in
 * `work`) and returns log p(x) = log Σ_j ρ_j, taking the maximum out first.
 */
@inline export function logRespPair(
  kind: i32,
  rowA: usize,
  rowB: usize,
  stride: usize,
  d: i32,
  k: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  work: usize,
): v128 {
  const max = logRhoPair(kind, rowA, rowB, stride, d, k, means, precChol, logConst, work);
  const logRho = logRhoOffset(work, k, d);
  let sum = f64x2.splat(0);
  for (let j = 0; j < k; j++) sum = f64x2.add(sum, expNonNegligible(f64x2.sub(v128.load(logRho + (<usize>j << 4)), max)));
  const lse = f64x2.add(max, logLanes(sum));
  for (let j = 0; j < k; j++) {
    const at = logRho + (<usize>j << 4);
    v128.store(at, f64x2.sub(v128.load(at), lse));
  }
  return lse;
}
