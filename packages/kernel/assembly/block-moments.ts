import { paddedColumns } from './block-work';

// Q += Σ_b wDiffs_b diffs_bᵀ over the pairs of a block, packed upper triangle of per-lane accumulators at q.
// Each tile of Q (2×4, then 2×2 at the end of a row) is summed over the block in registers, so the accumulators
// are read and written once per block.

@inline export function addTo(at: usize, value: v128): void {
  v128.store(at, f64x2.add(v128.load(at), value));
}

/** diffs and wDiffs hold pair b at b·paddedColumns(d) slots; their padding column (odd d) is zero. */
@inline export function addOuterProducts(d: i32, pairs: i32, diffs: usize, wDiffs: usize, q: usize): void {
  const stride = <usize>paddedColumns(d) << 4;
  // Packed row r starts at slot r·d − r(r − 1)/2 (its diagonal); row r + 1 starts d − r slots later.
  let row0 = q;
  for (let r = 0; r < d; r += 2) {
    const row1 = row0 + (<usize>(d - r) << 4);
    let c = r;
    // 2×4 tiles while four columns remain: six loads for eight multiply-adds.
    for (; c + 3 < d; c += 4) {
      let a00 = f64x2.splat(0);
      let a01 = f64x2.splat(0);
      let a02 = f64x2.splat(0);
      let a03 = f64x2.splat(0);
      let a10 = f64x2.splat(0);
      let a11 = f64x2.splat(0);
      let a12 = f64x2.splat(0);
      let a13 = f64x2.splat(0);
      let w = wDiffs + (<usize>r << 4);
      let x = diffs + (<usize>c << 4);
      for (let b = 0; b < pairs; b++) {
        const w0 = v128.load(w);
        const w1 = v128.load(w, 16);
        const x0 = v128.load(x);
        const x1 = v128.load(x, 16);
        a00 = f64x2.add(a00, f64x2.mul(w0, x0));
        a01 = f64x2.add(a01, f64x2.mul(w0, x1));
        a10 = f64x2.add(a10, f64x2.mul(w1, x0));
        a11 = f64x2.add(a11, f64x2.mul(w1, x1));
        const x2 = v128.load(x, 32);
        const x3 = v128.load(x, 48);
        a02 = f64x2.add(a02, f64x2.mul(w0, x2));
        a03 = f64x2.add(a03, f64x2.mul(w0, x3));
        a12 = f64x2.add(a12, f64x2.mul(w1, x2));
        a13 = f64x2.add(a13, f64x2.mul(w1, x3));
        w += stride;
        x += stride;
      }
      const at0 = row0 + (<usize>(c - r) << 4);
      addTo(at0, a00);
      addTo(at0 + 16, a01);
      addTo(at0 + 32, a02);
      addTo(at0 + 48, a03);
      if (r + 1 < d) {
        // Row r + 1 holds columns ≥ r + 1: (r + 1, c) exists unless c = r.
        const at1 = row1 + (<usize>(c - r - 1) << 4);
        if (c > r) addTo(at1, a10);
        addTo(at1 + 16, a11);
        addTo(at1 + 32, a12);
        addTo(at1 + 48, a13);
      }
    }
    for (; c < d; c += 2) {
      let a00 = f64x2.splat(0);
      let a01 = f64x2.splat(0);
      let a10 = f64x2.splat(0);
      let a11 = f64x2.splat(0);
      let w = wDiffs + (<usize>r << 4);
      let x = diffs + (<usize>c << 4);
      for (let b = 0; b < pairs; b++) {
        const w0 = v128.load(w);
        const w1 = v128.load(w, 16);
        const x0 = v128.load(x);
        const x1 = v128.load(x, 16);
        a00 = f64x2.add(a00, f64x2.mul(w0, x0));
        a01 = f64x2.add(a01, f64x2.mul(w0, x1));
        a10 = f64x2.add(a10, f64x2.mul(w1, x0));
        a11 = f64x2.add(a11, f64x2.mul(w1, x1));
        w += stride;
        x += stride;
      }
      // Entries (r, c), (r, c + 1), (r + 1, c), (r + 1, c + 1), those of the upper triangle only.
      addTo(row0 + (<usize>(c - r) << 4), a00);
      if (c + 1 < d) addTo(row0 + (<usize>(c + 1 - r) << 4), a01);
      if (r + 1 < d) {
        if (c > r) addTo(row1 + (<usize>(c - r - 1) << 4), a10);
        if (c + 1 < d) addTo(row1 + (<usize>(c - r) << 4), a11);
      }
    }
    row0 = row1 + (<usize>(d - r - 1) << 4);
  }
}
