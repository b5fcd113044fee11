import { paddedColumns32 } from './block-work32';

// Register tiles of the float32 E-step: the triangular products of two quads at once, and the outer products of a
// block summed in f32 registers, then added to f64 accumulators.

/** acc (f64x2) += lanes 0, 1 of v + lanes 2, 3 of v, promoted to f64 first. */
@inline export function addPromoted(at: usize, v: v128): void {
  const low = f64x2.promote_low_f32x4(v);
  const high = f64x2.promote_low_f32x4(f32x4.shuffle(v, v, 2, 3, 0, 1));
  v128.store(at, f64x2.add(f64x2.add(v128.load(at), low), high));
}

/**
 * ½‖diffᵀU‖² of two quads (diffA, diffB: d f32x4 slots each), U packed upper triangular f32, stored at outA and
 * outB: y_c = Σ_{r ≤ c} diff_r · U[r][c], four columns at a time, then two, then one; each U entry is loaded once
 * for both quads. Going down a column of the packed triangle from row r to r + 1 skips d − r − 1 entries.
 */
@inline export function halfNormTriangularTwice32(diffA: usize, diffB: usize, U: usize, d: i32, outA: usize, outB: usize): void {
  let sumA = f32x4.splat(0);
  let sumB = f32x4.splat(0);
  let c = 0;
  for (; c + 3 < d; c += 4) {
    let y0a = f32x4.splat(0);
    let y1a = f32x4.splat(0);
    let y2a = f32x4.splat(0);
    let y3a = f32x4.splat(0);
    let y0b = f32x4.splat(0);
    let y1b = f32x4.splat(0);
    let y2b = f32x4.splat(0);
    let y3b = f32x4.splat(0);
    let u = U + (<usize>c << 2);
    for (let r = 0; r <= c; r++) {
      const o = <usize>r << 4;
      const xa = v128.load(diffA + o);
      const xb = v128.load(diffB + o);
      const u0 = v128.load32_splat(u);
      const u1 = v128.load32_splat(u, 4);
      y0a = f32x4.add(y0a, f32x4.mul(xa, u0));
      y1a = f32x4.add(y1a, f32x4.mul(xa, u1));
      y0b = f32x4.add(y0b, f32x4.mul(xb, u0));
      y1b = f32x4.add(y1b, f32x4.mul(xb, u1));
      const u2 = v128.load32_splat(u, 8);
      const u3 = v128.load32_splat(u, 12);
      y2a = f32x4.add(y2a, f32x4.mul(xa, u2));
      y3a = f32x4.add(y3a, f32x4.mul(xa, u3));
      y2b = f32x4.add(y2b, f32x4.mul(xb, u2));
      y3b = f32x4.add(y3b, f32x4.mul(xb, u3));
      u += <usize>(d - r - 1) << 2;
    }
    // The triangle inside the tile: u + 4·t is now U[c + 1][c + t], then (after the steps below) U[c + 2][c + t]
    // and U[c + 3][c + t].
    let o = <usize>(c + 1) << 4;
    let xa = v128.load(diffA + o);
    let xb = v128.load(diffB + o);
    let ut = v128.load32_splat(u, 4);
    y1a = f32x4.add(y1a, f32x4.mul(xa, ut));
    y1b = f32x4.add(y1b, f32x4.mul(xb, ut));
    ut = v128.load32_splat(u, 8);
    y2a = f32x4.add(y2a, f32x4.mul(xa, ut));
    y2b = f32x4.add(y2b, f32x4.mul(xb, ut));
    ut = v128.load32_splat(u, 12);
    y3a = f32x4.add(y3a, f32x4.mul(xa, ut));
    y3b = f32x4.add(y3b, f32x4.mul(xb, ut));
    u += <usize>(d - c - 2) << 2;
    o += 16;
    xa = v128.load(diffA + o);
    xb = v128.load(diffB + o);
    ut = v128.load32_splat(u, 8);
    y2a = f32x4.add(y2a, f32x4.mul(xa, ut));
    y2b = f32x4.add(y2b, f32x4.mul(xb, ut));
    ut = v128.load32_splat(u, 12);
    y3a = f32x4.add(y3a, f32x4.mul(xa, ut));
    y3b = f32x4.add(y3b, f32x4.mul(xb, ut));
    u += <usize>(d - c - 3) << 2;
    o += 16;
    ut = v128.load32_splat(u, 12);
    y3a = f32x4.add(y3a, f32x4.mul(v128.load(diffA + o), ut));
    y3b = f32x4.add(y3b, f32x4.mul(v128.load(diffB + o), ut));
    sumA = f32x4.add(f32x4.add(sumA, f32x4.add(f32x4.mul(y0a, y0a), f32x4.mul(y1a, y1a))), f32x4.add(f32x4.mul(y2a, y2a), f32x4.mul(y3a, y3a)));
    sumB = f32x4.add(f32x4.add(sumB, f32x4.add(f32x4.mul(y0b, y0b), f32x4.mul(y1b, y1b))), f32x4.add(f32x4.mul(y2b, y2b), f32x4.mul(y3b, y3b)));
  }
  for (; c + 1 < d; c += 2) {
    let y0a = f32x4.splat(0);
    let y1a = f32x4.splat(0);
    let y0b = f32x4.splat(0);
    let y1b = f32x4.splat(0);
    let u = U + (<usize>c << 2);
    for (let r = 0; r <= c; r++) {
      const o = <usize>r << 4;
      const xa = v128.load(diffA + o);
      const xb = v128.load(diffB + o);
      const u0 = v128.load32_splat(u);
      const u1 = v128.load32_splat(u, 4);
      y0a = f32x4.add(y0a, f32x4.mul(xa, u0));
      y1a = f32x4.add(y1a, f32x4.mul(xa, u1));
      y0b = f32x4.add(y0b, f32x4.mul(xb, u0));
      y1b = f32x4.add(y1b, f32x4.mul(xb, u1));
      u += <usize>(d - r - 1) << 2;
    }
    // u + 4 is now U[c + 1][c + 1], the last term of column c + 1.
    const last = <usize>(c + 1) << 4;
    const uLast = v128.load32_splat(u, 4);
    y1a = f32x4.add(y1a, f32x4.mul(v128.load(diffA + last), uLast));
    y1b = f32x4.add(y1b, f32x4.mul(v128.load(diffB + last), uLast));
    sumA = f32x4.add(sumA, f32x4.add(f32x4.mul(y0a, y0a), f32x4.mul(y1a, y1a)));
    sumB = f32x4.add(sumB, f32x4.add(f32x4.mul(y0b, y0b), f32x4.mul(y1b, y1b)));
  }
  if (c < d) {
    let ya = f32x4.splat(0);
    let yb = f32x4.splat(0);
    let u = U + (<usize>c << 2);
    for (let r = 0; r <= c; r++) {
      const o = <usize>r << 4;
      const ur = v128.load32_splat(u);
      ya = f32x4.add(ya, f32x4.mul(v128.load(diffA + o), ur));
      yb = f32x4.add(yb, f32x4.mul(v128.load(diffB + o), ur));
      u += <usize>(d - r - 1) << 2;
    }
    sumA = f32x4.add(sumA, f32x4.mul(ya, ya));
    sumB = f32x4.add(sumB, f32x4.mul(yb, yb));
  }
  v128.store(outA, f32x4.mul(f32x4.splat(0.5), sumA));
  v128.store(outB, f32x4.mul(f32x4.splat(0.5), sumB));
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
