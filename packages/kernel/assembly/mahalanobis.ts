import { DIAG, FULL, SPHERICAL, packedSize } from './kinds';

// ½‖(x − μ_j)ᵀU_j‖² for a pair of rows (one per lane). The operations run in the reference kernel's
// order, so lane by lane the results are bit-identical to it.

/**
 * ½‖diffᵀU‖², U packed upper triangular: y_c = Σ_{r ≤ c} diff_r · U[r][c]. Columns go two at a time so
 * each diff_r is loaded once for both; every y_c still adds its terms in increasing r.
 */
@inline export function halfNormTriangular(diff: usize, U: usize, d: i32): v128 {
  let sum = f64x2.splat(0);
  let c = 0;
  for (; c + 1 < d; c += 2) {
    let y0 = f64x2.splat(0);
    let y1 = f64x2.splat(0);
    // U[0][c] is at c; going down a column from row r to r + 1 skips the d − r − 1 entries between them.
    let u = U + (<usize>c << 3);
    for (let r = 0; r <= c; r++) {
      const x = v128.load(diff + (<usize>r << 4));
      y0 = f64x2.add(y0, f64x2.mul(x, v128.load64_splat(u)));
      y1 = f64x2.add(y1, f64x2.mul(x, v128.load64_splat(u, 8)));
      u += <usize>(d - r - 1) << 3;
    }
    // u + 8 is now U[c + 1][c + 1], the last term of column c + 1.
    y1 = f64x2.add(y1, f64x2.mul(v128.load(diff + (<usize>(c + 1) << 4)), v128.load64_splat(u, 8)));
    sum = f64x2.add(sum, f64x2.mul(y0, y0));
    sum = f64x2.add(sum, f64x2.mul(y1, y1));
  }
  if (c < d) {
    let y = f64x2.splat(0);
    let u = U + (<usize>c << 3);
    for (let r = 0; r <= c; r++) {
      y = f64x2.add(y, f64x2.mul(v128.load(diff + (<usize>r << 4)), v128.load64_splat(u)));
      u += <usize>(d - r - 1) << 3;
    }
    sum = f64x2.add(sum, f64x2.mul(y, y));
  }
  return f64x2.mul(f64x2.splat(0.5), sum);
}

/**
 * halfNormTriangular for two pairs at once (diffA, diffB): each U entry is loaded once for both, and each lane
 * adds its terms in the same order as halfNormTriangular. Stores ½‖diffᵀU‖² at outA and outB.
 */
@inline export function halfNormTriangularTwice(diffA: usize, diffB: usize, U: usize, d: i32, outA: usize, outB: usize): void {
  let sumA = f64x2.splat(0);
  let sumB = f64x2.splat(0);
  let c = 0;
  // Four columns at a time while they last: six loads for eight multiply-adds. Every y starts at its row-0 term
  // rather than at 0 + that term: the same value but for the sign of a zero, which squaring drops.
  for (; c + 3 < d; c += 4) {
    let u = U + (<usize>c << 3);
    const x0a = v128.load(diffA);
    const x0b = v128.load(diffB);
    let ut = v128.load64_splat(u);
    let y0a = f64x2.mul(x0a, ut);
    let y0b = f64x2.mul(x0b, ut);
    ut = v128.load64_splat(u, 8);
    let y1a = f64x2.mul(x0a, ut);
    let y1b = f64x2.mul(x0b, ut);
    ut = v128.load64_splat(u, 16);
    let y2a = f64x2.mul(x0a, ut);
    let y2b = f64x2.mul(x0b, ut);
    ut = v128.load64_splat(u, 24);
    let y3a = f64x2.mul(x0a, ut);
    let y3b = f64x2.mul(x0b, ut);
    u += <usize>(d - 1) << 3;
    for (let r = 1; r <= c; r++) {
      const o = <usize>r << 4;
      const xa = v128.load(diffA + o);
      const xb = v128.load(diffB + o);
      const u0 = v128.load64_splat(u);
      const u1 = v128.load64_splat(u, 8);
      y0a = f64x2.add(y0a, f64x2.mul(xa, u0));
      y1a = f64x2.add(y1a, f64x2.mul(xa, u1));
      y0b = f64x2.add(y0b, f64x2.mul(xb, u0));
      y1b = f64x2.add(y1b, f64x2.mul(xb, u1));
      const u2 = v128.load64_splat(u, 16);
      const u3 = v128.load64_splat(u, 24);
      y2a = f64x2.add(y2a, f64x2.mul(xa, u2));
      y3a = f64x2.add(y3a, f64x2.mul(xa, u3));
      y2b = f64x2.add(y2b, f64x2.mul(xb, u2));
      y3b = f64x2.add(y3b, f64x2.mul(xb, u3));
      u += <usize>(d - r - 1) << 3;
    }
    // The triangle inside the tile: from here u + 8·t is U[r][c + t] for rows r = c + 1, c + 2, c + 3.
    let o = <usize>(c + 1) << 4;
    let xa = v128.load(diffA + o);
    let xb = v128.load(diffB + o);
    ut = v128.load64_splat(u, 8);
    y1a = f64x2.add(y1a, f64x2.mul(xa, ut));
    y1b = f64x2.add(y1b, f64x2.mul(xb, ut));
    ut = v128.load64_splat(u, 16);
    y2a = f64x2.add(y2a, f64x2.mul(xa, ut));
    y2b = f64x2.add(y2b, f64x2.mul(xb, ut));
    ut = v128.load64_splat(u, 24);
    y3a = f64x2.add(y3a, f64x2.mul(xa, ut));
    y3b = f64x2.add(y3b, f64x2.mul(xb, ut));
    u += <usize>(d - c - 2) << 3;
    o += 16;
    xa = v128.load(diffA + o);
    xb = v128.load(diffB + o);
    ut = v128.load64_splat(u, 16);
    y2a = f64x2.add(y2a, f64x2.mul(xa, ut));
    y2b = f64x2.add(y2b, f64x2.mul(xb, ut));
    ut = v128.load64_splat(u, 24);
    y3a = f64x2.add(y3a, f64x2.mul(xa, ut));
    y3b = f64x2.add(y3b, f64x2.mul(xb, ut));
    u += <usize>(d - c - 3) << 3;
    o += 16;
    ut = v128.load64_splat(u, 24);
    y3a = f64x2.add(y3a, f64x2.mul(v128.load(diffA + o), ut));
    y3b = f64x2.add(y3b, f64x2.mul(v128.load(diffB + o), ut));
    sumA = f64x2.add(f64x2.add(f64x2.add(f64x2.add(sumA, f64x2.mul(y0a, y0a)), f64x2.mul(y1a, y1a)), f64x2.mul(y2a, y2a)), f64x2.mul(y3a, y3a));
    sumB = f64x2.add(f64x2.add(f64x2.add(f64x2.add(sumB, f64x2.mul(y0b, y0b)), f64x2.mul(y1b, y1b)), f64x2.mul(y2b, y2b)), f64x2.mul(y3b, y3b));
  }
  for (; c + 1 < d; c += 2) {
    let u = U + (<usize>c << 3);
    const x0a = v128.load(diffA);
    const x0b = v128.load(diffB);
    const u00 = v128.load64_splat(u);
    const u01 = v128.load64_splat(u, 8);
    let y0a = f64x2.mul(x0a, u00);
    let y1a = f64x2.mul(x0a, u01);
    let y0b = f64x2.mul(x0b, u00);
    let y1b = f64x2.mul(x0b, u01);
    u += <usize>(d - 1) << 3;
    for (let r = 1; r <= c; r++) {
      const o = <usize>r << 4;
      const xa = v128.load(diffA + o);
      const xb = v128.load(diffB + o);
      const u0 = v128.load64_splat(u);
      const u1 = v128.load64_splat(u, 8);
      y0a = f64x2.add(y0a, f64x2.mul(xa, u0));
      y1a = f64x2.add(y1a, f64x2.mul(xa, u1));
      y0b = f64x2.add(y0b, f64x2.mul(xb, u0));
      y1b = f64x2.add(y1b, f64x2.mul(xb, u1));
      u += <usize>(d - r - 1) << 3;
    }
    const last = <usize>(c + 1) << 4;
    const uLast = v128.load64_splat(u, 8);
    y1a = f64x2.add(y1a, f64x2.mul(v128.load(diffA + last), uLast));
    y1b = f64x2.add(y1b, f64x2.mul(v128.load(diffB + last), uLast));
    sumA = f64x2.add(f64x2.add(sumA, f64x2.mul(y0a, y0a)), f64x2.mul(y1a, y1a));
    sumB = f64x2.add(f64x2.add(sumB, f64x2.mul(y0b, y0b)), f64x2.mul(y1b, y1b));
  }
  if (c < d) {
    let u = U + (<usize>c << 3);
    const u0 = v128.load64_splat(u);
    let ya = f64x2.mul(v128.load(diffA), u0);
    let yb = f64x2.mul(v128.load(diffB), u0);
    u += <usize>(d - 1) << 3;
    for (let r = 1; r <= c; r++) {
      const o = <usize>r << 4;
      const ur = v128.load64_splat(u);
      ya = f64x2.add(ya, f64x2.mul(v128.load(diffA + o), ur));
      yb = f64x2.add(yb, f64x2.mul(v128.load(diffB + o), ur));
      u += <usize>(d - r - 1) << 3;
    }
    sumA = f64x2.add(sumA, f64x2.mul(ya, ya));
    sumB = f64x2.add(sumB, f64x2.mul(yb, yb));
  }
  v128.store(outA, f64x2.mul(f64x2.splat(0.5), sumA));
  v128.store(outB, f64x2.mul(f64x2.splat(0.5), sumB));
}

/** ½ Σ_c (diff_c · u_c)². */
@inline function halfNormDiagonal(diff: usize, u: usize, d: i32): v128 {
  let sum = f64x2.splat(0);
  for (let c = 0; c < d; c++) {
    const y = f64x2.mul(v128.load(diff + (<usize>c << 4)), v128.load64_splat(u + (<usize>c << 3)));
    sum = f64x2.add(sum, f64x2.mul(y, y));
  }
  return f64x2.mul(f64x2.splat(0.5), sum);
}

/** Σ_c diff_c². */
@inline export function squaredNorm(diff: usize, d: i32): v128 {
  let sum = f64x2.splat(0);
  for (let c = 0; c < d; c++) {
    const v = v128.load(diff + (<usize>c << 4));
    sum = f64x2.add(sum, f64x2.mul(v, v));
  }
  return sum;
}

/** ½‖diffᵀU_j‖² of component j for the given kind (tied: one U shared by every component). */
@inline export function halfNorm(kind: i32, diff: usize, precChol: usize, j: i32, d: i32): v128 {
  if (kind == FULL) return halfNormTriangular(diff, precChol + (<usize>(j * packedSize<i32>(d)) << 3), d);
  if (kind == DIAG) return halfNormDiagonal(diff, precChol + (<usize>(j * d) << 3), d);
  if (kind == SPHERICAL) {
    const u = v128.load64_splat(precChol + (<usize>j << 3));
    return f64x2.mul(f64x2.mul(f64x2.mul(f64x2.splat(0.5), squaredNorm(diff, d)), u), u);
  }
  return halfNormTriangular(diff, precChol, d);
}
