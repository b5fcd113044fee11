import { DIAG, FULL, TIED, packedSize } from '../kinds';

// ½‖(x − μ_j)ᵀU_j‖² for a quad of four rows (one per lane), in f32. Parameters are f32 arrays in the
// layouts of src/types.ts, splatted across the lanes; diff and x hold d f32x4 slots.

/**
 * ½‖diffᵀU‖², U packed upper triangular: y_c = Σ_{r ≤ c} diff_r · U[r][c]. Columns go two at a time so
 * each diff_r is loaded once for both.
 */
@inline export function halfNormTriangular32(diff: usize, U: usize, d: i32): v128 {
  let sum = f32x4.splat(0);
  let c = 0;
  for (; c + 1 < d; c += 2) {
    let y0 = f32x4.splat(0);
    let y1 = f32x4.splat(0);
    // U[0][c] is at c; going down a column from row r to r + 1 skips the d − r − 1 entries between them.
    let u = U + (<usize>c << 2);
    for (let r = 0; r <= c; r++) {
      const x = v128.load(diff + (<usize>r << 4));
      y0 = f32x4.add(y0, f32x4.mul(x, v128.load32_splat(u)));
      y1 = f32x4.add(y1, f32x4.mul(x, v128.load32_splat(u, 4)));
      u += <usize>(d - r - 1) << 2;
    }
    // u + 4 is now U[c + 1][c + 1], the last term of column c + 1.
    y1 = f32x4.add(y1, f32x4.mul(v128.load(diff + (<usize>(c + 1) << 4)), v128.load32_splat(u, 4)));
    sum = f32x4.add(sum, f32x4.mul(y0, y0));
    sum = f32x4.add(sum, f32x4.mul(y1, y1));
  }
  if (c < d) {
    let y = f32x4.splat(0);
    let u = U + (<usize>c << 2);
    for (let r = 0; r <= c; r++) {
      y = f32x4.add(y, f32x4.mul(v128.load(diff + (<usize>r << 4)), v128.load32_splat(u)));
      u += <usize>(d - r - 1) << 2;
    }
    sum = f32x4.add(sum, f32x4.mul(y, y));
  }
  return f32x4.mul(f32x4.splat(0.5), sum);
}

/** ((x_c − μ_c) · u_c)² (diag), or (x_c − μ_c)² (spherical), for column c of a quad. */
@inline function diagonalTerm32(spherical: bool, x: usize, mean: usize, u: usize, c: i32): v128 {
  let y = f32x4.sub(v128.load(x + (<usize>c << 4)), v128.load32_splat(mean + (<usize>c << 2)));
  if (!spherical) y = f32x4.mul(y, v128.load32_splat(u + (<usize>c << 2)));
  return f32x4.mul(y, y);
}

/**
 * ½ Σ_c ((x_c − μ_c) · u_c)² (diag: u holds d factors), or ½ u² Σ_c (x_c − μ_c)² (spherical: u is one factor),
 * straight from the quad's data. Even and odd columns go to separate sums: one chain of dependent adds would
 * bound the loop by the add latency.
 */
@inline export function halfNormDiagonal32(spherical: bool, x: usize, mean: usize, u: usize, d: i32): v128 {
  let even = f32x4.splat(0);
  let odd = f32x4.splat(0);
  let c = 0;
  for (; c + 1 < d; c += 2) {
    even = f32x4.add(even, diagonalTerm32(spherical, x, mean, u, c));
    odd = f32x4.add(odd, diagonalTerm32(spherical, x, mean, u, c + 1));
  }
  if (c < d) even = f32x4.add(even, diagonalTerm32(spherical, x, mean, u, c));
  let half = f32x4.mul(f32x4.splat(0.5), f32x4.add(even, odd));
  if (spherical) {
    const s = v128.load32_splat(u);
    half = f32x4.mul(f32x4.mul(half, s), s);
  }
  return half;
}

/** ½‖(x − μ_j)ᵀU_j‖² of component j of a quad, x − μ_j already in `diff` for full and tied (U shared). */
@inline export function halfNorm32(kind: i32, x: usize, diff: usize, means: usize, precChol: usize, j: i32, d: i32): v128 {
  if (kind == FULL) return halfNormTriangular32(diff, precChol + (<usize>(j * packedSize<i32>(d)) << 2), d);
  if (kind == TIED) return halfNormTriangular32(diff, precChol, d);
  const mean = means + (<usize>(j * d) << 2);
  if (kind == DIAG) return halfNormDiagonal32(false, x, mean, precChol + (<usize>(j * d) << 2), d);
  return halfNormDiagonal32(true, x, mean, precChol + (<usize>j << 2), d);
}
