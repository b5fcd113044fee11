import { DIAG, FULL, SPHERICAL } from './kinds';
import { squaredNorm } from './mahalanobis';

// Adds one row pair's second moments into the per-lane accumulators accQ, in the reference kernel's
// order per lane. wDiffs_j = r_j · diff_j; r holds r_j (spherical needs the weight itself).

/**
 * Q_j += r_j · diff_j diff_jᵀ, packed upper triangle per component. Rows r and r + 1 of the triangle go
 * together so each diff_c is loaded once for both.
 */
@inline function addFull(k: i32, d: i32, diffs: usize, wDiffs: usize, accQ: usize): void {
  const stride = <usize>d << 4;
  let q = accQ;
  for (let j = 0; j < k; j++) {
    const diff = diffs + <usize>j * stride;
    const wDiff = wDiffs + <usize>j * stride;
    let r = 0;
    for (; r + 1 < d; r += 2) {
      const w0 = v128.load(wDiff + (<usize>r << 4));
      const w1 = v128.load(wDiff + (<usize>(r + 1) << 4));
      // Row r of the triangle holds d − r entries from q; row r + 1 starts right after it, at its diagonal.
      const q1 = q + (<usize>(d - r) << 4);
      v128.store(q, f64x2.add(v128.load(q), f64x2.mul(w0, v128.load(diff + (<usize>r << 4)))));
      for (let c = r + 1; c < d; c++) {
        const x = v128.load(diff + (<usize>c << 4));
        const at0 = q + (<usize>(c - r) << 4);
        const at1 = q1 + (<usize>(c - r - 1) << 4);
        v128.store(at0, f64x2.add(v128.load(at0), f64x2.mul(w0, x)));
        v128.store(at1, f64x2.add(v128.load(at1), f64x2.mul(w1, x)));
      }
      q = q1 + (<usize>(d - r - 1) << 4);
    }
    if (r < d) {
      // The last row of an odd-sized triangle is its single diagonal entry.
      const x = v128.load(diff + (<usize>r << 4));
      v128.store(q, f64x2.add(v128.load(q), f64x2.mul(v128.load(wDiff + (<usize>r << 4)), x)));
      q += 16;
    }
  }
}

/** Q += Σ_j r_j · diff_j diff_jᵀ; each entry is kept in a register while the components are added. */
@inline function addTied(k: i32, d: i32, diffs: usize, wDiffs: usize, accQ: usize): void {
  const stride = <usize>d << 4;
  let q = accQ;
  for (let r = 0; r < d; r++) {
    for (let c = r; c < d; c++) {
      let sum = v128.load(q);
      let w = wDiffs + (<usize>r << 4);
      let diff = diffs + (<usize>c << 4);
      for (let j = 0; j < k; j++) {
        sum = f64x2.add(sum, f64x2.mul(v128.load(w), v128.load(diff)));
        w += stride;
        diff += stride;
      }
      v128.store(q, sum);
      q += 16;
    }
  }
}

/** Q_jc += r_j · diff_jc². */
@inline function addDiagonal(k: i32, d: i32, diffs: usize, wDiffs: usize, accQ: usize): void {
  const n = <usize>(k * d) << 4;
  for (let o: usize = 0; o < n; o += 16) {
    v128.store(accQ + o, f64x2.add(v128.load(accQ + o), f64x2.mul(v128.load(wDiffs + o), v128.load(diffs + o))));
  }
}

/** Q_j += r_j · ‖diff_j‖². */
@inline function addSpherical(k: i32, d: i32, diffs: usize, r: usize, accQ: usize): void {
  const stride = <usize>d << 4;
  for (let j = 0; j < k; j++) {
    const o = <usize>j << 4;
    const weighted = f64x2.mul(v128.load(r + o), squaredNorm(diffs + <usize>j * stride, d));
    v128.store(accQ + o, f64x2.add(v128.load(accQ + o), weighted));
  }
}

/** Adds the second moments of one row pair for the given kind. */
@inline export function addSecondMoments(
  kind: i32,
  k: i32,
  d: i32,
  diffs: usize,
  wDiffs: usize,
  r: usize,
  accQ: usize,
): void {
  if (kind == FULL) addFull(k, d, diffs, wDiffs, accQ);
  else if (kind == DIAG) addDiagonal(k, d, diffs, wDiffs, accQ);
  else if (kind == SPHERICAL) addSpherical(k, d, diffs, r, accQ);
  else addTied(k, d, diffs, wDiffs, accQ);
}
