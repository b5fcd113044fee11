import { addTo } from './block-moments';
import { DIAG, FULL, SPHERICAL, packedSize } from './kinds';
import { addPromoted } from './f32/tiles32';
import { splatParameter } from './parameters';

// Passes 1 and 3 of the blocked E-step for one or two columns (`columns`, a constant at every call site), the common
// cases of histograms and plotted data, for float64 (T = f64: units of two rows in f64x2, block-estep.ts) and float32
// (T = f32: units of four rows in f32x4, f32/block-estep32.ts). Unit b's column 0 is at units + b·unitStride, its
// column 1 (if any) `column1` bytes further; resp holds unit b's components at resp + b·k·16. Every per-column loop
// is written out, the differences are recomputed instead of stored, and all of a component's statistics stay in
// registers over the block (float32: summed in f32, then added to the f64 accumulators). Pass 1 does the general
// pass's operations in the same order.

/** Adds a block sum to its f64 accumulator (float32: both halves promoted). */
@inline function addSum<T>(at: usize, sum: v128): void {
  if (sizeof<T>() == 8) addTo(at, sum);
  else addPromoted(at, sum);
}

/** Pass 1 for d = columns ≤ 2: resp[b][j] = log ρ_j of unit b. */
@inline export function logRhoBlockNarrow<T>(
  kind: i32,
  columns: i32,
  units: usize,
  unitStride: usize,
  column1: usize,
  k: i32,
  count: i32,
  means: usize,
  precChol: usize,
  logConst: usize,
  resp: usize,
): void {
  const zero = v128.splat<T>(0);
  const half = v128.splat<T>(0.5);
  const size = sizeof<T>();
  const respStride = <usize>k << 4;
  for (let j = 0; j < k; j++) {
    const mean = means + <usize>(j * columns) * size;
    const mu0 = splatParameter<T>(mean);
    const mu1 = columns == 2 ? splatParameter<T>(mean, 1) : zero;
    const c0 = splatParameter<T>(logConst + <usize>j * size);
    // full and tied: U packed as (u00, u01, u11), or (u00) for one column; diag: (u0, u1) in u00, u11;
    // spherical: u in u00.
    let u00 = zero;
    let u01 = zero;
    let u11 = zero;
    if (kind == DIAG) {
      const u = precChol + <usize>(j * columns) * size;
      u00 = splatParameter<T>(u);
      if (columns == 2) u11 = splatParameter<T>(u, 1);
    } else if (kind == SPHERICAL) {
      u00 = splatParameter<T>(precChol + <usize>j * size);
    } else {
      const U = kind == FULL ? precChol + <usize>(j * packedSize<i32>(columns)) * size : precChol;
      u00 = splatParameter<T>(U);
      if (columns == 2) {
        u01 = splatParameter<T>(U, 1);
        u11 = splatParameter<T>(U, 2);
      }
    }
    let out = resp + (<usize>j << 4);
    let unit = units;
    for (let b = 0; b < count; b++) {
      const diff0 = v128.sub<T>(v128.load(unit), mu0);
      let halfNorm: v128;
      if (columns == 1) {
        const y0 = kind == SPHERICAL ? diff0 : v128.mul<T>(diff0, u00);
        halfNorm = v128.mul<T>(half, v128.mul<T>(y0, y0));
        if (kind == SPHERICAL) halfNorm = v128.mul<T>(v128.mul<T>(halfNorm, u00), u00);
      } else {
        const diff1 = v128.sub<T>(v128.load(unit + column1), mu1);
        if (kind == SPHERICAL) {
          const squares = v128.add<T>(v128.mul<T>(diff0, diff0), v128.mul<T>(diff1, diff1));
          halfNorm = v128.mul<T>(v128.mul<T>(v128.mul<T>(half, squares), u00), u00);
        } else {
          const y0 = v128.mul<T>(diff0, u00);
          const y1 = kind == DIAG ? v128.mul<T>(diff1, u11) : v128.add<T>(v128.mul<T>(diff0, u01), v128.mul<T>(diff1, u11));
          halfNorm = v128.mul<T>(half, v128.add<T>(v128.mul<T>(y0, y0), v128.mul<T>(y1, y1)));
        }
      }
      v128.store(out, v128.sub<T>(c0, halfNorm));
      out += respStride;
      unit += unitStride;
    }
  }
}

/**
 * Pass 3 for d = columns ≤ 2: adds the block's N, S, Q into the f64 accumulators at accN, accS, accQ. With
 * `inverses` (not 0), resp holds e_j and unit b's r_j is e_j · inverses[b].
 */
@inline export function addBlockStatsNarrow<T>(
  kind: i32,
  columns: i32,
  units: usize,
  unitStride: usize,
  column1: usize,
  k: i32,
  count: i32,
  means: usize,
  resp: usize,
  inverses: usize,
  accN: usize,
  accS: usize,
  accQ: usize,
): void {
  const zero = v128.splat<T>(0);
  const size = sizeof<T>();
  const respStride = <usize>k << 4;
  for (let j = 0; j < k; j++) {
    const mean = means + <usize>(j * columns) * size;
    const mu0 = splatParameter<T>(mean);
    const mu1 = columns == 2 ? splatParameter<T>(mean, 1) : zero;
    let n = zero;
    let s0 = zero;
    let s1 = zero;
    let q00 = zero;
    let q01 = zero;
    let q11 = zero;
    let r = resp + (<usize>j << 4);
    let unit = units;
    for (let b = 0; b < count; b++) {
      const rj = inverses ? v128.mul<T>(v128.load(r), v128.load(inverses + (<usize>b << 4))) : v128.load(r);
      const diff0 = v128.sub<T>(v128.load(unit), mu0);
      const w0 = v128.mul<T>(rj, diff0);
      n = v128.add<T>(n, rj);
      s0 = v128.add<T>(s0, w0);
      q00 = v128.add<T>(q00, v128.mul<T>(w0, diff0));
      if (columns == 2) {
        const diff1 = v128.sub<T>(v128.load(unit + column1), mu1);
        const w1 = v128.mul<T>(rj, diff1);
        s1 = v128.add<T>(s1, w1);
        q11 = v128.add<T>(q11, v128.mul<T>(w1, diff1));
        if (kind != DIAG && kind != SPHERICAL) q01 = v128.add<T>(q01, v128.mul<T>(w0, diff1));
      }
      r += respStride;
      unit += unitStride;
    }
    addSum<T>(accN + (<usize>j << 4), n);
    const s = accS + (<usize>(j * columns) << 4);
    addSum<T>(s, s0);
    if (columns == 2) addSum<T>(s + 16, s1);
    if (kind == SPHERICAL) {
      const q = accQ + (<usize>j << 4);
      // float64 adds the columns' sums first; float32 promotes each column's on its own, as its general pass does.
      if (sizeof<T>() == 8) {
        addSum<T>(q, columns == 2 ? v128.add<T>(q00, q11) : q00);
      } else {
        addSum<T>(q, q00);
        if (columns == 2) addSum<T>(q, q11);
      }
    } else if (kind == DIAG) {
      const q = accQ + (<usize>(j * columns) << 4);
      addSum<T>(q, q00);
      if (columns == 2) addSum<T>(q + 16, q11);
    } else {
      // Packed upper triangle (0,0), (0,1), (1,1), or (0,0): per component (full) or one for all (tied).
      const q = kind == FULL ? accQ + (<usize>(j * packedSize<i32>(columns)) << 4) : accQ;
      addSum<T>(q, q00);
      if (columns == 2) {
        addSum<T>(q + 16, q01);
        addSum<T>(q + 32, q11);
      }
    }
  }
}
