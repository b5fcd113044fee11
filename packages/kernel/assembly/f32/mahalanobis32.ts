import { DIAG, FULL, TIED, packedSize } from '../kinds';
import { halfNormTriangular } from '../mahalanobis';

// ½‖(x − μ_j)ᵀU_j‖² for a quad of four rows (one per lane), in f32. Parameters are f32 arrays in the
// layouts of src/types.ts, splatted across the lanes; diff and x hold d f32x4 slots.

/** y² of one quad's column: y = (x_c − μ_c)·u_c (diag) or x_c − μ_c (spherical). */
@inline function diagonalSquare32(spherical: bool, x: usize, column: usize, mu: v128, uc: v128): v128 {
  let y = f32x4.sub(v128.load(x + column), mu);
  if (!spherical) y = f32x4.mul(y, uc);
  return f32x4.mul(y, y);
}

/** ½·sum, times u² for spherical (u the component's one factor). */
@inline function halfScaled32(spherical: bool, sum: v128, u: usize): v128 {
  const half = f32x4.mul(f32x4.splat(0.5), sum);
  if (!spherical) return half;
  const s = v128.load32_splat(u);
  return f32x4.mul(f32x4.mul(half, s), s);
}

/**
 * ½ Σ_c ((x_c − μ_c) · u_c)² (diag: u holds d factors), or ½ u² Σ_c (x_c − μ_c)² (spherical: u is one factor),
 * straight from the quad's data.
 */
@inline export function halfNormDiagonal32(spherical: bool, x: usize, mean: usize, u: usize, d: i32): v128 {
  let sum = f32x4.splat(0);
  for (let c = 0; c < d; c++) {
    const uc = spherical ? f32x4.splat(0) : v128.load32_splat(u + (<usize>c << 2));
    sum = f32x4.add(sum, diagonalSquare32(spherical, x, <usize>c << 4, v128.load32_splat(mean + (<usize>c << 2)), uc));
  }
  return halfScaled32(spherical, sum, u);
}

/**
 * halfNormDiagonal32 of the four quads at x, x + xStride, …, by the same operations in the same order, stored at
 * out, out + outStride, …: one sum is one chain of dependent adds, and four of them keep the adder busy where one
 * would wait on each add; the parameters are loaded once for the four.
 */
@inline export function halfNormDiagonalFour32(spherical: bool, x: usize, xStride: usize, mean: usize, u: usize, d: i32, out: usize, outStride: usize): void {
  let sum0 = f32x4.splat(0);
  let sum1 = f32x4.splat(0);
  let sum2 = f32x4.splat(0);
  let sum3 = f32x4.splat(0);
  for (let c = 0; c < d; c++) {
    const column = <usize>c << 4;
    const mu = v128.load32_splat(mean + (<usize>c << 2));
    const uc = spherical ? f32x4.splat(0) : v128.load32_splat(u + (<usize>c << 2));
    sum0 = f32x4.add(sum0, diagonalSquare32(spherical, x, column, mu, uc));
    sum1 = f32x4.add(sum1, diagonalSquare32(spherical, x + xStride, column, mu, uc));
    sum2 = f32x4.add(sum2, diagonalSquare32(spherical, x + 2 * xStride, column, mu, uc));
    sum3 = f32x4.add(sum3, diagonalSquare32(spherical, x + 3 * xStride, column, mu, uc));
  }
  v128.store(out, halfScaled32(spherical, sum0, u));
  v128.store(out + outStride, halfScaled32(spherical, sum1, u));
  v128.store(out + 2 * outStride, halfScaled32(spherical, sum2, u));
  v128.store(out + 3 * outStride, halfScaled32(spherical, sum3, u));
}

/** ½‖(x − μ_j)ᵀU_j‖² of component j of a quad, x − μ_j already in `diff` for full and tied (U shared). */
@inline export function halfNorm32(kind: i32, x: usize, diff: usize, means: usize, precChol: usize, j: i32, d: i32): v128 {
  if (kind == FULL) return halfNormTriangular<f32>(diff, precChol + (<usize>(j * packedSize<i32>(d)) << 2), d);
  if (kind == TIED) return halfNormTriangular<f32>(diff, precChol, d);
  const mean = means + (<usize>(j * d) << 2);
  if (kind == DIAG) return halfNormDiagonal32(false, x, mean, precChol + (<usize>(j * d) << 2), d);
  return halfNormDiagonal32(true, x, mean, precChol + (<usize>j << 2), d);
}
