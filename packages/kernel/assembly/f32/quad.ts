import { FULL, TIED } from '../kinds';
import { halfNorm32 } from './mahalanobis32';
import { expNonNegligible32 } from './vexp32';
import { scoreDiffOffset, scoreLanesOffset, scoreRhoOffset } from './work32';

// Per-row scores of one quad of the session's f32 data (rows 4q … 4q + 3, one per lane, d slots at
// `quad`); every parameter is splatted across the lanes.

/**
 * Leaves log ρ_j − max (f32, in `work`), max and Σ_j exp(log ρ_j − max) for logDensityLane and logSumLane.
 */
@inline export function shiftedLogRhoQuad(
  kind: i32,
  quad: usize,
  d: i32,
  k: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  work: usize,
): void {
  const diff = scoreDiffOffset(work);
  const rho = scoreRhoOffset(work, d);
  let max = f32x4.splat(-Infinity);
  for (let j = 0; j < k; j++) {
    if (kind == FULL || kind == TIED) {
      const mean = means + (<usize>(j * d) << 2);
      for (let c = 0; c < d; c++) {
        v128.store(diff + (<usize>c << 4), f32x4.sub(v128.load(quad + (<usize>c << 4)), v128.load32_splat(mean + (<usize>c << 2))));
      }
    }
    const value = f32x4.sub(v128.load32_splat(logConst + (<usize>j << 2)), halfNorm32(kind, quad, diff, means, precChol, j, d));
    v128.store(rho + (<usize>j << 4), value);
    // pmax(max, v) = max < v ? v : max (NaN never becomes the maximum).
    max = f32x4.pmax(max, value);
  }
  let sum = f32x4.splat(0);
  for (let j = 0; j < k; j++) {
    const at = rho + (<usize>j << 4);
    const shifted = f32x4.sub(v128.load(at), max);
    v128.store(at, shifted);
    sum = f32x4.add(sum, expNonNegligible32(shifted));
  }
  const lanes = scoreLanesOffset(work, k, d);
  v128.store(lanes, max);
  v128.store(lanes, sum, 16);
}

/** log p = max + log Σ exp(log ρ − max) of lane `lane`, in f64, from what shiftedLogRhoQuad left. */
@inline export function logDensityLane(work: usize, k: i32, d: i32, lane: i32): f64 {
  const at = scoreLanesOffset(work, k, d) + (<usize>lane << 2);
  return <f64>load<f32>(at) + Math.log(<f64>load<f32>(at, 16));
}

/** log Σ_j exp(log ρ_j − max) of lane `lane`, in f64 (log r_j = (log ρ_j − max) − this). */
@inline export function logSumLane(work: usize, k: i32, d: i32, lane: i32): f64 {
  return Math.log(<f64>load<f32>(scoreLanesOffset(work, k, d) + (<usize>lane << 2), 16));
}

/** log ρ_j − max of lane `lane`, in f64. */
@inline export function shiftedLogRhoLane(work: usize, d: i32, j: i32, lane: i32): f64 {
  return <f64>load<f32>(scoreRhoOffset(work, d) + (<usize>j << 4) + (<usize>lane << 2));
}
