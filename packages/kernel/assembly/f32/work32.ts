import { blockWorkSize32 } from './block-work32';

// Scratch of the float32 scores (in 16-byte slots, at the start of `work`; the E-step lays out its own, see
// block-work32.ts):
//   diff     d   f32x4  x − μ_j of the current component (full and tied)
//   rho      k   f32x4  log ρ_j − max
//   lanes    2   f32x4  max and Σ_j exp(log ρ_j − max), read back lane by lane

const SLOT: usize = 16;

@inline export function scoreDiffOffset(work: usize): usize {
  return work;
}

@inline export function scoreRhoOffset(work: usize, d: i32): usize {
  return work + <usize>d * SLOT;
}

@inline export function scoreLanesOffset(work: usize, k: i32, d: i32): usize {
  return work + <usize>(d + k) * SLOT;
}

/** Bytes of scratch for (kind, k, d): the larger of the E-step's and the scores', in f64 so that no size overflows. */
@inline export function workSize32(kind: i32, k: f64, d: f64): f64 {
  return Math.max(blockWorkSize32(kind, k, d), (d + k + 2) * <f64>SLOT);
}
