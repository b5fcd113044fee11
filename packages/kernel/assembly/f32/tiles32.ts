import { paddedColumns32 } from './block-work32';

// Register tiles of the float32 E-step: the outer products of a block summed in f32 registers, then added to f64
// accumulators (the triangular products of two quads at once: ../mahalanobis.ts).

/** acc (f64x2) += lanes 0, 1 of v + lanes 2, 3 of v, promoted to f64 first. */
@inline export function addPromoted(at: usize, v: v128): void {
  const low = f64x2.promote_low_f32x4(v);
  const high = f64x2.promote_low_f32x4(f32x4.shuffle(v, v, 2, 3, 0, 1));
  v128.store(at, f64x2.add(f64x2.add(v128.load(at), low), high));
}

/**
 * Q += Σ_b wDiffs_b diffs_bᵀ over the quads of a block (quad b at b·paddedColumns32(d) slots, padding column
 * zero), packed upper triangle of f64x2 accumulators at q: each 2×4 (then 2×2) tile is summed over the block in f32
 * registers, then added to its accumulators once per block. Diagonal entries only ever sum r·diff² ≥ 0.
 */
@inline export function addOuterProducts32(d: i32, quads: i32, diffs: usize, wDiffs: usize, q: usize): void {
  const stride = <usize>paddedColumns32(d) << 4;
  // Packed row r starts at slot r·d − r(r − 1)/2 (its diagonal); row r + 1 starts d − r slots later.
  let row0 = q;
  for (let r = 0; r < d; r += 2) {
    const row1 = row0 + (<usize>(d - r) << 4);
    let c = r;
    for (; c + 3 < d; c += 4) {
      let a00 = f32x4.splat(0);
      let a01 = f32x4.splat(0);
      let a02 = f32x4.splat(0);
      let a03 = f32x4.splat(0);
      let a10 = f32x4.splat(0);
      let a11 = f32x4.splat(0);
      let a12 = f32x4.splat(0);
      let a13 = f32x4.splat(0);
      let w = wDiffs + (<usize>r << 4);
      let x = diffs + (<usize>c << 4);
      for (let b = 0; b < quads; b++) {
        const w0 = v128.load(w);
        const w1 = v128.load(w, 16);
        const x0 = v128.load(x);
        const x1 = v128.load(x, 16);
        a00 = f32x4.add(a00, f32x4.mul(w0, x0));
        a01 = f32x4.add(a01, f32x4.mul(w0, x1));
        a10 = f32x4.add(a10, f32x4.mul(w1, x0));
        a11 = f32x4.add(a11, f32x4.mul(w1, x1));
        const x2 = v128.load(x, 32);
        const x3 = v128.load(x, 48);
        a02 = f32x4.add(a02, f32x4.mul(w0, x2));
        a03 = f32x4.add(a03, f32x4.mul(w0, x3));
        a12 = f32x4.add(a12, f32x4.mul(w1, x2));
        a13 = f32x4.add(a13, f32x4.mul(w1, x3));
        w += stride;
        x += stride;
      }
      const at0 = row0 + (<usize>(c - r) << 4);
      addPromoted(at0, a00);
      addPromoted(at0 + 16, a01);
      addPromoted(at0 + 32, a02);
      addPromoted(at0 + 48, a03);
      if (r + 1 < d) {
        // Row r + 1 holds columns ≥ r + 1: (r + 1, c) exists unless c = r.
        const at1 = row1 + (<usize>(c - r - 1) << 4);
        if (c > r) addPromoted(at1, a10);
        addPromoted(at1 + 16, a11);
        addPromoted(at1 + 32, a12);
        addPromoted(at1 + 48, a13);
      }
    }
    for (; c < d; c += 2) {
      let a00 = f32x4.splat(0);
      let a01 = f32x4.splat(0);
      let a10 = f32x4.splat(0);
      let a11 = f32x4.splat(0);
      let w = wDiffs + (<usize>r << 4);
      let x = diffs + (<usize>c << 4);
      for (let b = 0; b < quads; b++) {
        const w0 = v128.load(w);
        const w1 = v128.load(w, 16);
        const x0 = v128.load(x);
        const x1 = v128.load(x, 16);
        a00 = f32x4.add(a00, f32x4.mul(w0, x0));
        a01 = f32x4.add(a01, f32x4.mul(w0, x1));
        a10 = f32x4.add(a10, f32x4.mul(w1, x0));
        a11 = f32x4.add(a11, f32x4.mul(w1, x1));
        w += stride;
        x += stride;
      }
      // Entries (r, c), (r, c + 1), (r + 1, c), (r + 1, c + 1), those of the upper triangle only.
      addPromoted(row0 + (<usize>(c - r) << 4), a00);
      if (c + 1 < d) addPromoted(row0 + (<usize>(c + 1 - r) << 4), a01);
      if (r + 1 < d) {
        if (c > r) addPromoted(row1 + (<usize>(c - r - 1) << 4), a10);
        if (c + 1 < d) addPromoted(row1 + (<usize>(c - r) << 4), a11);
      }
    }
    row0 = row1 + (<usize>(d - r - 1) << 4);
  }
}
