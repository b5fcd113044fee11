// Well-separated clusters leave most responsibilities exactly 0 (flushed in the E-step's exp), and a row with
// r_j = 0 adds only zeros to S_j and Q_j: the statistics pass walks the listed vectors only, which changes no bit
// of the result.

/** Bytes of one entry of the list: the vector's data address, then its r_j address (u32 each). */
export const ACTIVE_ENTRY: usize = 8;

/**
 * Lists at `active` the block's `count` vectors (row pairs or quads: data at x0 + b·xStride, r_j at r0 + b·k·16)
 * whose r_j is not zero in every lane, as their data and r_j addresses, and returns how many there are. Without
 * a branch: which vectors are active follows the data, and a mispredicted branch per vector costs more than the
 * store.
 */
@inline export function listActive(k: i32, count: i32, r0: usize, x0: usize, xStride: usize, active: usize): i32 {
  const rStride = <usize>k << 4;
  let listed = 0;
  for (let b = 0; b < count; b++) {
    const r = r0 + <usize>b * rStride;
    const entry = active + <usize>listed * ACTIVE_ENTRY;
    store<u32>(entry, x0 + <usize>b * xStride);
    store<u32>(entry, r, 4);
    listed += <i32>v128.any_true(v128.load(r));
  }
  return listed;
}
