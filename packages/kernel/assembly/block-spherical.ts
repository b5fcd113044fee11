import {
  BLOCK_COLUMN_BYTES,
  blockCentreOffset,
  blockDiffsOffset,
  blockRespOffset,
  blockWDiffsOffset,
} from './block-work';
import { readAhead } from './read-ahead';

// Pass 1 of the blocked E-step (block-estep.ts) for spherical covariances and d > 2, by the expansion
// ‖x − μ_j‖² = ‖x'‖² − 2·x'·μ'_j + ‖μ'_j‖² with x' = x − g, μ'_j = μ_j − g and g the mean of the means:
// - per column, the dot products take a multiply and an add where the direct form also subtracts, and a tile of two
//   components and four pairs shares every load;
// - centring on g keeps the cancellation small: the rounding error is about ε·(‖x'‖² + ‖μ'_j‖²), that is relative to
//   the data's spread around the means and not to its distance from the origin (scikit-learn expands around 0).

const ZERO: v128 = f64x2.splat(0);
const SLOT: usize = 16;

/** Fills the block's `centre` scratch for these means: μ_j − g by column, ‖μ_j − g‖², then g. */
@inline export function centreMeans(d: i32, k: i32, means: usize, work: usize): void {
  const centred = blockCentreOffset(work, k, d);
  const meanNorms = centred + <usize>(d * k) * SLOT;
  const centre = meanNorms + <usize>k * SLOT;
  for (let c = 0; c < d; c++) {
    let sum: f64 = 0;
    for (let j = 0; j < k; j++) sum += load<f64>(means + (<usize>(j * d + c) << 3));
    v128.store(centre + <usize>c * SLOT, f64x2.splat(sum / <f64>k));
  }
  for (let j = 0; j < k; j++) {
    let norm: f64 = 0;
    for (let c = 0; c < d; c++) {
      const value = load<f64>(means + (<usize>(j * d + c) << 3)) - load<f64>(centre + <usize>c * SLOT);
      v128.store(centred + <usize>(c * k + j) * SLOT, f64x2.splat(value));
      norm += value * value;
    }
    v128.store(meanNorms + <usize>j * SLOT, f64x2.splat(norm));
  }
}

/** x − g of one pair's column at `at` (in the rows), stored at the same place in diffs; returns its square added to `sum`. */
@inline function centreColumn(at: usize, diffsFromRows: usize, g: v128, sum: v128): v128 {
  const centred = f64x2.sub(v128.load(at), g);
  v128.store(at + diffsFromRows, centred);
  return f64x2.add(sum, f64x2.mul(centred, centred));
}

/** diffs = the block's rows (laid out as xb) minus g and wDiffs[b] = ‖x − g‖² of pair b, four pairs at a time. */
@inline function centreRows(d: i32, k: i32, pairs: i32, rows: usize, work: usize): void {
  // Addresses are u32: the offset wraps around where the rows lie above diffs (in x), and adding it wraps back.
  const diffsFromRows = blockDiffsOffset(work, d) - rows;
  const norms = blockWDiffsOffset(work, d);
  const centre = blockCentreOffset(work, k, d) + <usize>(d * k + k) * SLOT;
  const end = centre + <usize>d * SLOT;
  let b = 0;
  for (; b + 3 < pairs; b += 4) {
    let sum0 = ZERO;
    let sum1 = ZERO;
    let sum2 = ZERO;
    let sum3 = ZERO;
    let at = rows + (<usize>b << 4);
    for (let g = centre; g < end; g += SLOT) {
      const value = v128.load(g);
      sum0 = centreColumn(at, diffsFromRows, value, sum0);
      sum1 = centreColumn(at + SLOT, diffsFromRows, value, sum1);
      sum2 = centreColumn(at + 2 * SLOT, diffsFromRows, value, sum2);
      sum3 = centreColumn(at + 3 * SLOT, diffsFromRows, value, sum3);
      at += BLOCK_COLUMN_BYTES;
    }
    const out = norms + (<usize>b << 4);
    v128.store(out, sum0);
    v128.store(out, sum1, SLOT);
    v128.store(out, sum2, 2 * SLOT);
    v128.store(out, sum3, 3 * SLOT);
  }
  for (; b < pairs; b++) {
    let sum = ZERO;
    let at = rows + (<usize>b << 4);
    for (let g = centre; g < end; g += SLOT) {
      sum = centreColumn(at, diffsFromRows, v128.load(g), sum);
      at += BLOCK_COLUMN_BYTES;
    }
    v128.store(norms + (<usize>b << 4), sum);
  }
}

/** log ρ = c0 − ½u²·(‖x'‖² − 2·x'·μ' + ‖μ'‖²), stored at out (`half` = ½u², both lanes). */
@inline function storeLogRho(norm: v128, dot: v128, meanNorm: v128, half: v128, c0: v128, out: usize): void {
  const squared = f64x2.add(f64x2.sub(norm, f64x2.add(dot, dot)), meanNorm);
  v128.store(out, f64x2.sub(c0, f64x2.mul(half, squared)));
}

/**
 * log ρ of component j (and j + 1 with `two`) for one pair (four with `four`) from `pair` (its offset in the block,
 * 16 bytes per pair): eight independent chains of adds at most, which keep both adders busy.
 */
@inline function logRhoTile(two: bool, four: bool, d: i32, k: i32, j: i32, pair: usize, precChol: usize, logConst: usize, work: usize): void {
  let a0 = ZERO;
  let a1 = ZERO;
  let a2 = ZERO;
  let a3 = ZERO;
  let b0 = ZERO;
  let b1 = ZERO;
  let b2 = ZERO;
  let b3 = ZERO;
  const columnStride = <usize>k * SLOT;
  let at = blockDiffsOffset(work, d) + pair;
  let mean = blockCentreOffset(work, k, d) + <usize>j * SLOT;
  for (let c = 0; c < d; c++) {
    const muA = v128.load(mean);
    const muB = two ? v128.load(mean, SLOT) : ZERO;
    const x0 = v128.load(at);
    a0 = f64x2.add(a0, f64x2.mul(x0, muA));
    if (two) b0 = f64x2.add(b0, f64x2.mul(x0, muB));
    if (four) {
      const x1 = v128.load(at, SLOT);
      a1 = f64x2.add(a1, f64x2.mul(x1, muA));
      if (two) b1 = f64x2.add(b1, f64x2.mul(x1, muB));
      const x2 = v128.load(at, 2 * SLOT);
      a2 = f64x2.add(a2, f64x2.mul(x2, muA));
      if (two) b2 = f64x2.add(b2, f64x2.mul(x2, muB));
      const x3 = v128.load(at, 3 * SLOT);
      a3 = f64x2.add(a3, f64x2.mul(x3, muA));
      if (two) b3 = f64x2.add(b3, f64x2.mul(x3, muB));
    }
    at += BLOCK_COLUMN_BYTES;
    mean += columnStride;
  }
  const norms = blockWDiffsOffset(work, d) + pair;
  const meanNorms = blockCentreOffset(work, k, d) + <usize>(d * k + j) * SLOT;
  const respStride = <usize>k * SLOT;
  const out = blockRespOffset(work, d) + (pair >> 4) * respStride + (<usize>j << 4);
  const uA = load<f64>(precChol + (<usize>j << 3));
  const halfA = f64x2.splat(0.5 * uA * uA);
  const cA = v128.load64_splat(logConst + (<usize>j << 3));
  const normA = v128.load(meanNorms);
  storeLogRho(v128.load(norms), a0, normA, halfA, cA, out);
  if (four) {
    storeLogRho(v128.load(norms, SLOT), a1, normA, halfA, cA, out + respStride);
    storeLogRho(v128.load(norms, 2 * SLOT), a2, normA, halfA, cA, out + 2 * respStride);
    storeLogRho(v128.load(norms, 3 * SLOT), a3, normA, halfA, cA, out + 3 * respStride);
  }
  if (two) {
    const uB = load<f64>(precChol + (<usize>j << 3), 8);
    const halfB = f64x2.splat(0.5 * uB * uB);
    const cB = v128.load64_splat(logConst + (<usize>j << 3), 8);
    const normB = v128.load(meanNorms, SLOT);
    storeLogRho(v128.load(norms), b0, normB, halfB, cB, out + SLOT);
    if (four) {
      storeLogRho(v128.load(norms, SLOT), b1, normB, halfB, cB, out + SLOT + respStride);
      storeLogRho(v128.load(norms, 2 * SLOT), b2, normB, halfB, cB, out + SLOT + 2 * respStride);
      storeLogRho(v128.load(norms, 3 * SLOT), b3, normB, halfB, cB, out + SLOT + 3 * respStride);
    }
  }
}

/** log ρ of components j (and j + 1 with `two`) for every pair of the block, reading ahead per tile. */
@inline function logRhoComponents(two: bool, d: i32, k: i32, j: i32, pairs: i32, precChol: usize, logConst: usize, work: usize): void {
  let b = 0;
  for (; b + 3 < pairs; b += 4) {
    readAhead();
    if (two) readAhead();
    logRhoTile(two, true, d, k, j, <usize>b << 4, precChol, logConst, work);
  }
  for (; b < pairs; b++) logRhoTile(two, false, d, k, j, <usize>b << 4, precChol, logConst, work);
}

/**
 * Pass 1, spherical, d > 2 (after centreMeans for these means): resp[b][j] = log ρ_j of pair b, the next block's
 * rows read ahead tile by tile (read-ahead.ts, twice per tile of two components).
 */
@inline export function logRhoBlockSpherical(d: i32, k: i32, pairs: i32, precChol: usize, logConst: usize, rows: usize, work: usize): void {
  centreRows(d, k, pairs, rows, work);
  let j = 0;
  for (; j + 1 < k; j += 2) logRhoComponents(true, d, k, j, pairs, precChol, logConst, work);
  if (j < k) logRhoComponents(false, d, k, j, pairs, precChol, logConst, work);
}
