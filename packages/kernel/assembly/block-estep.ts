import { ACTIVE_ENTRY, activeCount, activeEntries, clearActive, sumListed } from './active';
import { DIAG, FULL, SPHERICAL, packedSize } from './kinds';
import { logLanes } from './lanes';
import { halfNormTriangular, halfNormTriangularTwice } from './mahalanobis';
import { addOuterProducts, addTo } from './block-moments';
import { addBlockStatsNarrow, logRhoBlockNarrow } from './block-narrow';
import { exponentiateRow, startTermCount } from './exponentiate';
import { centreMeans, logRhoBlockSpherical } from './block-spherical';
import { LANE_PAIR_ENTRY, lanePairValues, pairActiveLanes } from './lane-pairs';
import { columnStride, readsInPlace, rowAddress, storedBlockBytes, storedEnd } from './data-layout';
import { readAhead, setReadAheadPace, startReadAhead } from './read-ahead';
import {
  BLOCK_COLUMN_BYTES,
  BLOCK_PAIRS,
  blockAccNOffset,
  blockAccQOffset,
  blockAccSOffset,
  blockActiveOffset,
  blockListsOffset,
  blockDiffsOffset,
  blockInversesOffset,
  blockRespOffset,
  blockRowsOffset,
  blockTermsOffset,
  blockWDiffsOffset,
  blockWeightOffset,
  paddedColumns,
} from './block-work';

// The fused E-step over blocks of up to BLOCK_PAIRS row pairs (two rows per f64x2, one per lane), in three
// passes so that each parameter and each accumulator is touched once per block instead of once per row:
//   1. log ρ_j = logConst_j − ½‖(x − μ_j)ᵀU_j‖² for every pair, component by component;
//   2. r_j = exp(log ρ_j − max) / Σ_i exp(log ρ_i − max), times the lane's weight (0 for a missing lane);
//   3. per component, N, S and Q summed over the block in registers, then added to the per-lane accumulators.

const ZERO: v128 = f64x2.splat(0);
const ONE: v128 = f64x2.splat(1);
const SLOT: usize = 16;

/** Sets the block's lane weights: `weights` (0 = unweighted: 1), or 0 for a lane past `end`. */
@inline function loadWeights(d: i32, first: i32, end: i32, pairs: i32, weights: usize, work: usize): void {
  const weight = blockWeightOffset(work, d);
  for (let b = 0; b < pairs; b++) {
    const i = first + 2 * b;
    const hasB = i + 1 < end;
    let w = ONE;
    if (weights) {
      const at = weights + (<usize>i << 3);
      w = f64x2.replace_lane(f64x2.splat(load<f64>(at)), 1, hasB ? load<f64>(at, 8) : 0);
    } else if (!hasB) {
      w = f64x2.replace_lane(ONE, 1, 0);
    }
    v128.store(weight + (<usize>b << 4), w);
  }
}

/**
 * Copies rows [first, first + 2·pairs) ∩ [first, end) of x into the block's pair slots (a lone last row fills
 * both lanes) and sets the lanes' weights: for a range that does not start where x's pairs or blocks do
 * (data-layout.ts), so that its pairs straddle the stored ones.
 */
@inline function loadBlock(x: usize, d: i32, first: i32, end: i32, pairs: i32, weights: usize, work: usize): void {
  const stride = columnStride(d);
  let slot = blockRowsOffset(work);
  for (let b = 0; b < pairs; b++) {
    const i = first + 2 * b;
    const rowA = rowAddress(x, d, i);
    const rowB = i + 1 < end ? rowAddress(x, d, i + 1) : rowA;
    let column = slot;
    for (let c = 0; c < d; c++) {
      const at = <usize>c * stride;
      v128.store(column, f64x2.replace_lane(f64x2.splat(load<f64>(rowA + at)), 1, load<f64>(rowB + at)));
      column += BLOCK_COLUMN_BYTES;
    }
    slot += SLOT;
  }
  loadWeights(d, first, end, pairs, weights, work);
}

/** Zeroes the padding column (index d, odd d only) of every pair in the three per-pair buffers (x stores its own). */
@inline function zeroPadding(d: i32, work: usize): void {
  if ((d & 1) == 0) return;
  const stride = <usize>paddedColumns(d) * SLOT;
  const pad = <usize>d * SLOT;
  for (let b: usize = 0; b < <usize>BLOCK_PAIRS; b++) {
    v128.store(blockRowsOffset(work) + <usize>d * BLOCK_COLUMN_BYTES + b * SLOT, ZERO);
    v128.store(blockDiffsOffset(work, d) + b * stride + pad, ZERO);
    v128.store(blockWDiffsOffset(work, d) + b * stride + pad, ZERO);
  }
}

/** diffs[b][c] = x[b][c] − μ_c for every pair of the block's rows (laid out as xb). */
@inline function subtractMean(d: i32, pairs: i32, mean: usize, rows: usize, work: usize): void {
  const stride = <usize>paddedColumns(d) * SLOT;
  const diffs = blockDiffsOffset(work, d);
  for (let c = 0; c < d; c++) {
    const mu = v128.load64_splat(mean + (<usize>c << 3));
    const column = rows + <usize>c * BLOCK_COLUMN_BYTES;
    let at = <usize>c * SLOT;
    for (let b = 0; b < pairs; b++) {
      v128.store(diffs + at, f64x2.sub(v128.load(column + (<usize>b << 4)), mu));
      at += stride;
    }
  }
}

/** y² of one pair's column at `at`, y = (x_c − μ_c)·u_c. */
@inline function diagSquare(at: usize, mu: v128, uc: v128): v128 {
  const y = f64x2.mul(f64x2.sub(v128.load(at), mu), uc);
  return f64x2.mul(y, y);
}

/**
 * Diag: log ρ = c0 − ½ Σ_c ((x_c − μ_c)·u_c)² of the pair whose column 0 is at `pair` (stored at out), or with
 * `four` of the four pairs from there (stored at out + t·respStride): the operations of the scores' halfNorm in the
 * same order. Four sums are four independent chains of adds, which keep the adder busy where one would wait on each
 * add, and they share the parameter loads.
 */
@inline function diagLogRho(four: bool, pair: usize, mean: usize, u: usize, c0: v128, d: i32, out: usize, respStride: usize): void {
  let sum0 = ZERO;
  let sum1 = ZERO;
  let sum2 = ZERO;
  let sum3 = ZERO;
  // Pointers that step by constants: no address arithmetic per column beyond three adds.
  let at = pair;
  let uc = u;
  const end = mean + (<usize>d << 3);
  for (let m = mean; m < end; m += 8) {
    const mu = v128.load64_splat(m);
    const scale = v128.load64_splat(uc);
    sum0 = f64x2.add(sum0, diagSquare(at, mu, scale));
    if (four) {
      sum1 = f64x2.add(sum1, diagSquare(at + SLOT, mu, scale));
      sum2 = f64x2.add(sum2, diagSquare(at + 2 * SLOT, mu, scale));
      sum3 = f64x2.add(sum3, diagSquare(at + 3 * SLOT, mu, scale));
    }
    at += BLOCK_COLUMN_BYTES;
    uc += 8;
  }
  const half = f64x2.splat(0.5);
  v128.store(out, f64x2.sub(c0, f64x2.mul(half, sum0)));
  if (four) {
    v128.store(out + respStride, f64x2.sub(c0, f64x2.mul(half, sum1)));
    v128.store(out + 2 * respStride, f64x2.sub(c0, f64x2.mul(half, sum2)));
    v128.store(out + 3 * respStride, f64x2.sub(c0, f64x2.mul(half, sum3)));
  }
}

/**
 * Pass 1 for full, tied and diag (spherical: block-spherical.ts): resp[b][j] = log ρ_j of pair b of the block's rows
 * (laid out as xb), the next block's rows read ahead tile by tile (read-ahead.ts).
 */
@inline function logRhoBlock(kind: i32, d: i32, k: i32, pairs: i32, means: usize, precChol: usize, logConst: usize, rows: usize, work: usize): void {
  const stride = <usize>paddedColumns(d) * SLOT;
  const diffs = blockDiffsOffset(work, d);
  const resp = blockRespOffset(work, d);
  const respStride = <usize>k * SLOT;
  for (let j = 0; j < k; j++) {
    const mean = means + (<usize>(j * d) << 3);
    const c0 = v128.load64_splat(logConst + (<usize>j << 3));
    let out = resp + (<usize>j << 4);
    if (kind == DIAG) {
      const u = precChol + (<usize>(j * d) << 3);
      let pair = rows;
      let b = 0;
      for (; b + 3 < pairs; b += 4) {
        readAhead();
        diagLogRho(true, pair, mean, u, c0, d, out, respStride);
        out += respStride << 2;
        pair += 4 * SLOT;
      }
      for (; b < pairs; b++) {
        diagLogRho(false, pair, mean, u, c0, d, out, respStride);
        out += respStride;
        pair += SLOT;
      }
    } else {
      const U = kind == FULL ? precChol + (<usize>(j * packedSize<i32>(d)) << 3) : precChol;
      subtractMean(d, pairs, mean, rows, work);
      let diff = diffs;
      let b = 0;
      for (; b + 1 < pairs; b += 2) {
        readAhead();
        halfNormTriangularTwice<f64>(diff, diff + stride, U, d, out, out + respStride);
        v128.store(out, f64x2.sub(c0, v128.load(out)));
        v128.store(out + respStride, f64x2.sub(c0, v128.load(out + respStride)));
        out += respStride << 1;
        diff += stride << 1;
      }
      if (b < pairs) v128.store(out, f64x2.sub(c0, halfNormTriangular<f64>(diff, U, d)));
    }
  }
}

/**
 * Pass 2: turns resp[b][j] into r_j times the lane's weight (zero where the weight is 0, whatever the density)
 * and returns the block's Σ w log p per lane. Unweighted, Σ log p = Σ max + log Π Σ_j e_j: one log per block.
 * The exps: exponentiate.ts; with `list`, they also list each component's active pairs of `rows` for pass 3
 * (active.ts).
 * With `deferred` (unweighted, d ≤ 2) resp keeps e_j and pair b's factor 1/Σ_j e_j goes to inverses[b]: the narrow
 * pass 3 multiplies as it reads, which saves a pass over resp (a tenth of the E-step at d = 2, k = 5).
 */
@inline function responsibilitiesBlock(weighted: bool, list: bool, deferred: bool, k: i32, pairs: i32, d: i32, rows: usize, work: usize): v128 {
  const weight = blockWeightOffset(work, d);
  const terms = blockTermsOffset(work, k, d);
  const lists = list ? blockListsOffset(work, k, d) : 0;
  const inverses = blockInversesOffset(work, d);
  if (list) clearActive(lists, BLOCK_PAIRS, k);
  startTermCount();
  let row = blockRespOffset(work, d);
  let logLikelihood = ZERO;
  let maxSum = ZERO;
  let product = ONE;
  for (let b = 0; b < pairs; b++) {
    let max = f64x2.splat(-Infinity);
    // pmax(max, v) = max < v ? v : max, the reference's comparison (NaN never becomes the maximum).
    for (let j = 0; j < k; j++) max = f64x2.pmax(max, v128.load(row + (<usize>j << 4)));
    const sum = exponentiateRow<f64>(b, k, row, max, terms, lists, BLOCK_PAIRS, rows + (<usize>b << 4));
    const w = v128.load(weight + (<usize>b << 4));
    const keep = f64x2.ne(w, ZERO);
    // Unweighted, a lane is dropped only as the copy of a lone last row (finite where that row is), so masking
    // 1/Σ once zeroes its r_j; weighted, a zero-weight row may be anything, NaN too, so each r_j is masked.
    const inverse = weighted ? f64x2.div(ONE, sum) : v128.and(f64x2.div(ONE, sum), keep);
    if (deferred) {
      v128.store(inverses + (<usize>b << 4), inverse);
    } else {
      for (let j = 0; j < k; j++) {
        const at = row + (<usize>j << 4);
        const e = v128.load(at);
        const r = f64x2.mul(e, inverse);
        v128.store(at, weighted ? f64x2.mul(v128.and(r, keep), w) : r);
      }
    }
    if (weighted) {
      logLikelihood = f64x2.add(logLikelihood, v128.and(f64x2.mul(f64x2.add(max, logLanes(sum)), w), keep));
    } else {
      // Σ_j e_j lies in [1, k], so the product of BLOCK_PAIRS of them cannot overflow.
      maxSum = f64x2.add(maxSum, v128.and(max, keep));
      product = f64x2.mul(product, v128.bitselect(sum, ONE, keep));
    }
    row += <usize>k * SLOT;
  }
  return weighted ? logLikelihood : f64x2.add(maxSum, logLanes(product));
}

/** Adds Σ_b r_j of the block to accN[j]. */
@inline function addBlockWeight(d: i32, k: i32, pairs: i32, j: i32, work: usize, accN: usize): void {
  const r0 = blockRespOffset(work, d) + (<usize>j << 4);
  let n = ZERO;
  for (let b = 0; b < pairs; b++) n = f64x2.add(n, v128.load(r0 + <usize>b * (<usize>k * SLOT)));
  addTo(accN + (<usize>j << 4), n);
}

/**
 * Pass 3, diag and spherical: N, S and Q (per column, or summed over the columns) straight from the rows, over the
 * pairs pass 2 listed for the component (active.ts: for O(d) work per pair, pairing up the nonzero lanes instead costs
 * about as much as it saves). Columns go two at a time, so four independent sums share each responsibility load; for
 * odd d the last odd column is the rows' zero padding with μ = 0: its sums are zero and are not stored.
 */
@inline function addBlockStatsSeparable(kind: i32, d: i32, k: i32, means: usize, work: usize): void {
  const lists = blockListsOffset(work, k, d);
  const accN = blockAccNOffset(work, k, d);
  const accS = blockAccSOffset(work, k, d);
  const accQ = blockAccQOffset(work, k, d);
  for (let j = 0; j < k; j++) {
    const count = activeCount(lists, BLOCK_PAIRS, j);
    if (count == 0) continue;
    const active = activeEntries(lists, BLOCK_PAIRS, j);
    addTo(accN + (<usize>j << 4), sumListed<f64>(active, count));
    const mean = means + (<usize>(j * d) << 3);
    const sRow = accS + (<usize>(j * d) << 4);
    const qRow = accQ + (<usize>(kind == DIAG ? j * d : j) << 4);
    let spherical = ZERO;
    for (let c = 0; c < d; c += 2) {
      const hasNext = c + 1 < d;
      const mu0 = v128.load64_splat(mean + (<usize>c << 3));
      const mu1 = hasNext ? v128.load64_splat(mean + (<usize>c << 3), 8) : ZERO;
      const column = <usize>c * BLOCK_COLUMN_BYTES;
      const slot = <usize>c * SLOT;
      let s0 = ZERO;
      let q0 = ZERO;
      let s1 = ZERO;
      let q1 = ZERO;
      for (let t = 0; t < count; t++) {
        const entry = active + <usize>t * ACTIVE_ENTRY;
        const r = v128.load(load<u32>(entry, 4));
        const at = <usize>load<u32>(entry) + column;
        const diff0 = f64x2.sub(v128.load(at), mu0);
        const diff1 = f64x2.sub(v128.load(at, BLOCK_COLUMN_BYTES), mu1);
        const w0 = f64x2.mul(r, diff0);
        const w1 = f64x2.mul(r, diff1);
        s0 = f64x2.add(s0, w0);
        q0 = f64x2.add(q0, f64x2.mul(w0, diff0));
        s1 = f64x2.add(s1, w1);
        q1 = f64x2.add(q1, f64x2.mul(w1, diff1));
      }
      addTo(sRow + slot, s0);
      if (hasNext) addTo(sRow + slot + SLOT, s1);
      if (kind == DIAG) {
        addTo(qRow + slot, q0);
        if (hasNext) addTo(qRow + slot + SLOT, q1);
      } else {
        spherical = f64x2.add(spherical, f64x2.add(q0, q1));
      }
    }
    if (kind == SPHERICAL) addTo(qRow, spherical);
  }
}

/**
 * Pass 3, full and tied: N, S and Q over the lanes with a nonzero r_j, two by two (lane-pairs.ts: the O(d²) work per
 * vector makes halving the vectors worth the pairing), Q by tiles of the outer products.
 */
@inline function addBlockStatsTriangular(kind: i32, d: i32, k: i32, pairs: i32, means: usize, rows: usize, work: usize): void {
  const stride = <usize>paddedColumns(d) * SLOT;
  const diffs = blockDiffsOffset(work, d);
  const wDiffs = blockWDiffsOffset(work, d);
  const active = blockActiveOffset(work, k, d);
  const accN = blockAccNOffset(work, k, d);
  const accS = blockAccSOffset(work, k, d);
  const accQ = blockAccQOffset(work, k, d);
  for (let j = 0; j < k; j++) {
    addBlockWeight(d, k, pairs, j, work, accN);
    const r0 = blockRespOffset(work, d) + (<usize>j << 4);
    const count = pairActiveLanes(k, pairs, r0, rows, active);
    if (count == 0) continue;
    const mean = means + (<usize>(j * d) << 3);
    const sRow = accS + (<usize>(j * d) << 4);
    for (let c = 0; c < d; c++) {
      const mu = v128.load64_splat(mean + (<usize>c << 3));
      const column = <usize>c * BLOCK_COLUMN_BYTES;
      const slot = <usize>c * SLOT;
      let s = ZERO;
      for (let t = 0; t < count; t++) {
        const entry = active + <usize>t * LANE_PAIR_ENTRY;
        const diff = f64x2.sub(lanePairValues(<usize>load<u32>(entry), <usize>load<u32>(entry, 4), column), mu);
        const w = f64x2.mul(v128.load(entry, 16), diff);
        s = f64x2.add(s, w);
        const at = slot + <usize>t * stride;
        v128.store(diffs + at, diff);
        v128.store(wDiffs + at, w);
      }
      addTo(sRow + slot, s);
    }
    addOuterProducts(d, count, diffs, wDiffs, kind == FULL ? accQ + (<usize>(j * packedSize<i32>(d)) << 4) : accQ);
  }
}

/**
 * Σ w log p per lane over rows [start, end), the per-lane statistics left in the accumulators of `work`
 * (zeroed first). `weights` = 0: unweighted.
 */
@inline export function eStepBlocks(
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
): v128 {
  zeroPadding(d, work);
  if (kind == SPHERICAL && d > 2) centreMeans(d, k, means, work);
  const xb = blockRowsOffset(work);
  // For the narrow passes (d ≤ 2).
  const resp = blockRespOffset(work, d);
  const accN = blockAccNOffset(work, k, d);
  const accS = blockAccSOffset(work, k, d);
  const accQ = blockAccQOffset(work, k, d);
  // The separable statistics pass walks the pairs pass 2 lists (the narrow passes walk every pair).
  const list = (kind == DIAG || kind == SPHERICAL) && d > 2;
  // Unweighted, the narrow pass 3 normalises e_j itself (see responsibilitiesBlock).
  const inverses = weights ? 0 : blockInversesOffset(work, d);
  // From the start of a stored pair (d ≤ 2) or block (d > 2) on, the passes read each block where x stores it; its
  // units are row pairs, one after the other for d ≤ 2 (data-layout.ts), laid out as xb for d > 2.
  const direct = readsInPlace(d, start);
  const unitStride: usize = direct ? <usize>d << 4 : SLOT;
  const column1: usize = direct ? SLOT : BLOCK_COLUMN_BYTES;
  const blockBytes = storedBlockBytes(d);
  const rangeEnd = storedEnd(x, d, end);
  // Spread over pass 1's tiles of four pairs (and of one or two components).
  setReadAheadPace(blockBytes, k * (BLOCK_PAIRS / 4));
  let logLikelihood = ZERO;
  for (let first = start; first < end; first += 2 * BLOCK_PAIRS) {
    const pairs = min(BLOCK_PAIRS, (end - first + 1) >> 1);
    if (direct) loadWeights(d, first, end, pairs, weights, work);
    else loadBlock(x, d, first, end, pairs, weights, work);
    const units = direct ? rowAddress(x, d, first) : xb;
    // The next block where x stores it (approximately, for a copied block).
    const next = rowAddress(x, d, first) + blockBytes;
    startReadAhead(next, min(rangeEnd, next + blockBytes));
    if (d == 1) logRhoBlockNarrow<f64>(kind, 1, units, unitStride, column1, k, pairs, means, precChol, logConst, resp);
    else if (d == 2) logRhoBlockNarrow<f64>(kind, 2, units, unitStride, column1, k, pairs, means, precChol, logConst, resp);
    else if (kind == SPHERICAL) logRhoBlockSpherical(d, k, pairs, precChol, logConst, units, work);
    else logRhoBlock(kind, d, k, pairs, means, precChol, logConst, units, work);
    const blockLogLikelihood = weights
      ? list
        ? responsibilitiesBlock(true, true, false, k, pairs, d, units, work)
        : responsibilitiesBlock(true, false, false, k, pairs, d, units, work)
      : list
        ? responsibilitiesBlock(false, true, false, k, pairs, d, units, work)
        : d <= 2
          ? responsibilitiesBlock(false, false, true, k, pairs, d, units, work)
          : responsibilitiesBlock(false, false, false, k, pairs, d, units, work);
    logLikelihood = f64x2.add(logLikelihood, blockLogLikelihood);
    if (d == 1) addBlockStatsNarrow<f64>(kind, 1, units, unitStride, column1, k, pairs, means, resp, inverses, accN, accS, accQ);
    else if (d == 2) addBlockStatsNarrow<f64>(kind, 2, units, unitStride, column1, k, pairs, means, resp, inverses, accN, accS, accQ);
    else if (list) addBlockStatsSeparable(kind, d, k, means, work);
    else addBlockStatsTriangular(kind, d, k, pairs, means, units, work);
  }
  return logLikelihood;
}
