import { addTo } from './block-moments';
import { DIAG, FULL, SPHERICAL, packedSize } from './kinds';
import { BLOCK_COLUMN_BYTES, blockAccNOffset, blockAccQOffset, blockAccSOffset, blockRespOffset, blockRowsOffset } from './block-work';

// Passes 1 and 3 of the blocked E-step (block-estep.ts) for one or two columns (`columns`, a constant at every call
// site), the common cases of histograms and plotted data: every per-column loop is written out, the differences are
// recomputed instead of stored, and all of a component's statistics stay in registers over the block. Pass 1 does
// the general pass's operations in the same order.

const ZERO: v128 = f64x2.splat(0);
const HALF: v128 = f64x2.splat(0.5);
/** Pair b's column 0 is at xb + b·16, its column 1 (if any) BLOCK_COLUMN_BYTES further. */
const SLOT: usize = 16;

/** Pass 1 for d = columns ≤ 2: resp[b][j] = log ρ_j of pair b. */
@inline export function logRhoBlockNarrow(kind: i32, columns: i32, k: i32, pairs: i32, means: usize, precChol: usize, logConst: usize, work: usize): void {
  const xb = blockRowsOffset(work);
  const respStride = <usize>k << 4;
  for (let j = 0; j < k; j++) {
    const mean = means + (<usize>(j * columns) << 3);
    const mu0 = v128.load64_splat(mean);
    const mu1 = columns == 2 ? v128.load64_splat(mean, 8) : ZERO;
    const c0 = v128.load64_splat(logConst + (<usize>j << 3));
    // full and tied: U packed as (u00, u01, u11), or (u00) for one column; diag: (u0, u1) in u00, u11;
    // spherical: u in u00.
    let u00 = ZERO;
    let u01 = ZERO;
    let u11 = ZERO;
    if (kind == DIAG) {
      const u = precChol + (<usize>(j * columns) << 3);
      u00 = v128.load64_splat(u);
      if (columns == 2) u11 = v128.load64_splat(u, 8);
    } else if (kind == SPHERICAL) {
      u00 = v128.load64_splat(precChol + (<usize>j << 3));
    } else {
      const U = kind == FULL ? precChol + (<usize>(j * packedSize<i32>(columns)) << 3) : precChol;
      u00 = v128.load64_splat(U);
      if (columns == 2) {
        u01 = v128.load64_splat(U, 8);
        u11 = v128.load64_splat(U, 16);
      }
    }
    let out = blockRespOffset(work, columns) + (<usize>j << 4);
    let row = xb;
    for (let b = 0; b < pairs; b++) {
      const diff0 = f64x2.sub(v128.load(row), mu0);
      let half: v128;
      if (columns == 1) {
        const y0 = kind == SPHERICAL ? diff0 : f64x2.mul(diff0, u00);
        half = f64x2.mul(HALF, f64x2.mul(y0, y0));
        if (kind == SPHERICAL) half = f64x2.mul(f64x2.mul(half, u00), u00);
      } else {
        const diff1 = f64x2.sub(v128.load(row, BLOCK_COLUMN_BYTES), mu1);
        if (kind == SPHERICAL) {
          const squares = f64x2.add(f64x2.mul(diff0, diff0), f64x2.mul(diff1, diff1));
          half = f64x2.mul(f64x2.mul(f64x2.mul(HALF, squares), u00), u00);
        } else {
          const y0 = f64x2.mul(diff0, u00);
          const y1 = kind == DIAG ? f64x2.mul(diff1, u11) : f64x2.add(f64x2.mul(diff0, u01), f64x2.mul(diff1, u11));
          half = f64x2.mul(HALF, f64x2.add(f64x2.mul(y0, y0), f64x2.mul(y1, y1)));
        }
      }
      v128.store(out, f64x2.sub(c0, half));
      out += respStride;
      row += SLOT;
    }
  }
}

/** Pass 3 for d = columns ≤ 2: adds the block's N, S, Q into the per-lane accumulators. */
@inline export function addBlockStatsNarrow(kind: i32, columns: i32, k: i32, pairs: i32, means: usize, work: usize): void {
  const xb = blockRowsOffset(work);
  const respStride = <usize>k << 4;
  const accN = blockAccNOffset(work, k, columns);
  const accS = blockAccSOffset(work, k, columns);
  const accQ = blockAccQOffset(work, k, columns);
  for (let j = 0; j < k; j++) {
    const mean = means + (<usize>(j * columns) << 3);
    const mu0 = v128.load64_splat(mean);
    const mu1 = columns == 2 ? v128.load64_splat(mean, 8) : ZERO;
    let n = ZERO;
    let s0 = ZERO;
    let s1 = ZERO;
    let q00 = ZERO;
    let q01 = ZERO;
    let q11 = ZERO;
    let r = blockRespOffset(work, columns) + (<usize>j << 4);
    let row = xb;
    for (let b = 0; b < pairs; b++) {
      const resp = v128.load(r);
      const diff0 = f64x2.sub(v128.load(row), mu0);
      const w0 = f64x2.mul(resp, diff0);
      n = f64x2.add(n, resp);
      s0 = f64x2.add(s0, w0);
      q00 = f64x2.add(q00, f64x2.mul(w0, diff0));
      if (columns == 2) {
        const diff1 = f64x2.sub(v128.load(row, BLOCK_COLUMN_BYTES), mu1);
        const w1 = f64x2.mul(resp, diff1);
        s1 = f64x2.add(s1, w1);
        q11 = f64x2.add(q11, f64x2.mul(w1, diff1));
        if (kind != DIAG && kind != SPHERICAL) q01 = f64x2.add(q01, f64x2.mul(w0, diff1));
      }
      r += respStride;
      row += SLOT;
    }
    addTo(accN + (<usize>j << 4), n);
    const s = accS + (<usize>(j * columns) << 4);
    addTo(s, s0);
    if (columns == 2) addTo(s + 16, s1);
    if (kind == SPHERICAL) {
      addTo(accQ + (<usize>j << 4), columns == 2 ? f64x2.add(q00, q11) : q00);
    } else if (kind == DIAG) {
      const q = accQ + (<usize>(j * columns) << 4);
      addTo(q, q00);
      if (columns == 2) addTo(q + 16, q11);
    } else {
      // Packed upper triangle (0,0), (0,1), (1,1), or (0,0): per component (full) or one for all (tied).
      const q = kind == FULL ? accQ + (<usize>(j * packedSize<i32>(columns)) << 4) : accQ;
      addTo(q, q00);
      if (columns == 2) {
        addTo(q + 16, q01);
        addTo(q + 32, q11);
      }
    }
  }
}
