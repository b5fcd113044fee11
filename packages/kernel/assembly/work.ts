import { parameterSize } from './kinds';

// The scratch one call needs, in f64x2 slots (lane 0: even row of a pair, lane 1: odd row):
//   xPair   d        the two rows of the current pair
//   diffs   k·d      x − μ_j
//   logRho  k        log ρ_j, then log r_j (scores) or r_j (E-step)
//   wDiffs  k·d      r_j · (x − μ_j)
//   accN    k        per-lane running sums of the statistics, added across lanes at the end of a range
//   accS    k·d
//   accQ    parameterSize(kind, k, d)

const SLOT: usize = 16;

@inline export function xPairOffset(work: usize): usize {
  return work;
}

@inline export function diffsOffset(work: usize, d: i32): usize {
  return work + <usize>d * SLOT;
}

@inline export function logRhoOffset(work: usize, k: i32, d: i32): usize {
  return work + <usize>(d + k * d) * SLOT;
}

@inline export function wDiffsOffset(work: usize, k: i32, d: i32): usize {
  return work + <usize>(d + k * d + k) * SLOT;
}

@inline export function accNOffset(work: usize, k: i32, d: i32): usize {
  return work + <usize>(d + 2 * k * d + k) * SLOT;
}

@inline export function accSOffset(work: usize, k: i32, d: i32): usize {
  return work + <usize>(d + 2 * k * d + 2 * k) * SLOT;
}

/** Slots before accQ. */
@inline function slotsBeforeQ<T>(k: T, d: T): T {
  return d + <T>3 * k * d + <T>2 * k;
}

@inline export function accQOffset(work: usize, k: i32, d: i32): usize {
  return work + <usize>slotsBeforeQ<i32>(k, d) * SLOT;
}

/** Bytes of scratch for (kind, k, d), in f64 so that no size overflows. */
@inline export function workSize(kind: i32, k: f64, d: f64): f64 {
  return (slotsBeforeQ<f64>(k, d) + parameterSize<f64>(kind, k, d)) * <f64>SLOT;
}
