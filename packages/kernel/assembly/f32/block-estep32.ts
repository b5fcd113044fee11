import { ACTIVE_ENTRY, activeCount, activeEntries, clearActive, sumListed } from '../active';
import { DIAG, FULL, SPHERICAL, packedSize } from '../kinds';
import { logLanes } from '../lanes';
import {
  BLOCK_QUADS,
  blockAccNOffset32,
  blockAccQOffset32,
  blockAccSOffset32,
  blockListsOffset32,
  blockDiffsOffset32,
  blockRespOffset32,
  blockTermsOffset32,
  blockWDiffsOffset32,
  blockWeight64Offset32,
  blockWeightOffset32,
  paddedColumns32,
} from './block-work32';
import { exponentiateRow, startTermCount } from '../exponentiate';
import { addBlockStatsNarrow, logRhoBlockNarrow } from '../block-narrow';
import { halfNormDiagonal32, halfNormDiagonalFour32 } from './mahalanobis32';
import { halfNormTriangular, halfNormTriangularTwice } from '../mahalanobis';
import { addOuterProducts32, addPromoted } from './tiles32';

// The fused float32 E-step over blocks of up to BLOCK_QUADS quads of the session's data (quad q = rows 4q … 4q + 3,
// one per f32x4 lane, d slots at x + q·d·16), in three passes:
//   1. log ρ_j = logConst_j − ½‖(x − μ_j)ᵀU_j‖² for every quad, component by component, in f32;
//   2. r_j = exp(log ρ_j − max) / Σ_i exp(log ρ_i − max), times the lane's weight (0 for a lane outside the
//      range), and Σ w log p in f64;
//   3. per component, N, S and Q summed over the block in f32 registers, then added to f64 accumulators, over the
//      quads pass 2 listed for the component (active.ts).

const ZERO: v128 = f32x4.splat(0);
const ONE: v128 = f32x4.splat(1);
const ONE64: v128 = f64x2.splat(1);
const SLOT: usize = 16;
const LANE_INDEX: v128 = i32x4(0, 1, 2, 3);

/** All ones in the lanes of rows 4q + l within [start, end), zero bits elsewhere. */
@inline function rangeMask(quad: i32, start: i32, end: i32): v128 {
  const rows = i32x4.add(i32x4.splat(quad << 2), LANE_INDEX);
  return v128.and(i32x4.ge_s(rows, i32x4.splat(start)), i32x4.lt_s(rows, i32x4.splat(end)));
}

/**
 * Sets the per-lane weights of the block's quads: f32 (the statistics) from `weights32`, or 1 unweighted, and f64
 * (the log-likelihood) from `weights`; 0 for a lane outside [start, end).
 */
@inline function loadWeights(
  firstQuad: i32,
  quads: i32,
  start: i32,
  end: i32,
  weights: usize,
  weights32: usize,
  k: i32,
  d: i32,
  work: usize,
): void {
  const weight = blockWeightOffset32(work, k, d);
  const weight64 = blockWeight64Offset32(work, k, d);
  for (let b = 0; b < quads; b++) {
    const q = firstQuad + b;
    const mask = rangeMask(q, start, end);
    const o = <usize>b << 4;
    if (weights) {
      v128.store(weight + o, v128.and(v128.load(weights32 + (<usize>q << 4)), mask));
      const w = weights + (<usize>q << 5);
      v128.store(weight64 + (o << 1), v128.and(v128.load(w), i64x2.extend_low_i32x4_s(mask)));
      v128.store(weight64 + (o << 1), v128.and(v128.load(w, 16), i64x2.extend_high_i32x4_s(mask)), 16);
    } else {
      v128.store(weight + o, v128.and(ONE, mask));
    }
  }
}

/** Pass 1: resp[b][j] = log ρ_j of quad b. */
@inline function logRhoBlock(
  kind: i32,
  block: usize,
  d: i32,
  k: i32,
  quads: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  work: usize,
): void {
  const xStride = <usize>d << 4;
  const stride = <usize>paddedColumns32(d) << 4;
  const diffs = blockDiffsOffset32(work);
  const respStride = <usize>k << 4;
  for (let j = 0; j < k; j++) {
    const mean = means + (<usize>(j * d) << 2);
    const c0 = v128.load32_splat(logConst + (<usize>j << 2));
    let out = blockRespOffset32(work, d) + (<usize>j << 4);
    if (kind == DIAG || kind == SPHERICAL) {
      const u = kind == DIAG ? precChol + (<usize>(j * d) << 2) : precChol + (<usize>j << 2);
      let row = block;
      let b = 0;
      for (; b + 3 < quads; b += 4) {
        halfNormDiagonalFour32(kind == SPHERICAL, row, xStride, mean, u, d, out, respStride);
        for (let t: usize = 0; t < 4; t++) {
          const at = out + t * respStride;
          v128.store(at, f32x4.sub(c0, v128.load(at)));
        }
        out += respStride << 2;
        row += xStride << 2;
      }
      for (; b < quads; b++) {
        v128.store(out, f32x4.sub(c0, halfNormDiagonal32(kind == SPHERICAL, row, mean, u, d)));
        out += respStride;
        row += xStride;
      }
    } else {
      const U = kind == FULL ? precChol + (<usize>(j * packedSize<i32>(d)) << 2) : precChol;
      for (let c = 0; c < d; c++) {
        const mu = v128.load32_splat(mean + (<usize>c << 2));
        for (let b = 0; b < quads; b++) {
          v128.store(diffs + <usize>b * stride + (<usize>c << 4), f32x4.sub(v128.load(block + <usize>b * xStride + (<usize>c << 4)), mu));
        }
      }
      let diff = diffs;
      let b = 0;
      for (; b + 1 < quads; b += 2) {
        halfNormTriangularTwice<f32>(diff, diff + stride, U, d, out, out + respStride);
        v128.store(out, f32x4.sub(c0, v128.load(out)));
        v128.store(out + respStride, f32x4.sub(c0, v128.load(out + respStride)));
        out += respStride << 1;
        diff += stride << 1;
      }
      if (b < quads) v128.store(out, f32x4.sub(c0, halfNormTriangular<f32>(diff, U, d)));
    }
  }
}

/** log of the four lanes of a positive f32x4, in f64: lanes 0, 1 (`high` false) or 2, 3. */
@inline function logHalf(v: v128, high: bool): v128 {
  return logLanes(f64x2.promote_low_f32x4(high ? f32x4.shuffle(v, v, 2, 3, 0, 1) : v));
}

/**
 * Pass 2: turns resp[b][j] into r_j times the lane's weight (zero where the weight is 0, whatever the density)
 * and returns the block's Σ w log p per f64 lane (rows 4b + l and 4b + l + 2 in lane l). Unweighted,
 * Σ log p = Σ max + log Π Σ_j e_j: one log per lane per block. The exps: exponentiate.ts; with `list`, they also
 * list each component's active quads (data in `block`) for pass 3 (active.ts).
 */
@inline function responsibilitiesBlock(weighted: bool, list: bool, block: usize, k: i32, quads: i32, d: i32, work: usize): v128 {
  const weight = blockWeightOffset32(work, k, d);
  const weight64 = blockWeight64Offset32(work, k, d);
  const terms = blockTermsOffset32(work, k, d);
  const lists = list ? blockListsOffset32(work, k, d) : 0;
  if (list) clearActive(lists, BLOCK_QUADS, k);
  startTermCount();
  let row = blockRespOffset32(work, d);
  let logLikelihood = f64x2.splat(0);
  let maxSum = f64x2.splat(0);
  let productLow = ONE64;
  let productHigh = ONE64;
  for (let b = 0; b < quads; b++) {
    let max = f32x4.splat(-Infinity);
    // pmax(max, v) = max < v ? v : max (NaN never becomes the maximum).
    for (let j = 0; j < k; j++) max = f32x4.pmax(max, v128.load(row + (<usize>j << 4)));
    const sum = exponentiateRow<f32>(b, k, row, max, terms, lists, BLOCK_QUADS, block + <usize>b * (<usize>d << 4));
    const w = v128.load(weight + (<usize>b << 4));
    const keep = f32x4.ne(w, ZERO);
    const inverse = f32x4.div(ONE, sum);
    for (let j = 0; j < k; j++) {
      const at = row + (<usize>j << 4);
      const e = v128.load(at);
      let r = v128.and(f32x4.mul(e, inverse), keep);
      if (weighted) r = f32x4.mul(r, w);
      v128.store(at, r);
    }
    if (weighted) {
      // Per row: the f64 weight times max + log Σ e_j, zero where the weight is 0 (0 · −∞ would be NaN).
      const wLow = v128.load(weight64 + (<usize>b << 5));
      const wHigh = v128.load(weight64 + (<usize>b << 5), 16);
      const low = f64x2.add(f64x2.promote_low_f32x4(max), logHalf(sum, false));
      const high = f64x2.add(f64x2.promote_low_f32x4(f32x4.shuffle(max, max, 2, 3, 0, 1)), logHalf(sum, true));
      logLikelihood = f64x2.add(logLikelihood, v128.and(f64x2.mul(low, wLow), f64x2.ne(wLow, f64x2.splat(0))));
      logLikelihood = f64x2.add(logLikelihood, v128.and(f64x2.mul(high, wHigh), f64x2.ne(wHigh, f64x2.splat(0))));
    } else {
      const kept = v128.and(max, keep);
      maxSum = f64x2.add(maxSum, f64x2.promote_low_f32x4(kept));
      maxSum = f64x2.add(maxSum, f64x2.promote_low_f32x4(f32x4.shuffle(kept, kept, 2, 3, 0, 1)));
      // Σ_j e_j lies in [1, k], k < 2^31: a product of 2·BLOCK_QUADS = 32 of them stays below 2^992, within f64.
      const sums = v128.bitselect(sum, ONE, keep);
      productLow = f64x2.mul(productLow, f64x2.promote_low_f32x4(sums));
      productHigh = f64x2.mul(productHigh, f64x2.promote_low_f32x4(f32x4.shuffle(sums, sums, 2, 3, 0, 1)));
    }
    row += <usize>k * SLOT;
  }
  return weighted ? logLikelihood : f64x2.add(maxSum, logLanes(f64x2.mul(productLow, productHigh)));
}

/**
 * Adds S and Q of column c, and of column c + 1 when `two` (four independent sums sharing each responsibility
 * load), over the active quads; each block sum is promoted to f64 on its own (spherical: qAt0 = qAt1).
 */
@inline function addColumnMoments32(
  two: bool,
  active: usize,
  count: i32,
  mean: usize,
  c: i32,
  sRow: usize,
  qAt0: usize,
  qAt1: usize,
): void {
  const column = <usize>c << 4;
  const mu0 = v128.load32_splat(mean + (<usize>c << 2));
  const mu1 = two ? v128.load32_splat(mean + (<usize>c << 2), 4) : ZERO;
  let s0 = ZERO;
  let q0 = ZERO;
  let s1 = ZERO;
  let q1 = ZERO;
  for (let t = 0; t < count; t++) {
    const entry = active + <usize>t * ACTIVE_ENTRY;
    const r = v128.load(load<u32>(entry, 4));
    const at = <usize>load<u32>(entry) + column;
    const diff0 = f32x4.sub(v128.load(at), mu0);
    const w0 = f32x4.mul(r, diff0);
    s0 = f32x4.add(s0, w0);
    q0 = f32x4.add(q0, f32x4.mul(w0, diff0));
    if (two) {
      const diff1 = f32x4.sub(v128.load(at, 16), mu1);
      const w1 = f32x4.mul(r, diff1);
      s1 = f32x4.add(s1, w1);
      q1 = f32x4.add(q1, f32x4.mul(w1, diff1));
    }
  }
  addPromoted(sRow + column, s0);
  addPromoted(qAt0, q0);
  if (two) {
    addPromoted(sRow + column + SLOT, s1);
    addPromoted(qAt1, q1);
  }
}

/**
 * Pass 3, diag and spherical: N, S and Q (per column, or summed over the columns: each column's block sum promoted
 * first) straight from the active quads.
 */
@inline function addBlockStatsSeparable(kind: i32, d: i32, k: i32, means: usize, work: usize): void {
  const lists = blockListsOffset32(work, k, d);
  const accN = blockAccNOffset32(work, k, d);
  const accS = blockAccSOffset32(work, k, d);
  const accQ = blockAccQOffset32(work, k, d);
  for (let j = 0; j < k; j++) {
    const count = activeCount(lists, BLOCK_QUADS, j);
    if (count == 0) continue;
    const active = activeEntries(lists, BLOCK_QUADS, j);
    addPromoted(accN + (<usize>j << 4), sumListed<f32>(active, count));
    const mean = means + (<usize>(j * d) << 2);
    const sRow = accS + (<usize>(j * d) << 4);
    const qRow = accQ + (<usize>(kind == DIAG ? j * d : j) << 4);
    const qStep: usize = kind == DIAG ? SLOT : 0;
    let c = 0;
    for (; c + 1 < d; c += 2) {
      const q0 = qRow + <usize>c * qStep;
      addColumnMoments32(true, active, count, mean, c, sRow, q0, q0 + qStep);
    }
    if (c < d) {
      const q0 = qRow + <usize>c * qStep;
      addColumnMoments32(false, active, count, mean, c, sRow, q0, q0);
    }
  }
}

/** Pass 3, full and tied: N, S and Q over the active quads (r_j below e^-20 is flushed to 0), Q by tiles. */
@inline function addBlockStatsTriangular(kind: i32, d: i32, k: i32, means: usize, work: usize): void {
  const stride = <usize>paddedColumns32(d) << 4;
  const diffs = blockDiffsOffset32(work);
  const wDiffs = blockWDiffsOffset32(work, d);
  const lists = blockListsOffset32(work, k, d);
  const accN = blockAccNOffset32(work, k, d);
  const accS = blockAccSOffset32(work, k, d);
  const accQ = blockAccQOffset32(work, k, d);
  for (let j = 0; j < k; j++) {
    const count = activeCount(lists, BLOCK_QUADS, j);
    if (count == 0) continue;
    const active = activeEntries(lists, BLOCK_QUADS, j);
    addPromoted(accN + (<usize>j << 4), sumListed<f32>(active, count));
    const mean = means + (<usize>(j * d) << 2);
    const sRow = accS + (<usize>(j * d) << 4);
    for (let c = 0; c < d; c++) {
      const mu = v128.load32_splat(mean + (<usize>c << 2));
      const column = <usize>c << 4;
      let s = ZERO;
      for (let t = 0; t < count; t++) {
        const entry = active + <usize>t * ACTIVE_ENTRY;
        const diff = f32x4.sub(v128.load(<usize>load<u32>(entry) + column), mu);
        const w = f32x4.mul(v128.load(load<u32>(entry, 4)), diff);
        s = f32x4.add(s, w);
        const at = <usize>t * stride + column;
        v128.store(diffs + at, diff);
        v128.store(wDiffs + at, w);
      }
      addPromoted(sRow + column, s);
    }
    addOuterProducts32(d, count, diffs, wDiffs, kind == FULL ? accQ + (<usize>(j * packedSize<i32>(d)) << 4) : accQ);
  }
}

/** Zeroes the padding column (index d, odd d only) of every quad in diffs and wDiffs. */
@inline function zeroPadding(d: i32, work: usize): void {
  if ((d & 1) == 0) return;
  const stride = <usize>paddedColumns32(d) << 4;
  const pad = <usize>d << 4;
  for (let b: usize = 0; b < <usize>BLOCK_QUADS; b++) {
    v128.store(blockDiffsOffset32(work) + b * stride + pad, ZERO);
    v128.store(blockWDiffsOffset32(work, d) + b * stride + pad, ZERO);
  }
}

/**
 * Σ w log p per f64 lane over rows [start, end) of the data x (in quads), the statistics left in the f64
 * accumulators of `work` (zeroed by the caller). Blocks start at the quad of `start`; `weights` = 0: unweighted.
 */
@inline export function eStepBlocks32(
  kind: i32,
  x: usize,
  d: i32,
  k: i32,
  start: i32,
  end: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  work: usize,
  weights: usize,
  weights32: usize,
): v128 {
  zeroPadding(d, work);
  // For the narrow passes (d ≤ 2): quad b's column c at block + (b·d + c)·16.
  const resp = blockRespOffset32(work, d);
  const accN = blockAccNOffset32(work, k, d);
  const accS = blockAccSOffset32(work, k, d);
  const accQ = blockAccQOffset32(work, k, d);
  // The statistics passes for d > 2 walk the quads pass 2 lists (the narrow passes walk every quad).
  const list = d > 2;
  let logLikelihood = f64x2.splat(0);
  const endQuad = (end + 3) >> 2;
  for (let firstQuad = start >> 2; firstQuad < endQuad; firstQuad += BLOCK_QUADS) {
    const quads = min(BLOCK_QUADS, endQuad - firstQuad);
    const block = x + <usize>firstQuad * (<usize>d << 4);
    loadWeights(firstQuad, quads, start, end, weights, weights32, k, d, work);
    if (d == 1) logRhoBlockNarrow<f32>(kind, 1, block, 16, 16, k, quads, means, precChol, logConst, resp);
    else if (d == 2) logRhoBlockNarrow<f32>(kind, 2, block, 32, 16, k, quads, means, precChol, logConst, resp);
    else logRhoBlock(kind, block, d, k, quads, means, precChol, logConst, work);
    const blockLogLikelihood = weights
      ? list
        ? responsibilitiesBlock(true, true, block, k, quads, d, work)
        : responsibilitiesBlock(true, false, block, k, quads, d, work)
      : list
        ? responsibilitiesBlock(false, true, block, k, quads, d, work)
        : responsibilitiesBlock(false, false, block, k, quads, d, work);
    logLikelihood = f64x2.add(logLikelihood, blockLogLikelihood);
    if (d == 1) addBlockStatsNarrow<f32>(kind, 1, block, 16, 16, k, quads, means, resp, 0, accN, accS, accQ);
    else if (d == 2) addBlockStatsNarrow<f32>(kind, 2, block, 32, 16, k, quads, means, resp, 0, accN, accS, accQ);
    else if (kind == DIAG || kind == SPHERICAL) addBlockStatsSeparable(kind, d, k, means, work);
    else addBlockStatsTriangular(kind, d, k, means, work);
  }
  return logLikelihood;
}
