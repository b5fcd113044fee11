import { activeListsSlots } from './active';
import { statsSlots } from './kinds';

// Scratch of the blocked E-step, in f64x2 slots (lane 0: even row of a pair, lane 1: odd row). A block is up to
// BLOCK_PAIRS row pairs; dp = d rounded up to even, so a 2-column tile may read one zero column past the end.
//   xb       dp·BLOCK_PAIRS   the block's rows by column: column c of pair b at xb + c·BLOCK_COLUMN_BYTES + b·16, so
//                             that a tile of neighbouring pairs reads one column at constant offsets from one address
//   diffs    BLOCK_PAIRS·dp   x − μ_j of the current component; spherical: x − g, by column like xb; d ≤ 2
//                             unweighted: pair b's 1/Σ_j e_j (blockInversesOffset)
//   wDiffs   BLOCK_PAIRS·dp   r_j · (x − μ_j); spherical: ‖x − g‖² of pair b at wDiffs + b·16
//   weight   BLOCK_PAIRS      per-lane sample weight (1 without weights; 0 for the missing lane of an odd last row)
//   resp     BLOCK_PAIRS·k    log ρ_j, then r_j (weighted and masked), pair b's components at resp + b·k
//   active   3·BLOCK_PAIRS+1  full, tied: for the current component, the lanes with a nonzero r_j two by two
//                             (lane-pairs.ts)
//   lists    k·(BLOCK_PAIRS/2 + 1)  diag, spherical: per component, the pairs with a nonzero r_j (active.ts)
//   terms    2k               the current pair's non-negligible log ρ_j − max, each with its byte offset in resp
//                             (exponentiate.ts)
//   centre   d·k + k + d      spherical, both lanes alike: μ_j − g (column c of component j at centre + (c·k + j)·16),
//                             ‖μ_j − g‖², then g, the mean of the means (block-spherical.ts)
//   accN     k                per-lane running sums of the statistics, added across lanes at the end of a range
//   accS     k·d
//   accQ     parameterSize(kind, k, d)

/** Row pairs per block: every parameter loaded in the statistics pass is used this many times. */
export const BLOCK_PAIRS: i32 = 32;
const SLOT: usize = 16;
/** Bytes of one column of the block's rows (xb). */
export const BLOCK_COLUMN_BYTES: usize = <usize>BLOCK_PAIRS * SLOT;

@inline export function paddedColumns(d: i32): i32 {
  return d + (d & 1);
}

@inline export function blockRowsOffset(work: usize): usize {
  return work;
}

@inline export function blockDiffsOffset(work: usize, d: i32): usize {
  return work + <usize>(BLOCK_PAIRS * paddedColumns(d)) * SLOT;
}

/** d ≤ 2, unweighted: pair b's 1/Σ_j e_j at + b·16, from pass 2 to the narrow pass 3 (the diffs are not used there). */
@inline export function blockInversesOffset(work: usize, d: i32): usize {
  return blockDiffsOffset(work, d);
}

@inline export function blockWDiffsOffset(work: usize, d: i32): usize {
  return work + <usize>(2 * BLOCK_PAIRS * paddedColumns(d)) * SLOT;
}

@inline export function blockWeightOffset(work: usize, d: i32): usize {
  return work + <usize>(3 * BLOCK_PAIRS * paddedColumns(d)) * SLOT;
}

@inline export function blockRespOffset(work: usize, d: i32): usize {
  return work + <usize>(3 * BLOCK_PAIRS * paddedColumns(d) + BLOCK_PAIRS) * SLOT;
}

@inline export function blockActiveOffset(work: usize, k: i32, d: i32): usize {
  return blockRespOffset(work, d) + <usize>(BLOCK_PAIRS * k) * SLOT;
}

@inline export function blockListsOffset(work: usize, k: i32, d: i32): usize {
  return blockActiveOffset(work, k, d) + <usize>(3 * BLOCK_PAIRS + 1) * SLOT;
}

@inline export function blockTermsOffset(work: usize, k: i32, d: i32): usize {
  return blockListsOffset(work, k, d) + <usize>activeListsSlots<i32>(k, BLOCK_PAIRS) * SLOT;
}

@inline export function blockCentreOffset(work: usize, k: i32, d: i32): usize {
  return blockTermsOffset(work, k, d) + <usize>(2 * k) * SLOT;
}

/** Slots before accN, generic so the JS glue can ask for sizes in f64. */
@inline function slotsBeforeAccumulators<T>(k: T, d: T): T {
  const dp = d + (d % <T>2);
  const lists = activeListsSlots<T>(k, BLOCK_PAIRS);
  return <T>(3 * BLOCK_PAIRS) * dp + <T>BLOCK_PAIRS * k + <T>BLOCK_PAIRS + <T>(3 * BLOCK_PAIRS + 1) + lists + <T>2 * k + d * k + k + d;
}

@inline export function blockAccNOffset(work: usize, k: i32, d: i32): usize {
  return work + <usize>slotsBeforeAccumulators<i32>(k, d) * SLOT;
}

@inline export function blockAccSOffset(work: usize, k: i32, d: i32): usize {
  return blockAccNOffset(work, k, d) + <usize>k * SLOT;
}

@inline export function blockAccQOffset(work: usize, k: i32, d: i32): usize {
  return blockAccSOffset(work, k, d) + <usize>(k * d) * SLOT;
}

/** Bytes of scratch of the blocked E-step for (kind, k, d), in f64 so that no size overflows. */
@inline export function blockWorkSize(kind: i32, k: f64, d: f64): f64 {
  return (slotsBeforeAccumulators<f64>(k, d) + statsSlots<f64>(kind, k, d)) * <f64>SLOT;
}
