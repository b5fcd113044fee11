import { activeListsSlots } from '../active';
import { statsSlots } from '../kinds';

// Scratch of the float32 blocked E-step, in 16-byte slots. A block is up to BLOCK_QUADS quads (four rows, one per
// f32x4 lane); dp = d rounded up to even, so a 2-column tile may read one zero column past the end.
//   diffs     BLOCK_QUADS·dp   f32x4  x − μ_j of the current component, quad b at b·dp
//   wDiffs    BLOCK_QUADS·dp   f32x4  r_j · (x − μ_j)
//   resp      BLOCK_QUADS·k    f32x4  log ρ_j, then r_j (weighted and masked), quad b's components at b·k
//   weight    BLOCK_QUADS      f32x4  per-lane weight of the statistics: 1 or the scaled f32 weight, 0 for a lane
//                                    outside the range
//   weight64  2·BLOCK_QUADS    f64x2  per-lane f64 weights of the log-likelihood (rows 4b, 4b + 1, then 4b + 2, 4b + 3)
//   lists     k·(BLOCK_QUADS/2 + 1)  per component, the quads with a nonzero r_j (active.ts)
//   terms     2k                      the current quad's non-negligible log ρ_j − max (f32x4), each with its byte
//                                    offset in resp (u32; exponentiate.ts)
//   accN      k                f64x2  running sums of the statistics: lane 0 holds rows 4b and 4b + 2, lane 1 the others
//   accS      k·d
//   accQ      parameterSize(kind, k, d)

/**
 * Quads per block: each statistic sums BLOCK_QUADS terms per lane in f32 registers before it is added to its f64
 * accumulator, so a block's sum carries at most BLOCK_QUADS roundings of f32 (16 ulp, 1e-6 relative). Fewer quads
 * spend more on the promotions to f64 (8: 15% slower at d = 32); more gain nothing measurable.
 */
export const BLOCK_QUADS: i32 = 16;
const SLOT: usize = 16;

@inline export function paddedColumns32(d: i32): i32 {
  return d + (d & 1);
}

@inline export function blockDiffsOffset32(work: usize): usize {
  return work;
}

@inline export function blockWDiffsOffset32(work: usize, d: i32): usize {
  return work + <usize>(BLOCK_QUADS * paddedColumns32(d)) * SLOT;
}

@inline export function blockRespOffset32(work: usize, d: i32): usize {
  return work + <usize>(2 * BLOCK_QUADS * paddedColumns32(d)) * SLOT;
}

@inline export function blockWeightOffset32(work: usize, k: i32, d: i32): usize {
  return blockRespOffset32(work, d) + <usize>(BLOCK_QUADS * k) * SLOT;
}

@inline export function blockWeight64Offset32(work: usize, k: i32, d: i32): usize {
  return blockWeightOffset32(work, k, d) + <usize>BLOCK_QUADS * SLOT;
}

@inline export function blockListsOffset32(work: usize, k: i32, d: i32): usize {
  return blockWeight64Offset32(work, k, d) + <usize>(2 * BLOCK_QUADS) * SLOT;
}

@inline export function blockTermsOffset32(work: usize, k: i32, d: i32): usize {
  return blockListsOffset32(work, k, d) + <usize>activeListsSlots<i32>(k, BLOCK_QUADS) * SLOT;
}

/** Slots before accN, generic so the JS glue can ask for sizes in f64. */
@inline function slotsBeforeAccumulators<T>(k: T, d: T): T {
  const dp = d + (d % <T>2);
  return <T>(2 * BLOCK_QUADS) * dp + <T>BLOCK_QUADS * k + <T>(3 * BLOCK_QUADS) + activeListsSlots<T>(k, BLOCK_QUADS) + <T>2 * k;
}

@inline export function blockAccNOffset32(work: usize, k: i32, d: i32): usize {
  return work + <usize>slotsBeforeAccumulators<i32>(k, d) * SLOT;
}

@inline export function blockAccSOffset32(work: usize, k: i32, d: i32): usize {
  return blockAccNOffset32(work, k, d) + <usize>k * SLOT;
}

@inline export function blockAccQOffset32(work: usize, k: i32, d: i32): usize {
  return blockAccSOffset32(work, k, d) + <usize>(k * d) * SLOT;
}

/** Bytes of scratch of the blocked E-step for (kind, k, d), in f64 so that no size overflows. */
@inline export function blockWorkSize32(kind: i32, k: f64, d: f64): f64 {
  return (slotsBeforeAccumulators<f64>(k, d) + statsSlots<f64>(kind, k, d)) * <f64>SLOT;
}
