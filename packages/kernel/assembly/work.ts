import { blockWorkSize } from './block-work';

// The scratch of the per-row scores, in f64x2 slots (lane 0: even row of a pair, lane 1: odd row):
//   xPair   d        the two rows of the current pair
//   diffs   k·d      x − μ_j
//   logRho  k        log ρ_j, then log r_j
// The E-step lays out the same scratch its own way (block-work.ts); `work` is sized for the larger of the two.

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

/** Bytes of scratch for (kind, k, d), in f64 so that no size overflows. */
@inline export function workSize(kind: i32, k: f64, d: f64): f64 {
  return Math.max((d + k * d + k) * <f64>SLOT, blockWorkSize(kind, k, d));
}
