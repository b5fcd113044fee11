import { DIAG, FULL, SPHERICAL, packedSize } from './kinds';
import { splatParameter } from './parameters';

// ½‖(x − μ_j)ᵀU_j‖² for a pair of rows (one per lane; the two triangular functions also serve the float32 E-step's
// quads). The float64 operations run in the reference kernel's order, so lane by lane the results are
// bit-identical to it.

/**
 * ½‖diffᵀU‖² of one unit (T = f64: a row pair; f32: a row quad, as halfNormTriangularTwice), U packed upper
 * triangular of type T: y_c = Σ_{r ≤ c} diff_r · U[r][c]. Columns go two at a time so each diff_r is loaded once for
 * both; every y_c still adds its terms in increasing r.
 */
@inline export function halfNormTriangular<T>(diff: usize, U: usize, d: i32): v128 {
  const size = sizeof<T>();
  let sum = v128.splat<T>(0);
  let c = 0;
  for (; c + 1 < d; c += 2) {
    let y0 = v128.splat<T>(0);
    let y1 = v128.splat<T>(0);
    // U[0][c] is at c; going down a column from row r to r + 1 skips the d − r − 1 entries between them.
    let u = U + <usize>c * size;
    for (let r = 0; r <= c; r++) {
      const x = v128.load(diff + (<usize>r << 4));
      y0 = v128.add<T>(y0, v128.mul<T>(x, splatParameter<T>(u)));
      y1 = v128.add<T>(y1, v128.mul<T>(x, splatParameter<T>(u, 1)));
      u += <usize>(d - r - 1) * size;
    }
    // u + size is now U[c + 1][c + 1], the last term of column c + 1.
    y1 = v128.add<T>(y1, v128.mul<T>(v128.load(diff + (<usize>(c + 1) << 4)), splatParameter<T>(u, 1)));
    sum = v128.add<T>(sum, v128.mul<T>(y0, y0));
    sum = v128.add<T>(sum, v128.mul<T>(y1, y1));
  }
  if (c < d) {
    let y = v128.splat<T>(0);
    let u = U + <usize>c * size;
    for (let r = 0; r <= c; r++) {
      y = v128.add<T>(y, v128.mul<T>(v128.load(diff + (<usize>r << 4)), splatParameter<T>(u)));
      u += <usize>(d - r - 1) * size;
    }
    sum = v128.add<T>(sum, v128.mul<T>(y, y));
  }
  return v128.mul<T>(v128.splat<T>(0.5), sum);
}

/**
 * ½‖diffᵀU‖² of two units at once (diffA, diffB: d slots each), U packed upper triangular of type T (f64: units are
 * row pairs in f64x2, the operations of halfNormTriangular lane by lane; f32: row quads in f32x4, ½ Σ y_c² summed
 * four columns at a time pairwise), stored at outA and outB: y_c = Σ_{r ≤ c} diff_r · U[r][c], four columns at a
 * time, then two, then one; each U entry is loaded once for both units. Going down a column of the packed triangle
 * from row r to r + 1 skips d − r − 1 entries. Every y starts at its row-0 term rather than at 0 + that term: the
 * same value but for the sign of a zero, which squaring drops.
 */
@inline export function halfNormTriangularTwice<T>(diffA: usize, diffB: usize, U: usize, d: i32, outA: usize, outB: usize): void {
  const size = sizeof<T>();
  let sumA = v128.splat<T>(0);
  let sumB = v128.splat<T>(0);
  let c = 0;
  // Four columns at a time while they last: six loads for eight multiply-adds.
  for (; c + 3 < d; c += 4) {
    let u = U + <usize>c * size;
    const x0a = v128.load(diffA);
    const x0b = v128.load(diffB);
    let ut = splatParameter<T>(u);
    let y0a = v128.mul<T>(x0a, ut);
    let y0b = v128.mul<T>(x0b, ut);
    ut = splatParameter<T>(u, 1);
    let y1a = v128.mul<T>(x0a, ut);
    let y1b = v128.mul<T>(x0b, ut);
    ut = splatParameter<T>(u, 2);
    let y2a = v128.mul<T>(x0a, ut);
    let y2b = v128.mul<T>(x0b, ut);
    ut = splatParameter<T>(u, 3);
    let y3a = v128.mul<T>(x0a, ut);
    let y3b = v128.mul<T>(x0b, ut);
    u += <usize>(d - 1) * size;
    for (let r = 1; r <= c; r++) {
      const o = <usize>r << 4;
      const xa = v128.load(diffA + o);
      const xb = v128.load(diffB + o);
      const u0 = splatParameter<T>(u);
      const u1 = splatParameter<T>(u, 1);
      y0a = v128.add<T>(y0a, v128.mul<T>(xa, u0));
      y1a = v128.add<T>(y1a, v128.mul<T>(xa, u1));
      y0b = v128.add<T>(y0b, v128.mul<T>(xb, u0));
      y1b = v128.add<T>(y1b, v128.mul<T>(xb, u1));
      const u2 = splatParameter<T>(u, 2);
      const u3 = splatParameter<T>(u, 3);
      y2a = v128.add<T>(y2a, v128.mul<T>(xa, u2));
      y3a = v128.add<T>(y3a, v128.mul<T>(xa, u3));
      y2b = v128.add<T>(y2b, v128.mul<T>(xb, u2));
      y3b = v128.add<T>(y3b, v128.mul<T>(xb, u3));
      u += <usize>(d - r - 1) * size;
    }
    // The triangle inside the tile: from here u + t·size is U[r][c + t] for rows r = c + 1, c + 2, c + 3.
    let o = <usize>(c + 1) << 4;
    let xa = v128.load(diffA + o);
    let xb = v128.load(diffB + o);
    ut = splatParameter<T>(u, 1);
    y1a = v128.add<T>(y1a, v128.mul<T>(xa, ut));
    y1b = v128.add<T>(y1b, v128.mul<T>(xb, ut));
    ut = splatParameter<T>(u, 2);
    y2a = v128.add<T>(y2a, v128.mul<T>(xa, ut));
    y2b = v128.add<T>(y2b, v128.mul<T>(xb, ut));
    ut = splatParameter<T>(u, 3);
    y3a = v128.add<T>(y3a, v128.mul<T>(xa, ut));
    y3b = v128.add<T>(y3b, v128.mul<T>(xb, ut));
    u += <usize>(d - c - 2) * size;
    o += 16;
    xa = v128.load(diffA + o);
    xb = v128.load(diffB + o);
    ut = splatParameter<T>(u, 2);
    y2a = v128.add<T>(y2a, v128.mul<T>(xa, ut));
    y2b = v128.add<T>(y2b, v128.mul<T>(xb, ut));
    ut = splatParameter<T>(u, 3);
    y3a = v128.add<T>(y3a, v128.mul<T>(xa, ut));
    y3b = v128.add<T>(y3b, v128.mul<T>(xb, ut));
    u += <usize>(d - c - 3) * size;
    o += 16;
    ut = splatParameter<T>(u, 3);
    y3a = v128.add<T>(y3a, v128.mul<T>(v128.load(diffA + o), ut));
    y3b = v128.add<T>(y3b, v128.mul<T>(v128.load(diffB + o), ut));
    sumA = addSquares4<T>(sumA, y0a, y1a, y2a, y3a);
    sumB = addSquares4<T>(sumB, y0b, y1b, y2b, y3b);
  }
  for (; c + 1 < d; c += 2) {
    let u = U + <usize>c * size;
    const x0a = v128.load(diffA);
    const x0b = v128.load(diffB);
    const u00 = splatParameter<T>(u);
    const u01 = splatParameter<T>(u, 1);
    let y0a = v128.mul<T>(x0a, u00);
    let y1a = v128.mul<T>(x0a, u01);
    let y0b = v128.mul<T>(x0b, u00);
    let y1b = v128.mul<T>(x0b, u01);
    u += <usize>(d - 1) * size;
    for (let r = 1; r <= c; r++) {
      const o = <usize>r << 4;
      const xa = v128.load(diffA + o);
      const xb = v128.load(diffB + o);
      const u0 = splatParameter<T>(u);
      const u1 = splatParameter<T>(u, 1);
      y0a = v128.add<T>(y0a, v128.mul<T>(xa, u0));
      y1a = v128.add<T>(y1a, v128.mul<T>(xa, u1));
      y0b = v128.add<T>(y0b, v128.mul<T>(xb, u0));
      y1b = v128.add<T>(y1b, v128.mul<T>(xb, u1));
      u += <usize>(d - r - 1) * size;
    }
    // u + size is now U[c + 1][c + 1], the last term of column c + 1.
    const last = <usize>(c + 1) << 4;
    const uLast = splatParameter<T>(u, 1);
    y1a = v128.add<T>(y1a, v128.mul<T>(v128.load(diffA + last), uLast));
    y1b = v128.add<T>(y1b, v128.mul<T>(v128.load(diffB + last), uLast));
    sumA = addSquares2<T>(sumA, y0a, y1a);
    sumB = addSquares2<T>(sumB, y0b, y1b);
  }
  if (c < d) {
    let u = U + <usize>c * size;
    const u0 = splatParameter<T>(u);
    let ya = v128.mul<T>(v128.load(diffA), u0);
    let yb = v128.mul<T>(v128.load(diffB), u0);
    u += <usize>(d - 1) * size;
    for (let r = 1; r <= c; r++) {
      const o = <usize>r << 4;
      const ur = splatParameter<T>(u);
      ya = v128.add<T>(ya, v128.mul<T>(v128.load(diffA + o), ur));
      yb = v128.add<T>(yb, v128.mul<T>(v128.load(diffB + o), ur));
      u += <usize>(d - r - 1) * size;
    }
    sumA = v128.add<T>(sumA, v128.mul<T>(ya, ya));
    sumB = v128.add<T>(sumB, v128.mul<T>(yb, yb));
  }
  v128.store(outA, v128.mul<T>(v128.splat<T>(0.5), sumA));
  v128.store(outB, v128.mul<T>(v128.splat<T>(0.5), sumB));
}

/** sum + y0² + y1² + y2² + y3²: one by one in order for f64 (as halfNormTriangular), pairwise for f32. */
@inline function addSquares4<T>(sum: v128, y0: v128, y1: v128, y2: v128, y3: v128): v128 {
  if (sizeof<T>() == 8) {
    return v128.add<T>(v128.add<T>(v128.add<T>(v128.add<T>(sum, v128.mul<T>(y0, y0)), v128.mul<T>(y1, y1)), v128.mul<T>(y2, y2)), v128.mul<T>(y3, y3));
  }
  const low = v128.add<T>(v128.mul<T>(y0, y0), v128.mul<T>(y1, y1));
  return v128.add<T>(v128.add<T>(sum, low), v128.add<T>(v128.mul<T>(y2, y2), v128.mul<T>(y3, y3)));
}

/** sum + y0² + y1²: one by one for f64, the pair first for f32. */
@inline function addSquares2<T>(sum: v128, y0: v128, y1: v128): v128 {
  if (sizeof<T>() == 8) return v128.add<T>(v128.add<T>(sum, v128.mul<T>(y0, y0)), v128.mul<T>(y1, y1));
  return v128.add<T>(sum, v128.add<T>(v128.mul<T>(y0, y0), v128.mul<T>(y1, y1)));
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
  if (kind == FULL) return halfNormTriangular<f64>(diff, precChol + (<usize>(j * packedSize<i32>(d)) << 3), d);
  if (kind == DIAG) return halfNormDiagonal(diff, precChol + (<usize>(j * d) << 3), d);
  if (kind == SPHERICAL) {
    const u = v128.load64_splat(precChol + (<usize>j << 3));
    return f64x2.mul(f64x2.mul(f64x2.mul(f64x2.splat(0.5), squaredNorm(diff, d)), u), u);
  }
  return halfNormTriangular<f64>(diff, precChol, d);
}
