import { DIAG, FULL, SPHERICAL, packedSize } from '../kinds';
import { blockAccNOffset32, blockAccQOffset32, blockAccSOffset32, blockRespOffset32 } from './block-work32';
import { addPromoted } from './tiles32';

// Passes 1 and 3 of the float32 blocked E-step (block-estep32.ts) for one or two columns, as ../block-narrow.ts
// does for float64: every per-column loop written out, differences recomputed instead of stored, and all of a
// component's statistics summed over the block in f32 registers, then added to the f64 accumulators.

const ZERO: v128 = f32x4.splat(0);
const HALF: v128 = f32x4.splat(0.5);

/** Pass 1 for d = columns ≤ 2: resp[b][j] = log ρ_j of quad b (quad b's columns at block + b·columns·16). */
@inline export function logRhoBlockNarrow32(
  kind: i32,
  columns: i32,
  block: usize,
  k: i32,
  quads: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  work: usize,
): void {
  const respStride = <usize>k << 4;
  const quadBytes = <usize>columns << 4;
  for (let j = 0; j < k; j++) {
    const mean = means + (<usize>(j * columns) << 2);
    const mu0 = v128.load32_splat(mean);
    const mu1 = columns == 2 ? v128.load32_splat(mean, 4) : ZERO;
    const c0 = v128.load32_splat(logConst + (<usize>j << 2));
    // full and tied: U packed as (u00, u01, u11), or (u00) for one column; diag: (u0, u1) in u00, u11;
    // spherical: u in u00.
    let u00 = ZERO;
    let u01 = ZERO;
    let u11 = ZERO;
    if (kind == DIAG) {
      const u = precChol + (<usize>(j * columns) << 2);
      u00 = v128.load32_splat(u);
      if (columns == 2) u11 = v128.load32_splat(u, 4);
    } else if (kind == SPHERICAL) {
      u00 = v128.load32_splat(precChol + (<usize>j << 2));
    } else {
      const U = kind == FULL ? precChol + (<usize>(j * packedSize<i32>(columns)) << 2) : precChol;
      u00 = v128.load32_splat(U);
      if (columns == 2) {
        u01 = v128.load32_splat(U, 4);
        u11 = v128.load32_splat(U, 8);
      }
    }
    let out = blockRespOffset32(work, columns) + (<usize>j << 4);
    let quad = block;
    for (let b = 0; b < quads; b++) {
      const diff0 = f32x4.sub(v128.load(quad), mu0);
      let half: v128;
      if (columns == 1) {
        const y0 = kind == SPHERICAL ? diff0 : f32x4.mul(diff0, u00);
        half = f32x4.mul(HALF, f32x4.mul(y0, y0));
        if (kind == SPHERICAL) half = f32x4.mul(f32x4.mul(half, u00), u00);
      } else {
        const diff1 = f32x4.sub(v128.load(quad, 16), mu1);
        if (kind == SPHERICAL) {
          const squares = f32x4.add(f32x4.mul(diff0, diff0), f32x4.mul(diff1, diff1));
          half = f32x4.mul(f32x4.mul(f32x4.mul(HALF, squares), u00), u00);
        } else {
          const y0 = f32x4.mul(diff0, u00);
          const y1 = kind == DIAG ? f32x4.mul(diff1, u11) : f32x4.add(f32x4.mul(diff0, u01), f32x4.mul(diff1, u11));
          half = f32x4.mul(HALF, f32x4.add(f32x4.mul(y0, y0), f32x4.mul(y1, y1)));
        }
      }
      v128.store(out, f32x4.sub(c0, half));
      out += respStride;
      quad += quadBytes;
    }
  }
}

/** Pass 3 for d = columns ≤ 2: adds the block's N, S, Q into the f64 accumulators. */
@inline export function addBlockStatsNarrow32(kind: i32, columns: i32, block: usize, k: i32, quads: i32, means: usize, work: usize): void {
  const respStride = <usize>k << 4;
  const quadBytes = <usize>columns << 4;
  const accN = blockAccNOffset32(work, k, columns);
  const accS = blockAccSOffset32(work, k, columns);
  const accQ = blockAccQOffset32(work, k, columns);
  for (let j = 0; j < k; j++) {
    const mean = means + (<usize>(j * columns) << 2);
    const mu0 = v128.load32_splat(mean);
    const mu1 = columns == 2 ? v128.load32_splat(mean, 4) : ZERO;
    let n = ZERO;
    let s0 = ZERO;
    let s1 = ZERO;
    let q00 = ZERO;
    let q01 = ZERO;
    let q11 = ZERO;
    let r = blockRespOffset32(work, columns) + (<usize>j << 4);
    let quad = block;
    for (let b = 0; b < quads; b++) {
      const resp = v128.load(r);
      const diff0 = f32x4.sub(v128.load(quad), mu0);
      const w0 = f32x4.mul(resp, diff0);
      n = f32x4.add(n, resp);
      s0 = f32x4.add(s0, w0);
      q00 = f32x4.add(q00, f32x4.mul(w0, diff0));
      if (columns == 2) {
        const diff1 = f32x4.sub(v128.load(quad, 16), mu1);
        const w1 = f32x4.mul(resp, diff1);
        s1 = f32x4.add(s1, w1);
        q11 = f32x4.add(q11, f32x4.mul(w1, diff1));
        if (kind != DIAG && kind != SPHERICAL) q01 = f32x4.add(q01, f32x4.mul(w0, diff1));
      }
      r += respStride;
      quad += quadBytes;
    }
    addPromoted(accN + (<usize>j << 4), n);
    const s = accS + (<usize>(j * columns) << 4);
    addPromoted(s, s0);
    if (columns == 2) addPromoted(s + 16, s1);
    if (kind == SPHERICAL) {
      // Each column's block sum promoted on its own, as the general pass does.
      addPromoted(accQ + (<usize>j << 4), q00);
      if (columns == 2) addPromoted(accQ + (<usize>j << 4), q11);
    } else if (kind == DIAG) {
      const q = accQ + (<usize>(j * columns) << 4);
      addPromoted(q, q00);
      if (columns == 2) addPromoted(q + 16, q11);
    } else {
      // Packed upper triangle (0,0), (0,1), (1,1), or (0,0): per component (full) or one for all (tied).
      const q = kind == FULL ? accQ + (<usize>(j * packedSize<i32>(columns)) << 4) : accQ;
      addPromoted(q, q00);
      if (columns == 2) {
        addPromoted(q + 16, q01);
        addPromoted(q + 32, q11);
      }
    }
  }
}
